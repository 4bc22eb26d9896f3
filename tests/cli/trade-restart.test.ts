// issue 12 §2: `hlbot trade` killed and started again at once (systemd `Restart=always`, a crash loop)
// against the local venue with Hyperliquid's real limit (1200 weight per rolling minute): the restarted
// daemon starts from the weight window its predecessor left in the ledger, waits for room (and says
// so), and gets ZERO 429s. Before, the new process believed the minute was empty and burst.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { WEIGHT_JOURNAL_KEY } from "../../src/hyperliquid/weight-journal.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { type FakeHyperliquid, HL_RATE_LIMIT, startFakeHyperliquid } from "../support/fake-hl/index.ts";
import { scratchDir } from "../support/paths.ts";
import { spawnHlbot, waitFor, writeConfig } from "./support/daemon-process.ts";

let fake: FakeHyperliquid;
beforeAll(() => {
  fake = startFakeHyperliquid({ time: "2025-06-02T00:00:00Z", rateLimit: HL_RATE_LIMIT });
});
afterAll(() => fake.stop());

describe("issue 12 §2: restart against the real rate limit", () => {
  test("issue 12 §2: trade killed and restarted at once gets zero 429s (the weight window survives)", async () => {
    const dir = scratchDir();
    // ~1 400 weight of history top-up: more than one minute's budget (960 = 0.8 × 1200).
    const config = writeConfig(
      {
        engine: {
          coins: ["BTC", "ETH", "SOL", "AVAX", "DOGE", "XRP", "LINK", "BNB", "ARB", "OP"],
          tick_seconds: 1,
          history_bars: 1000,
        },
        hyperliquid: { network: "custom", http_url: fake.url, ws_url: fake.wsUrl, request_timeout_ms: 2000 },
        ledger: { path: join(dir, "hlbot.db") },
        live: { candidates_path: join(dir, "live_candidates.json") },
        api: { enabled: false },
      },
      dir,
    );
    const args = ["trade", "--config", config, "--log-format", "json"];
    const before = fake.stats();
    const first = spawnHlbot(args, dir);
    await waitFor(
      () => (fake.stats().weightInWindow - before.weightInWindow >= 600 ? true : undefined),
      30_000,
    );
    first.proc.kill("SIGKILL"); // no clean shutdown: what was spent must already be on disk
    await first.exited;

    const second = spawnHlbot(args, dir);
    try {
      const outcome = await waitFor(() => {
        if (fake.stats().rateLimited > before.rateLimited) return "429";
        return /waiting \d+ s for rate budget/.test(second.stderr()) ? "waited" : undefined;
      }, 30_000);
      expect(outcome).toBe("waited");
      expect(fake.stats().rateLimited - before.rateLimited).toBe(0);
    } finally {
      second.proc.kill("SIGKILL");
      await second.exited;
    }
    const db = openLedger(join(dir, "hlbot.db"), { readonly: true });
    const row = db.query("SELECT value FROM bot_state WHERE key = ?1").get(WEIGHT_JOURNAL_KEY) as {
      value: string;
    };
    db.close();
    const writers = Object.values(JSON.parse(row.value).writers) as { spends: [number, number][] }[];
    expect(writers.length).toBeGreaterThanOrEqual(1);
  }, 90_000);
});
