// A daemon session is a run: `hlbot trade --once` against the fake Hyperliquid leaves a finished
// `trade` row in the main ledger with its config, binary, argv, data hash and coverage — listed by
// `hlbot runs --db`, never deletable.
import { Database } from "bun:sqlite";
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { ledgerApiApp } from "../../src/api/standalone.ts";
import { loadConfig } from "../../src/config/loader.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { runHlbot, writeConfig } from "../cli/support/daemon-process.ts";
import { type FakeHyperliquid, startFakeHyperliquid } from "../support/fake-hl/index.ts";
import { scratchDir } from "../support/paths.ts";

let fake: FakeHyperliquid;
beforeAll(() => {
  fake = startFakeHyperliquid({ time: "2025-06-02T00:00:00Z" });
});
afterAll(() => fake.stop());

describe("daemon sessions as runs", () => {
  test("hlbot trade --once records a finished session run; runs lists it; rm refuses it", async () => {
    const dir = scratchDir("hlbot-session-");
    const ledger = join(dir, "hlbot.db");
    const config = writeConfig(
      {
        engine: { coins: ["BTC", "ETH"], tick_seconds: 1, history_bars: 100 },
        hyperliquid: { network: "custom", http_url: fake.url, ws_url: fake.wsUrl, request_timeout_ms: 1000 },
        ledger: { path: ledger },
        live: { candidates_path: join(dir, "live_candidates.json") },
        daemon: { tick_offset_ms: 0, rest_deadline_ms: 1000, ws_sample_ms: 200 },
        api: { enabled: false },
      },
      dir,
    );
    const r = await runHlbot(["trade", "--once", "--config", config], dir);
    expect(r.code, r.err).toBe(0);
    const db = new Database(ledger, { readonly: true });
    const rows = db.query("SELECT * FROM backtest_runs").all() as Record<string, string | number | null>[];
    db.close();
    expect(rows).toHaveLength(1);
    const s = rows[0]!;
    expect(s.kind).toBe("trade");
    expect(s.mode).toBe("shadow");
    expect(s.finished_at).not.toBeNull();
    expect(JSON.parse(String(s.config)).engine.coins).toEqual(["BTC", "ETH"]);
    expect(JSON.parse(String(s.argv))).toEqual(["hlbot", "trade", "--once", "--config", config]);
    expect(s.version).toBeTruthy();
    expect(String(s.data_hash)).toMatch(/^[0-9a-f]{16}/);
    expect(JSON.parse(String(s.coverage))).toBeInstanceOf(Array);
    expect(JSON.parse(String(s.summary)).stopReason).toContain("--once");

    // The dashboard's run browser lists backtests: a session is the daemon's (run 0), not a run of its own.
    const read = openLedger(ledger, { readonly: true });
    const api = ledgerApiApp(read, loadConfig({ path: config }).config);
    expect(((await (await api.request("/runs")).json()) as { runs: unknown[] }).runs).toEqual([]);
    expect((await api.request(`/runs/${s.id}`)).status).toBe(404);
    read.close();

    const list = await runHlbot(["runs", "--db", ledger, "--json", "--config", config], dir);
    expect(list.code, list.err).toBe(0);
    expect(JSON.parse(list.out)[0]).toMatchObject({ id: s.id, kind: "trade", status: "finished" });
    const rm = await runHlbot(["runs", "rm", String(s.id), "--db", ledger, "--config", config], dir);
    expect(rm.code).toBe(2);
    expect(rm.err).toContain("daemon session");
  }, 90_000);
});
