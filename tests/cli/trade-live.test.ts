// `hlbot trade --live` as a process against the local venue. Issue 14 #6: a key that may not trade
// HL_ACCOUNT_ADDRESS stops it with exit 2 naming both addresses (never the key). Issue 14 #5: a live
// path that cannot start does not hang `--once` — the shadow tick runs and the exit is non-zero with
// the exchange's own reason. Issue 14 #22: SIGTERM during start-up (a request hanging, retries and
// backoff ahead) exits within a few seconds.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { addressFromPrivateKey } from "../../src/hyperliquid/signing/index.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { type FakeHyperliquid, startFakeHyperliquid } from "../support/fake-hl/index.ts";
import { scratchDir } from "../support/paths.ts";
import { runHlbot, spawnHlbot, waitFor, writeConfig } from "./support/daemon-process.ts";

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
  fake = startFakeHyperliquid({ time: "2025-06-02T00:00:00Z", rateLimit: false, nonceClock: "wall" });
});
afterAll(() => fake.stop());

describe("hlbot trade --live (process)", () => {
  test("#6 a key that may not trade HL_ACCOUNT_ADDRESS: exit 2 naming both addresses, never the key", async () => {
    const dir = scratchDir("hlbot-live-");
    const acct = fake.createAccount({ usdc: 5_000 });
    const key = `0x${bytesToHex(keccak_256(utf8ToBytes("trade-live|stranger")))}`;
    const signer = addressFromPrivateKey(key).toLowerCase();
    const r = await runHlbot(
      ["trade", "--live", "--once", "--config", writeConfig(sections(dir), dir)],
      dir,
      {
        HL_PRIVATE_KEY: key,
        HL_ACCOUNT_ADDRESS: acct.address,
      },
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain(signer);
    expect(r.err).toContain(acct.address);
    expect(r.err).not.toContain(key.slice(2));
    expect(r.err).not.toContain("    at "); // a message, not a stack trace
  }, 60_000);

  test("#5 --once with a live path that cannot start: the shadow tick runs, exit non-zero with the real cause", async () => {
    const dir = scratchDir("hlbot-live-");
    const acct = fake.createAccount({ usdc: 5_000 });
    const limit = "Too many scheduled cancels today; limit is 10 per day.";
    const fault = fake.injectFault({
      kind: "reject",
      type: "scheduleCancel",
      probability: 1,
      message: limit,
    });
    try {
      const config = writeConfig(sections(dir, { hyperliquid: { schedule_cancel_seconds: 60 } }), dir);
      const r = await runHlbot(
        ["trade", "--live", "--once", "--config", config, "--log-format", "json"],
        dir,
        {
          HL_PRIVATE_KEY: acct.privateKey!,
          HL_ACCOUNT_ADDRESS: acct.address,
        },
      );
      expect(r.code).toBe(1);
      expect(r.err).toContain(limit);
      expect(r.err).toContain("the live path did not start");
      const db = openLedger(join(dir, "hlbot.db"));
      const beat = db.query("SELECT value FROM bot_state WHERE key = 'daemon.heartbeat'").get() as {
        value: string;
      };
      expect(JSON.parse(beat.value).ticks).toBe(1);
      db.close();
    } finally {
      fake.faults.remove(fault);
    }
  }, 60_000);

  for (const live of [false, true]) {
    test(`#22 SIGTERM during start-up exits within a few seconds${live ? " (--live)" : ""}`, async () => {
      const dir = scratchDir("hlbot-live-");
      const acct = fake.createAccount({ usdc: 5_000 });
      // Every /info request hangs far past a long timeout: start-up is stuck inside a request.
      const fault = fake.injectFault({ kind: "timeout", endpoint: "info", probability: 1, delayMs: 120_000 });
      try {
        const config = writeConfig(sections(dir, { hyperliquid: { request_timeout_ms: 60_000 } }), dir);
        const child = spawnHlbot(
          ["trade", ...(live ? ["--live"] : []), "--config", config, "--log-format", "json"],
          dir,
          { HL_PRIVATE_KEY: acct.privateKey!, HL_ACCOUNT_ADDRESS: acct.address },
        );
        await waitFor(() => (child.stderr().includes("feed:") ? true : undefined), 30_000);
        await Bun.sleep(300); // inside the first request now
        const sent = performance.now();
        child.proc.kill("SIGTERM");
        const code = await Promise.race([child.exited, Bun.sleep(20_000).then(() => "still running")]);
        if (code === "still running") child.proc.kill("SIGKILL");
        expect(code).toBe(0);
        expect(performance.now() - sent).toBeLessThan(10_000); // was a minute: 60 s timeout, then retries
      } finally {
        fake.faults.remove(fault);
      }
    }, 60_000);
  }
});
