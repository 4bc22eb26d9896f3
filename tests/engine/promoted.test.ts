import { describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { EMPTY_LIVE_CANDIDATES } from "../../src/core/live-candidates.ts";
import { PromotedBuckets } from "../../src/engine/promoted.ts";
import type { LiveCandidatesFileError } from "../../src/mining/errors.ts";
import { scratchDir } from "../support/paths.ts";

const bucket = {
  key: "momentum|long|US_MAIN|Long|mid",
  strategy: "momentum",
  side: "long",
  session: "US_MAIN",
  regime: "Long",
  vol_bucket: "mid",
  state: "LIVE",
  size_multiplier: 1,
  since: "2025-06-01",
  stats: {},
};

describe("PromotedBuckets", () => {
  test("reloads when the file changes and keeps the last good set when a new version is bad", async () => {
    const path = join(scratchDir(), "live_candidates.json");
    const rejected: LiveCandidatesFileError[] = [];
    const promoted = new PromotedBuckets(path, (e) => rejected.push(e));
    expect(promoted.get().size).toBe(0); // no file: nothing promoted
    writeFileSync(path, JSON.stringify({ ...EMPTY_LIVE_CANDIDATES, buckets: [bucket] }));
    expect([...promoted.get().keys()]).toEqual([bucket.key]);
    await Bun.sleep(5);
    writeFileSync(path, "{ not json");
    expect([...promoted.get().keys()]).toEqual([bucket.key]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.problem).toBe("invalid_json");
    await Bun.sleep(5);
    writeFileSync(
      path,
      JSON.stringify({ ...EMPTY_LIVE_CANDIDATES, buckets: [{ ...bucket, state: "MAYBE" }] }),
    );
    expect([...promoted.get().keys()]).toEqual([bucket.key]);
    expect(rejected.at(-1)!.problem).toBe("invalid_schema");
  });
});
