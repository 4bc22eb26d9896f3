// Issue 16, live-path safety: live fees and exit slippage come from the exchange's fills, not from
// config. The config's taker fee is set to 10 bps here while the venue charges 4.5 bps, so an
// estimate shows; slippage is the fill price against the price the order was based on (positive =
// paid), for an IOC exit and for a stop that fired on the exchange.
import { afterEach, describe, expect, test } from "bun:test";
import { FillsRepo } from "../../src/ledger/repos/fills.ts";
import { candidate, setup, stopFakes } from "./support.ts";

afterEach(stopFakes);

const CONFIG_FEE = { HLBOT_FRICTION__TAKER_FEE_BPS: "10" };

type ExitRow = { reason: string; px: number; size: number; fee: number; slippage: number };
type Setup = Awaited<ReturnType<typeof setup>>;

/** A live position on `coin`, its stop `stopFrac` away, entered through the live book as a tick would. */
async function enter(s: Setup, live: Awaited<ReturnType<Setup["start"]>>, coin: string, stopFrac: number) {
  const c = candidate(coin, s.f.mark(coin)!, stopFrac);
  const plan = live.book.plan(c, s.view());
  if (!plan.ok) throw new Error(plan.reason);
  live.book.enter(plan, s.decide(c), s.f.now());
  await live.afterTick();
  return live.book.open[0]!;
}

describe("live fees and slippage from the exchange's fills", () => {
  test("an IOC entry and exit: fees are the fills' own, exit slippage is measured against the tick's price", async () => {
    const s = await setup(CONFIG_FEE);
    const { f, db, view } = s;
    const live = await s.start();
    const p = await enter(s, live, "ETH", 0.01);
    f.advance(60_000);
    const ref = f.mark("ETH")!;
    live.book.flatten(view(), "manual");
    await live.afterTick();
    expect(p.status).toBe("closed");
    await live.beforeTick(); // stores the fills
    const fills = db.query("SELECT px, sz, fee FROM fills WHERE position_id = ?1").all(p.id) as {
      px: string;
      sz: string;
      fee: string;
    }[];
    expect(fills.length).toBeGreaterThanOrEqual(2);
    const exchangeFees = fills.reduce((s, x) => s + Number(x.fee), 0);
    const row = db.query("SELECT fees, slippage FROM positions WHERE id = ?1").get(p.id) as {
      fees: number;
      slippage: number;
    };
    expect(row.fees).toBeCloseTo(exchangeFees, 9);
    const notional = fills.reduce((s, x) => s + Number(x.px) * Number(x.sz), 0);
    expect(row.fees).toBeLessThan(notional * 0.0006); // 4.5 bps, not the config's 10
    const [exit] = db.query("SELECT * FROM position_exits WHERE position_id = ?1").all(p.id) as ExitRow[];
    expect(exit!.slippage).not.toBe(0);
    expect(exit!.slippage).toBeCloseTo((ref - exit!.px) * exit!.size, 9); // a long sells below the mark
  });

  test("a stop that fired on the exchange: its fee from the stop's fills, slippage against the trigger", async () => {
    const s = await setup(CONFIG_FEE);
    const { f, db } = s;
    const live = await s.start();
    const p = await enter(s, live, "BTC", 0.002);
    for (let i = 0; i < 96 && live.book.open.length; i++) {
      f.advance(15 * 60_000);
      await live.beforeTick();
    }
    expect(p.exitReason).toBe("stop");
    // The stop that fired is booked as filled (the others were cancelled).
    const stop = db
      .query("SELECT cloid, trigger_px FROM orders WHERE role = 'stop' AND status = 'filled'")
      .get() as {
      cloid: string;
      trigger_px: string;
    };
    const stopFills = db.query("SELECT fee FROM fills WHERE cloid = ?1").all(stop.cloid) as { fee: string }[];
    expect(stopFills.length).toBeGreaterThan(0);
    const [exit] = db.query("SELECT * FROM position_exits WHERE position_id = ?1").all(p.id) as ExitRow[];
    expect(exit!.fee).toBeCloseTo(
      stopFills.reduce((s, x) => s + Number(x.fee), 0),
      9,
    );
    expect(exit!.slippage).toBeCloseTo((Number(stop.trigger_px) - exit!.px) * exit!.size, 9);
  });

  test("a stop whose fills were stored before its exit was booked: still a stop, with its fee (not external)", async () => {
    // What a sync leaves when the process is killed between storing the fills and booking the exit,
    // or when the stop fires between its clearinghouse and fills queries: the fills are stored, no
    // longer "fresh", and the close used to be booked as external at the trigger with no fee.
    const s = await setup(CONFIG_FEE);
    const { f, acct, client, db } = s;
    const live = await s.start();
    const p = await enter(s, live, "BTC", 0.002);
    const fills = new FillsRepo(db);
    let stored = 0;
    for (let i = 0; i < 96 && live.book.open.length; i++) {
      f.advance(15 * 60_000);
      if ((f.account(acct.address)!.positions.get("BTC")?.szi ?? 0) === 0) {
        for (const x of await client.info.userFillsByTime(acct.address, 0)) {
          if (x.tid === undefined) continue;
          const row = { ...x, t: x.time, cloid: x.cloid ?? null, hash: x.hash, positionId: null };
          if (fills.add({ ...row, tid: x.tid })) stored++;
        }
      }
      await live.beforeTick();
    }
    expect(stored).toBeGreaterThan(0);
    expect(p.exitReason).toBe("stop");
    const stop = db.query("SELECT cloid FROM orders WHERE role = 'stop' AND status = 'filled'").get() as {
      cloid: string;
    } | null;
    expect(stop).not.toBeNull();
    const stopFills = db.query("SELECT fee FROM fills WHERE lower(cloid) = ?1").all(stop!.cloid) as {
      fee: string;
    }[];
    expect(stopFills.length).toBeGreaterThan(0);
    const [exit] = db.query("SELECT * FROM position_exits WHERE position_id = ?1").all(p.id) as ExitRow[];
    expect(exit!.reason).toBe("stop");
    expect(exit!.fee).toBeCloseTo(
      stopFills.reduce((s, x) => s + Number(x.fee), 0),
      9,
    );
  });
});
