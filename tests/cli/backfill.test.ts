// `hlbot backfill` as a user runs it (a separate process), pointed at the local fake Hyperliquid.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadUniverse } from "../../src/cli/universe-cache.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { BotStateRepo } from "../../src/ledger/repos/bot-state.ts";
import { CandlesRepo } from "../../src/ledger/repos/candles.ts";
import { FundingRepo } from "../../src/ledger/repos/funding.ts";
import { type FakeHyperliquid, startFakeHyperliquid } from "../support/fake-hl/index.ts";
import { REPO_ROOT, scratchDir } from "../support/paths.ts";

const UNTIL = "2025-06-01T00:30:00Z";
let fake: FakeHyperliquid;

async function hlbot(args: string[], env: Record<string, string> = {}) {
  const proc = Bun.spawn(
    ["bun", join(REPO_ROOT, "src", "main.ts"), ...args, "--config", join(REPO_ROOT, "config", "hlbot.yaml")],
    {
      cwd: scratchDir(),
      env: {
        PATH: process.env.PATH ?? "",
        HLBOT_HYPERLIQUID__NETWORK: "custom",
        HLBOT_HYPERLIQUID__HTTP_URL: fake.url,
        HLBOT_HYPERLIQUID__WS_URL: fake.wsUrl,
        ...env,
      },
      stdout: "pipe",
      stderr: "pipe",
    },
  );
  // The fake answers from this process, so wait without blocking the event loop.
  const [out, err, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  return { code, out, err };
}

beforeAll(() => {
  fake = startFakeHyperliquid({ time: UNTIL });
});
afterAll(() => fake.stop());

describe("hlbot backfill", () => {
  test("fills the ledger, prints rows and weight per coin, and a re-run adds nothing", async () => {
    const db = join(scratchDir(), "ledger.db");
    const args = [
      "backfill",
      "--db",
      db,
      "--coins",
      "BTC,ETH",
      "--intervals",
      "1h,4h",
      "--days",
      "3",
      "--until",
      UNTIL,
    ];
    const first = await hlbot([...args, "--json"]);
    expect(first.code, first.err).toBe(0);
    const summary = JSON.parse(first.out);
    expect(summary.coins.BTC).toMatchObject({ candles: 71 + 17, funding: 72 });
    expect(summary.coins.ETH.weight).toBeGreaterThan(0);
    expect(summary.rateLimited429).toBe(0);
    const ledger = openLedger(db, { readonly: true });
    expect(new CandlesRepo(ledger).list("ETH", "1h").length).toBe(71);
    expect(new FundingRepo(ledger).list("BTC").length).toBe(72);
    ledger.close();

    const again = await hlbot(args);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain("backfill: 0 rows added, 0 requests");
    expect(again.out).toMatch(/BTC\s+candles \+0\s+funding \+0/);
  }, 30_000);

  test("'all' means every listed perp (the delisted one is skipped); an unknown coin is a usage error", async () => {
    const db = join(scratchDir(), "ledger.db");
    // ~990 weight: the whole IP budget lets it run without waiting for the minute to roll over.
    const all = await hlbot(
      [
        "backfill",
        "--db",
        db,
        "--coins",
        "all",
        "--intervals",
        "4h",
        "--days",
        "1",
        "--until",
        UNTIL,
        "--json",
      ],
      { HLBOT_HYPERLIQUID__WEIGHT_BUDGET_FRACTION: "1" },
    );
    expect(all.code, all.err).toBe(0);
    const coins = Object.keys(JSON.parse(all.out).coins);
    expect(coins.length).toBe(23);
    expect(coins).not.toContain("MATIC");
    // The listing is cached for `hlbot config check` (issue 12 §3).
    const ledger = openLedger(db, { readonly: true });
    expect(loadUniverse(new BotStateRepo(ledger))?.coins.sort()).toEqual(coins.sort());
    ledger.close();
    // Same ledger, same budget: the window the first run left (~990 of 1200) still has room for `meta`.
    const bad = await hlbot(["backfill", "--db", db, "--coins", "BTC,DOGEX", "--until", UNTIL], {
      HLBOT_HYPERLIQUID__WEIGHT_BUDGET_FRACTION: "1",
    });
    expect(bad.code).toBe(2);
    expect(bad.err + bad.out).toContain("not listed on Hyperliquid: DOGEX");
  }, 30_000);
});
