// `hlbot trade` as a process: against the fake Hyperliquid it ticks and serves the API; SIGTERM ends
// it with exit 0 and a consistent ledger; an unreachable venue is retried (never a crash); --live
// without secrets and the losing-weeks halt refuse to start with exit 2.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { openLedger } from "../../src/ledger/open.ts";
import { type FakeHyperliquid, startFakeHyperliquid } from "../support/fake-hl/index.ts";
import { scratchDir } from "../support/paths.ts";
import { freePort, runHlbot, spawnHlbot, waitFor, writeConfig } from "./support/daemon-process.ts";

let fake: FakeHyperliquid;

function sections(dir: string, over: Record<string, Record<string, unknown>> = {}) {
  const base: Record<string, Record<string, unknown>> = {
    engine: { coins: ["BTC", "ETH"], tick_seconds: 1, history_bars: 100 },
    hyperliquid: { network: "custom", http_url: fake.url, ws_url: fake.wsUrl, request_timeout_ms: 1000 },
    ledger: { path: join(dir, "hlbot.db") },
    live: { candidates_path: join(dir, "live_candidates.json") },
    daemon: { tick_offset_ms: 0, rest_deadline_ms: 1000, ws_sample_ms: 200 },
    api: { enabled: false },
  };
  for (const [k, v] of Object.entries(over)) base[k] = { ...base[k], ...v };
  return base;
}

beforeAll(() => {
  fake = startFakeHyperliquid({ time: "2025-06-02T00:00:00Z" });
});
afterAll(() => fake.stop());

describe("hlbot trade (process)", () => {
  test("serves /health and /metrics while ticking; SIGTERM → exit 0, ledger consistent", async () => {
    const dir = scratchDir("hlbot-trade-");
    const port = freePort();
    const config = writeConfig(sections(dir, { api: { enabled: true, port } }), dir);
    const child = spawnHlbot(["trade", "--config", config, "--log-format", "json"], dir);
    const url = `http://127.0.0.1:${port}`;
    const ticks = await waitFor(async () => {
      const text = await fetch(`${url}/metrics`).then(
        (r) => r.text(),
        () => "",
      );
      const m = /hlbot_ticks_total (\d+)/.exec(text);
      return m && Number(m[1]) >= 3 ? Number(m[1]) : undefined;
    }, 30_000);
    expect(ticks).toBeGreaterThanOrEqual(3);
    const health = (await fetch(`${url}/health`).then((r) => r.json())) as Record<string, unknown>;
    expect(health.source).toBe("daemon");
    expect(health.last_tick_at).not.toBeNull();
    expect((await fetch(`${url}/positions`)).status).toBe(200);
    const second = await runHlbot(["trade", "--once", "--config", config], dir);
    expect(second.code).toBe(75); // one daemon per ledger
    expect(second.err).toContain("another run holds");

    child.proc.kill("SIGTERM");
    expect(await child.exited).toBe(0);
    expect(child.stderr()).toContain("stopping after the current tick");
    expect(existsSync(join(dir, "hlbot.db.trade.lock"))).toBe(false);
    const db = openLedger(join(dir, "hlbot.db"));
    expect(db.query("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
    const beat = db.query("SELECT value FROM bot_state WHERE key = 'daemon.heartbeat'").get() as {
      value: string;
    };
    expect(JSON.parse(beat.value).ticks).toBeGreaterThanOrEqual(3);
    db.close();
  }, 60_000);

  test("an unreachable Hyperliquid is retried with backoff and logged, never a crash; SIGINT → exit 0", async () => {
    const dir = scratchDir("hlbot-trade-");
    const dead = freePort();
    const config = writeConfig(
      sections(dir, {
        hyperliquid: { http_url: `http://127.0.0.1:${dead}`, ws_url: `ws://127.0.0.1:${dead}/ws` },
        daemon: { connect_retry_initial_ms: 50, connect_retry_max_ms: 200 },
      }),
      dir,
    );
    const child = spawnHlbot(["trade", "--config", config, "--log-format", "json"], dir);
    await waitFor(
      () => ((child.stderr().match(/not reachable/g) ?? []).length >= 2 ? true : undefined),
      45_000,
    );
    child.proc.kill("SIGINT");
    expect(await child.exited).toBe(0);
    expect(child.stderr()).toContain("retry in");
    // issue 12 §2: the cause is named (not just "transport"), and the closing line counts the failures.
    expect(child.stderr()).toContain(`POST /info to 127.0.0.1:${dead}: connection refused`);
    expect(child.stderr()).toMatch(
      /stopped after 0 ticks .*Hyperliquid: [1-9]\d* failed requests, [1-9]\d* retries/,
    );
  }, 60_000);

  test("--once runs one tick after the warm-up and exits 0", async () => {
    const dir = scratchDir("hlbot-trade-");
    const r = await runHlbot(
      ["trade", "--once", "--config", writeConfig(sections(dir), dir), "--log-format", "json"],
      dir,
    );
    expect(r.code).toBe(0);
    expect(r.err).toContain("stopped after 1 ticks");
  }, 60_000);

  test("--live without secrets: a clear SecretError, exit 2", async () => {
    const dir = scratchDir("hlbot-trade-");
    const r = await runHlbot(["trade", "--live", "--config", writeConfig(sections(dir), dir)], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain("HL_PRIVATE_KEY is not set");
  });

  test("three losing live weeks block the start (exit 2) unless --force", async () => {
    const dir = scratchDir("hlbot-trade-");
    const config = writeConfig(sections(dir), dir);
    const ledger = openLedger(join(dir, "hlbot.db"));
    const week = 7 * 86_400_000;
    const now = Date.now();
    for (let w = 1; w <= 3; w++) {
      ledger.run(
        `INSERT INTO positions (run_id, mode, coin, side, strategy, session, regime, vol_bucket, setup_key,
          sim_model_version, status, opened_at, entry_px, size, initial_size, stop_px, initial_stop_px, target_px,
          risk_usd, best_px, closed_at, net_pnl, updated_at)
         VALUES (0, 'live', 'BTC', 'long', 'momentum', 'eu', 'Long', 'mid', ?1, 'v4', 'closed', ?2, 100, 1, 1, 90, 90,
          120, 10, 100, ?2, -5, ?2)`,
        [`k${w}`, now - w * week],
      );
    }
    ledger.close();
    const blocked = await runHlbot(["trade", "--once", "--config", config], dir);
    expect(blocked.code).toBe(2);
    expect(blocked.err).toContain("consecutive losing weeks");
    const forced = await runHlbot(
      ["trade", "--once", "--force", "--config", config, "--log-format", "json"],
      dir,
    );
    expect(forced.code).toBe(0);
  }, 60_000);
});
