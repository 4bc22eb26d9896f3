// `hlbot config check` as a user runs it: what it refuses (exit 2, the key named) and what it never prints.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { saveUniverse } from "../../src/cli/universe-cache.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { BotStateRepo } from "../../src/ledger/repos/bot-state.ts";
import { CandlesRepo } from "../../src/ledger/repos/candles.ts";
import { scratchDir } from "../support/paths.ts";
import { runHlbot } from "./support/daemon-process.ts";

const KEY = `0x${"5a".repeat(32)}`;

function check(env: Record<string, string>, db?: string) {
  return runHlbot(
    ["config", "check", ...(db ? ["--db", db] : []), "--log-format", "json"],
    scratchDir(),
    env,
  );
}

describe("hlbot config check", () => {
  test("issue 14 #20: HL_ACCOUNT_ADDRESS must be an address; a private key there is refused and never printed", async () => {
    const r = await check({ HL_ACCOUNT_ADDRESS: KEY });
    expect(r.code).toBe(2);
    expect(r.err).toContain("HL_ACCOUNT_ADDRESS: not an address");
    expect(r.err).toContain("looks like a PRIVATE KEY");
    expect(r.out + r.err).not.toContain("5a5a5a");
    const good = await check({ HL_ACCOUNT_ADDRESS: `0x${"11".repeat(20)}`, HL_PRIVATE_KEY: KEY });
    expect(good.code, good.err).toBe(0);
    expect(good.out).toContain(`HL_ACCOUNT_ADDRESS: "0x${"11".repeat(20)}"`);
    expect(good.out + good.err).not.toContain("5a5a5a");
  });

  test("issue 14 #20: a value shaped like a private key is never printed, whatever key holds it", async () => {
    const r = await check({ HLBOT_API__HOST: KEY });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("<redacted: looks like a private key>");
    expect(r.out + r.err).not.toContain("5a5a5a");
  });

  test("issue 14 #1: URLs beside network mainnet are exit 2 naming both keys", async () => {
    const r = await check({ HLBOT_HYPERLIQUID__HTTP_URL: "http://127.0.0.1:8930" });
    expect(r.code).toBe(2);
    expect(r.err).toContain("hyperliquid.http_url: set while hyperliquid.network is mainnet");
  });

  test("issue 14 #20: an unknown friction.model fails config check", async () => {
    const r = await check({ HLBOT_FRICTION__MODEL: "v9" });
    expect(r.code).toBe(2);
    expect(r.err).toContain('friction.model: unknown friction model \\"v9\\"');
  });

  test("issue 12 §3: a coin that is not a listed perp is exit 2 (key named) once the listing is cached", async () => {
    const db = join(scratchDir(), "hlbot.db");
    const ledger = openLedger(db);
    saveUniverse(new BotStateRepo(ledger), {
      at: Date.UTC(2025, 5, 1),
      source: "https://api.hyperliquid.xyz",
      coins: ["BTC", "ETH", "SOL"],
    });
    ledger.close();
    const bad = await check({ HLBOT_ENGINE__COINS: "[BTC, ETHH, SOL]" }, db);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('engine.coins.1: \\"ETHH\\" is not a listed Hyperliquid perp');
    const ok = await check({ HLBOT_ENGINE__COINS: "[BTC, ETH]" }, db);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.err).not.toContain("not checked");
  });

  test("issue 12 §3: without a cached listing, coins are only warned about (those without history named)", async () => {
    const db = join(scratchDir(), "hlbot.db");
    const ledger = openLedger(db);
    new CandlesRepo(ledger).insertMany("BTC", "1h", [
      { t: 0, open: 1, high: 1, low: 1, close: 1, volume: 1 },
    ]);
    ledger.close();
    const r = await check({ HLBOT_ENGINE__COINS: "[BTC, ETHH]" }, db);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain("coins not checked against Hyperliquid's listing");
    expect(r.err).toContain("no history in the ledger for ETHH");
    const none = await check({}, join(scratchDir(), "none", "hlbot.db"));
    expect(none.code).toBe(0);
    expect(none.err).toContain("no ledger at");
  });
});
