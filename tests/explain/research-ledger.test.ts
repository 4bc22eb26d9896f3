// explain and compare find runs where they are stored by default: a backtest's run in the research
// ledger beside the main one (the main ledger attached for its candles), the daemon's in the main
// ledger. They used to open the main ledger only, where backtests are no longer stored.
import { beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { openResearchLedger } from "../../src/runs/research-ledger.ts";
import { backtest, FROM, hlbotCli, realLedger, testConfig } from "./support.ts";

let dir = "";
let path = "";
let run = 0;
let decision = 0;

const hlbot = (...args: string[]) => hlbotCli(dir, path, args);

beforeAll(async () => {
  ({ dir, path } = await realLedger());
  const db = openResearchLedger(join(dir, "research.db"), path);
  run = backtest(db, testConfig(dir), { from: FROM, to: Date.parse("2024-12-20T00:00Z") });
  decision = (
    db.query("SELECT id FROM decisions WHERE run_id = ?1 ORDER BY id LIMIT 1").get(run) as { id: number }
  ).id;
  db.close();
}, 120_000);

describe("explain and compare on the default layout (runs in research.db)", () => {
  test("explain --research rebuilds a backtest's decision from the research ledger and the main ledger's candles", async () => {
    const r = await hlbot("explain", String(decision), "--research");
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("equal the stored row exactly");
  }, 60_000);

  test("without --research the id is looked up among the daemon's decisions (none here): exit 2 naming it", async () => {
    const r = await hlbot("explain", String(decision));
    expect(r.code).toBe(2);
    expect(r.err).toContain(String(decision));
  }, 60_000);

  test("compare N N reads backtest run N from the research ledger: identical", async () => {
    const r = await hlbot("compare", String(run), String(run));
    expect(r.code, r.err).toBe(0);
  }, 60_000);
});
