// Crash safety of the live path: a live trader (tests/support/live-crash-driver.ts) is SIGKILLed at
// random points while it opens, re-stops and closes positions against the fake Hyperliquid, then
// restarted; the market moves between runs so exchange stops fire while it is down. After a final
// clean reconciliation: no order was ever sent twice, every exchange position has an exchange stop and
// a matching ledger row (and vice versa), nothing is left unresolved, and the ledger is intact.

import { Database } from "bun:sqlite";
import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { type FakeHyperliquid, startFakeHyperliquid } from "../support/fake-hl/index.ts";
import { REPO_ROOT, scratchDir } from "../support/paths.ts";

const DRIVER = join(REPO_ROOT, "tests", "support", "live-crash-driver.ts");
let fake: FakeHyperliquid | null = null;

/** Resolves once the driver printed "started" (or its output ended). */
async function startedLine(out: ReadableStream<Uint8Array>): Promise<void> {
  const reader = out.getReader();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
    if (text.includes("started")) break;
  }
  reader.releaseLock();
}
afterAll(async () => fake?.stop());

describe("live path crash safety (SIGKILL at random points)", () => {
  test("no doubled order, no unprotected position, no lost or half-written row", async () => {
    fake = startFakeHyperliquid({ time: "2025-06-02T00:00:00Z", rateLimit: false, nonceClock: "wall" });
    const acct = fake.createAccount({ usdc: 100_000 });
    const db = join(scratchDir(), "crash.db");
    const args = (extra: string[] = []) => [
      "bun",
      DRIVER,
      fake!.url,
      fake!.wsUrl,
      db,
      acct.privateKey!,
      acct.address,
      "7",
      ...extra,
    ];
    let rng = 42;
    const rand = () => {
      rng = (rng * 16807) % 2147483647;
      return rng / 2147483647;
    };
    const kills = 12;
    for (let k = 0; k < kills; k++) {
      const proc = Bun.spawn(args(), { stdout: "pipe", stderr: "ignore" });
      // A quarter of the kills land during start-up (reconciliation, leverage); the rest while it
      // trades, timed from its "started" line so a loaded machine's slow boot does not eat them.
      if (rand() < 0.25) await Bun.sleep(100 + Math.floor(rand() * 500));
      else {
        await startedLine(proc.stdout as ReadableStream<Uint8Array>);
        await Bun.sleep(50 + Math.floor(rand() * 700));
      }
      proc.kill("SIGKILL");
      await proc.exited;
      fake.advance(5 * 60_000); // the market moves while hlbot is down: stops may fire
    }
    // Async spawn: the fake answers from this process, so it must not be blocked.
    const final = Bun.spawn(args(["--final"]), { stdout: "ignore", stderr: "pipe" });
    const code = await final.exited;
    if (code !== 0) console.log((await new Response(final.stderr).text()).slice(-3000));
    expect(code).toBe(0);

    const ledger = new Database(db, { readonly: true });
    expect(ledger.query("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
    expect(ledger.query("PRAGMA foreign_key_check").all()).toEqual([]);
    const rows = ledger.query("SELECT role, status FROM orders").all() as { role: string; status: string }[];
    expect(rows.length).toBeGreaterThan(10);
    // Each order row is sent at most once: the exchange never saw more order requests than rows.
    const sent = fake.stats().exchange.order?.count ?? 0;
    expect(sent).toBeLessThanOrEqual(rows.length);
    expect(
      rows.filter((r) => r.status === "intent" || r.status === "sent" || r.status === "unknown"),
    ).toEqual([]);
    // Every close is explained by one of our orders (nothing is booked as an unexplained external close).
    expect(ledger.query("SELECT COUNT(*) AS n FROM positions WHERE exit_reason = 'external'").get()).toEqual({
      n: 0,
    });
    // One position per entry decision at most.
    const dup = ledger
      .query(
        "SELECT decision_id, COUNT(*) AS n FROM positions WHERE decision_id IS NOT NULL GROUP BY decision_id HAVING n > 1",
      )
      .all();
    expect(dup).toEqual([]);
    // Ledger and exchange agree on every open position, and each has a reduce-only exchange stop.
    const open = ledger
      .query("SELECT coin, side, size FROM positions WHERE status = 'open' AND mode = 'live'")
      .all() as { coin: string; side: string; size: number }[];
    const exchange = [...fake.account(acct.address)!.positions.values()].filter((p) => p.szi !== 0);
    expect(open.map((p) => p.coin).sort()).toEqual(exchange.map((p) => p.coin).sort());
    for (const p of exchange) {
      const mine = open.find((o) => o.coin === p.coin)!;
      expect(mine.size).toBeCloseTo(Math.abs(p.szi), 8);
    }
    const res = await fetch(`${fake.url}/info`, {
      method: "POST",
      body: JSON.stringify({ type: "frontendOpenOrders", user: acct.address }),
    });
    const openOrders = (await res.json()) as { coin: string; isTrigger: boolean; reduceOnly: boolean }[];
    for (const p of exchange)
      expect(openOrders.some((o) => o.coin === p.coin && o.isTrigger && o.reduceOnly)).toBe(true);
    ledger.close();
  }, 120_000);
});
