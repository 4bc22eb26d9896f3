// issue 12 §2: on a fresh machine nothing exists yet. Every command that takes a lock, opens or
// creates a ledger, or writes a file creates the folders it needs first (the README's cron lines and
// `make run` crashed with ENOENT on the lock file); `serve`, which only reads, names the missing ledger
// (exit 2) and creates nothing. `hlbot demo` is covered where it is added (it uses the same openDb/locks).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { type FakeHyperliquid, startFakeHyperliquid } from "../support/fake-hl/index.ts";
import { HL_DATA, scratchDir } from "../support/paths.ts";
import { runHlbot, writeConfig } from "./support/daemon-process.ts";

let fake: FakeHyperliquid;
beforeAll(() => {
  fake = startFakeHyperliquid({ time: "2025-06-02T00:00:00Z" });
});
afterAll(() => fake.stop());

/** A ledger path two folders below a fresh directory (neither folder exists). */
const nested = () => join(scratchDir(), "new", "deeper", "hlbot.db");

function venueConfig(dir: string): string {
  return writeConfig(
    {
      engine: { coins: ["BTC", "ETH"], tick_seconds: 1, history_bars: 100 },
      hyperliquid: { network: "custom", http_url: fake.url, ws_url: fake.wsUrl, request_timeout_ms: 1000 },
      live: { candidates_path: join(dir, "cfg", "live_candidates.json") },
      daemon: { tick_offset_ms: 0, rest_deadline_ms: 1000, ws_sample_ms: 200 },
      api: { enabled: false },
    },
    dir,
  );
}

describe("issue 12 §2: --db in a folder that does not exist yet", () => {
  test("issue 12 §2: trade, mine, promote, backfill and import create the ledger's folders", async () => {
    const dir = scratchDir();
    const config = venueConfig(dir);
    const run = (args: string[]) => runHlbot([...args, "--config", config, "--log-format", "json"], dir);
    const [trade, mine, promote, backfill, imported] = await Promise.all([
      run(["trade", "--once", "--db", nested()]),
      run(["mine", "--db", nested()]),
      run(["promote", "--db", nested()]),
      run(["backfill", "--db", nested(), "--coins", "BTC", "--intervals", "4h", "--days", "1"]),
      run(["import", "--dir", scratchDir(), "--db", nested()]),
    ]);
    expect(trade.code, trade.err).toBe(0);
    expect(mine.code, mine.err).toBe(3); // a new ledger has no trades: "nothing to do", not a crash
    expect(promote.code, promote.err).toBe(3);
    expect(backfill.code, backfill.err).toBe(0);
    expect(imported.code, imported.err).toBe(0);
    for (const r of [trade, mine, promote, backfill, imported]) expect(r.err).not.toContain("ENOENT");
  }, 60_000);

  test("issue 12 §2: backtest --report writes into a folder that does not exist yet", async () => {
    const data = scratchDir();
    for (const i of ["15m", "1h", "4h"])
      copyFileSync(join(HL_DATA, `ETH-${i}.csv.gz`), join(data, `ETH-${i}.csv.gz`));
    const db = nested();
    const dir = scratchDir();
    expect((await runHlbot(["import", "--dir", data, "--db", db], dir)).code).toBe(0);
    const report = join(dir, "reports", "2025", "eth.html");
    const r = await runHlbot(
      [
        "backtest",
        "--db",
        db,
        "--coins",
        "ETH",
        "--from",
        "2025-04-01",
        "--to",
        "2025-04-15",
        "--report",
        report,
      ],
      dir,
    );
    expect(r.code, r.err).toBe(0);
    expect(existsSync(report)).toBe(true);
  }, 60_000);

  test("issue 12 §2: serve on a missing ledger is exit 2 naming it, and creates nothing", async () => {
    const db = nested();
    const r = await runHlbot(["serve", "--db", db, "--port", "0"], scratchDir());
    expect(r.code).toBe(2);
    expect(r.err).toContain(`no ledger at ${db}`);
    expect(existsSync(join(db, "..", ".."))).toBe(false);
  });
});
