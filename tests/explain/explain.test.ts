// explain on a real-data run: for 1,000 random decisions (shadow and live) the features, score and
// verdict rebuilt through the engine equal the stored ones exactly; an unknown id is exit 2.

import { beforeAll, describe, expect, test } from "bun:test";
import { UsageError } from "../../src/core/errors.ts";
import { explainIds } from "../../src/explain/explain.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { backtest, realLedger, testConfig } from "./support.ts";

let path = "";
let dir = "";
let runId = 0;

beforeAll(async () => {
  ({ dir, path } = await realLedger());
  const db = openLedger(path);
  runId = backtest(db, testConfig(dir));
  db.close();
}, 120_000);

/** A seeded shuffle (mulberry32) so the sample is random but the test repeatable. */
function sample<T>(xs: T[], n: number, seed: number): T[] {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = xs.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

describe("hlbot explain", () => {
  test("1,000 random decisions: rebuilt features, score and verdict equal the stored ones", () => {
    const db = openLedger(path);
    const rows = db
      .query("SELECT id, mode, verdict FROM decisions WHERE run_id = ?1 ORDER BY id")
      .all(runId) as { id: number; mode: string; verdict: string }[];
    const live = rows.filter((r) => r.mode === "live");
    expect(rows.length).toBeGreaterThan(1000);
    expect(live.length, "the run has live decisions").toBeGreaterThan(50);
    // Every live decision plus a random rest, 1,000 in all.
    const picked = [
      ...sample(live, 300, 7),
      ...sample(
        rows.filter((r) => r.mode === "shadow"),
        700,
        11,
      ),
    ];
    expect(picked.length).toBe(1000);
    const out = explainIds(
      db,
      picked.map((r) => r.id),
      testConfig(dir),
    );
    const bad = out
      .filter((e) => e.mismatches.length > 0)
      .map((e) => `${e.decision.id}: ${e.mismatches.join("; ")}`);
    expect(bad.slice(0, 5), `${bad.length} decisions differ`).toEqual([]);
    const verdicts = new Set(out.map((e) => `${e.decision.mode}:${e.decision.verdict}`));
    expect(verdicts.has("live:open") && verdicts.has("live:rejected") && verdicts.has("shadow:open")).toBe(
      true,
    );
    for (const e of out) {
      expect(e.gates?.fires, `${e.decision.id}: the gates pass for a decision that fired`).toBe(true);
      expect(e.gates?.side).toBe(e.decision.side as "long" | "short");
    }
    db.close();
  }, 120_000);

  test("an unknown decision id is a usage error naming it", () => {
    const db = openLedger(path);
    expect(() => explainIds(db, [987654321], testConfig(dir))).toThrow(UsageError);
    expect(() => explainIds(db, [987654321], testConfig(dir))).toThrow(/decision 987654321/);
    db.close();
  });
});

describe("explain finds a stored figure it cannot reproduce", () => {
  test("a decision whose stored score and one feature were altered lists both differences", () => {
    const db = openLedger(path);
    const row = db
      .query("SELECT id, score, features FROM decisions WHERE run_id = ?1 AND mode = 'shadow' LIMIT 1")
      .get(runId) as { id: number; score: number; features: string };
    const f = JSON.parse(row.features) as Record<string, number>;
    const key = Object.keys(f)[0]!;
    db.run("UPDATE decisions SET score = ?2, features = ?3 WHERE id = ?1", [
      row.id,
      row.score + 1e-9,
      JSON.stringify({ ...f, [key]: f[key]! * 1.001 }),
    ]);
    const [e] = explainIds(db, [row.id], testConfig(dir));
    db.run("UPDATE decisions SET score = ?2, features = ?3 WHERE id = ?1", [row.id, row.score, row.features]);
    db.close();
    expect(e!.mismatches.some((m) => m.startsWith("score:"))).toBe(true);
    expect(e!.mismatches.some((m) => m.startsWith(`features.${key}:`))).toBe(true);
  });
});
