// The explain and compare commands as a user runs them (`bun src/main.ts`): exit codes (0 ok or
// identical, 1 differs, 2 bad input naming what is wrong), text and --json output.
import { beforeAll, describe, expect, test } from "bun:test";
import { openLedger } from "../../src/ledger/open.ts";
import { backtest, FROM, hlbotCli, realLedger, testConfig } from "./support.ts";

let dir = "";
let path = "";
let run = 0;
let liveOpen = 0;

// The backtest below stores its run in the main ledger (the research ledger set to it).
const hlbot = (...args: string[]) => hlbotCli(dir, path, args, { HLBOT_LEDGER__RESEARCH_PATH: path });

beforeAll(async () => {
  ({ dir, path } = await realLedger());
  const db = openLedger(path);
  run = backtest(db, testConfig(dir), { from: FROM, to: Date.parse("2025-01-15T00:00Z") });
  liveOpen = (
    db
      .query("SELECT id FROM decisions WHERE run_id = ?1 AND mode = 'live' AND verdict = 'open' LIMIT 1")
      .get(run) as {
      id: number;
    }
  ).id;
  db.close();
}, 120_000);

describe("hlbot explain / compare on the command line", () => {
  test("explain ID prints gates, score, live gate and trade; exit 0 when the rebuild is exact", async () => {
    const r = await hlbot("explain", String(liveOpen));
    expect(r.code, r.err).toBe(0);
    for (const s of [
      "gates (live thresholds)",
      "score:",
      "live gate:",
      "trade: position",
      "equal the stored row exactly",
    ])
      expect(r.out).toContain(s);
    expect(r.out).toContain("thresholds from the run's stored config");
  }, 60_000);

  test("explain --json is one object with the rebuilt features and no mismatches", async () => {
    const r = await hlbot("explain", String(liveOpen), "--json");
    expect(r.code).toBe(0);
    const e = JSON.parse(r.out);
    expect(e.decision.id).toBe(liveOpen);
    expect(e.mismatches).toEqual([]);
    expect(typeof e.features.ema21).toBe("number");
  }, 60_000);

  test("explain: an unknown or malformed id is exit 2 naming it", async () => {
    const unknown = await hlbot("explain", "99999999");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("decision 99999999");
    const bad = await hlbot("explain", "12x");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("12x");
    expect(bad.err).toContain("DECISION_ID");
  }, 60_000);

  test("compare A A is identical (exit 0); an unknown run is exit 2", async () => {
    const same = await hlbot("compare", String(run), String(run));
    expect(same.code, same.err).toBe(0);
    expect(same.out).toContain("verdict: identical");
    const unknown = await hlbot("compare", String(run), "4242");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("run 4242");
  }, 60_000);

  test("compare --live-vs-shadow prints the shortfall table of the run", async () => {
    const r = await hlbot("compare", String(run), "--live-vs-shadow");
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("implementation shortfall per bucket");
    expect(r.out).toContain("source of live costs: position rows");
  }, 60_000);
});
