import { describe, expect, test } from "bun:test";
import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EMPTY_LIVE_CANDIDATES, type LiveCandidatesFile } from "../../src/core/live-candidates.ts";
import { LiveCandidatesFileError } from "../../src/mining/errors.ts";
import {
  loadLiveCandidates,
  prepareAtomicWrite,
  promotedBuckets,
  writeLiveCandidates,
} from "../../src/mining/live-candidates-file.ts";
import { REPO_ROOT, scratchDir } from "../support/paths.ts";

const FILE: LiveCandidatesFile = {
  version: 1,
  generated_at: "2025-07-01T03:05:00.000Z",
  mining_run_id: 3,
  promote_run_id: "20250701T030500Z-m3",
  sim_model_version: "v4",
  buckets: [
    {
      key: "momentum|long|us|Long|mid",
      strategy: "momentum",
      side: "long",
      session: "us",
      regime: "Long",
      vol_bucket: "mid",
      state: "PROBATION",
      size_multiplier: 0.25,
      since: "2025-06-20T03:05:00.000Z",
      stats: { z: 3.4, q: 0.01 },
    },
  ],
};

function problem(path: string) {
  const r = loadLiveCandidates(path);
  if (r.ok) throw new Error("expected an error");
  expect(r.error).toBeInstanceOf(LiveCandidatesFileError);
  expect(r.error.kind).toBe("live_candidates");
  return r.error.problem;
}

describe("live_candidates.json", () => {
  test("round trip: written atomically, read back validated, looked up by bucket key", () => {
    const path = join(scratchDir(), "config", "live_candidates.json");
    writeLiveCandidates(path, FILE);
    const r = loadLiveCandidates(path);
    if (!r.ok) throw r.error;
    expect(r.file).toEqual(FILE);
    expect(promotedBuckets(r.file).get("momentum|long|us|Long|mid")?.size_multiplier).toBe(0.25);
    expect(readdirSync(join(path, ".."))).toEqual(["live_candidates.json"]);
  });

  test("the shipped empty file is valid", () => {
    const r = loadLiveCandidates(join(REPO_ROOT, "config", "live_candidates.json"));
    if (!r.ok) throw r.error;
    expect(r.file).toEqual(EMPTY_LIVE_CANDIDATES);
  });

  test("missing, unreadable, broken JSON and schema violations are typed errors, never a throw", () => {
    const dir = scratchDir();
    expect(problem(join(dir, "nope.json"))).toBe("missing");
    mkdirSync(join(dir, "adir"));
    expect(problem(join(dir, "adir"))).toBe("unreadable");
    writeFileSync(join(dir, "half.json"), '{"version": 1, "buckets": [');
    expect(problem(join(dir, "half.json"))).toBe("invalid_json");
    writeFileSync(
      join(dir, "bad.json"),
      JSON.stringify({ ...FILE, buckets: [{ ...FILE.buckets[0], size_multiplier: 2 }] }),
    );
    expect(problem(join(dir, "bad.json"))).toBe("invalid_schema");
  });

  test("the writer refuses a file the reader would reject, and leaves the old one in place", () => {
    const path = join(scratchDir(), "live_candidates.json");
    writeLiveCandidates(path, FILE);
    const bad = {
      ...FILE,
      buckets: [{ ...FILE.buckets[0]!, regime: "Sideways" }],
    } as unknown as LiveCandidatesFile;
    expect(() => writeLiveCandidates(path, bad)).toThrow();
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual(FILE);
  });

  test("a staged write is invisible until commit and vanishes on abort", () => {
    const path = join(scratchDir(), "f.json");
    writeFileSync(path, "old");
    const staged = prepareAtomicWrite(path, "new");
    expect(readFileSync(path, "utf8")).toBe("old");
    staged.abort();
    expect(readdirSync(join(path, ".."))).toEqual(["f.json"]);
    prepareAtomicWrite(path, "new").commit();
    expect(readFileSync(path, "utf8")).toBe("new");
  });

  test("issue 14 #13: temp files a killed promote left behind are removed by the next write", () => {
    const dir = scratchDir();
    const path = join(dir, "live_candidates.json");
    const dead = join(dir, `.live_candidates.json.2147483000.${Date.now() - 5_000}.tmp`);
    const ourPast = join(dir, `.live_candidates.json.${process.pid}.1700000000000.tmp`); // PID reused after a restart
    const aliveOld = join(dir, `.live_candidates.json.1.1700000000001.tmp`); // live PID 1, hours old
    const aliveNew = join(dir, `.live_candidates.json.1.${Date.now()}.tmp`); // live PID 1, maybe committing now
    const unrelated = join(dir, ".other.json.2147483000.1.tmp");
    for (const f of [dead, ourPast, aliveOld, aliveNew, unrelated]) writeFileSync(f, "{");
    const hoursAgo = (Date.now() - 3 * 3_600_000) / 1000;
    utimesSync(aliveOld, hoursAgo, hoursAgo);
    const staged = prepareAtomicWrite(path, "{}");
    expect(readdirSync(dir).sort()).toEqual(
      [
        ".other.json.2147483000.1.tmp",
        aliveNew.slice(dir.length + 1),
        staged.tmpPath.slice(dir.length + 1),
      ].sort(),
    );
    staged.commit();
    writeLiveCandidates(path, FILE); // an in-flight write of ours is never taken for stale
    expect(readdirSync(dir).sort()).toEqual(
      [".other.json.2147483000.1.tmp", aliveNew.slice(dir.length + 1), "live_candidates.json"].sort(),
    );
  });
});
