/**
 * Account answers of POST /info: clearinghouseState, open orders, fills, funding, orderStatus (by
 * oid or cloid), historicalOrders and userRole, in Hyperliquid's payload shapes. An unknown user (or an agent
 * address) gets the empty answer, as on the real API.
 */
import type { Account, FillRecord } from "./accounts.ts";
import { basicOrderWire, frontendOrderWire } from "./orders.ts";
import type { FakeState } from "./state.ts";
import { fmtDec, fmtPx, fmtSz, fmtUsd } from "./wire.ts";

/** Most fills one answer holds (userFills / userFillsByTime), and the most reachable at all. */
const FILLS_PER_ANSWER = 2_000;
const FILLS_REACHABLE = 10_000;
const FUNDING_PER_ANSWER = 500;

export function fillWire(f: FillRecord, szDecimals: number): Record<string, unknown> {
  return {
    coin: f.coin,
    px: fmtPx(f.px, szDecimals),
    sz: fmtSz(f.sz, szDecimals),
    side: f.side,
    time: f.time,
    startPosition: fmtDec(f.startPosition, szDecimals),
    dir: f.dir,
    closedPnl: fmtUsd(f.closedPnl),
    hash: f.hash,
    oid: f.oid,
    crossed: f.crossed,
    fee: fmtUsd(f.fee),
    tid: f.tid,
    feeToken: "USDC",
    // Recorded fills carry twapId (null unless the fill is a TWAP slice; the venue has no TWAPs) and
    // builderFee only when an order named a builder (the venue takes no builder fees: never sent).
    twapId: null,
    ...(f.cloid ? { cloid: f.cloid } : {}),
    ...(f.liquidation
      ? {
          liquidation: {
            liquidatedUser: f.liquidation.liquidatedUser,
            markPx: fmtPx(f.liquidation.markPx, szDecimals),
            method: f.liquidation.method,
          },
        }
      : {}),
  };
}

export function clearinghouseState(state: FakeState, account: Account | undefined): unknown {
  const now = state.clock.now();
  const mark = (coin: string) => state.market.mark(coin, now) ?? 0;
  const maxLev = (coin: string) => state.market.asset(coin)?.maxLeverage ?? 1;
  const value = account ? account.accountValue(mark) : 0;
  const used = account ? account.marginUsed(mark, maxLev) : 0;
  const maint = account ? account.maintenance(mark, maxLev) : 0;
  let ntl = 0;
  let signedNtl = 0;
  const assetPositions = [...(account?.positions.values() ?? [])].map((p) => {
    const a = state.market.asset(p.coin)!;
    const m = mark(p.coin);
    const lev = account!.leverageFor(p.coin, a.maxLeverage);
    const positionValue = Math.abs(p.szi) * m;
    ntl += positionValue;
    signedNtl += p.szi * m;
    const upnl = p.szi * (m - p.entryPx);
    const margin = positionValue / lev.value;
    const mmr = 1 / (2 * a.maxLeverage);
    const others = maint - positionValue * mmr;
    const liq = (others - value + p.szi * m) / (p.szi - Math.abs(p.szi) * mmr);
    return {
      type: "oneWay",
      position: {
        coin: p.coin,
        szi: fmtDec(p.szi, a.szDecimals),
        entryPx: fmtPx(p.entryPx, a.szDecimals),
        leverage:
          lev.type === "cross"
            ? { type: "cross", value: lev.value }
            : { type: "isolated", value: lev.value, rawUsd: fmtUsd(margin - p.szi * p.entryPx) },
        liquidationPx: Number.isFinite(liq) && liq > 0 ? fmtPx(liq, a.szDecimals) : null,
        marginUsed: fmtUsd(margin),
        maxLeverage: a.maxLeverage,
        positionValue: fmtUsd(positionValue),
        returnOnEquity: fmtDec(upnl / ((Math.abs(p.szi) * p.entryPx) / lev.value), 8),
        unrealizedPnl: fmtUsd(upnl),
        cumFunding: {
          allTime: fmtUsd(p.cumFunding.allTime),
          sinceChange: fmtUsd(p.cumFunding.sinceChange),
          sinceOpen: fmtUsd(p.cumFunding.sinceOpen),
        },
      },
    };
  });
  const summary = {
    accountValue: fmtUsd(value),
    totalMarginUsed: fmtUsd(used),
    totalNtlPos: fmtUsd(ntl),
    totalRawUsd: fmtUsd(value - signedNtl),
  };
  return {
    assetPositions,
    marginSummary: summary,
    crossMarginSummary: summary,
    crossMaintenanceMarginUsed: fmtUsd(maint),
    withdrawable: fmtUsd(Math.max(0, value - used)),
    time: now,
  };
}

export function openOrders(state: FakeState, user: string, frontend: boolean): unknown[] {
  return state.orders
    .open(user.toLowerCase())
    .filter((o) => o.status === "open")
    .map((o) => (frontend ? frontendOrderWire(o) : basicOrderWire(o)));
}

export function userFills(
  state: FakeState,
  account: Account | undefined,
  range?: { startTime: number; endTime?: number | undefined },
): unknown[] {
  if (!account) return [];
  const reachable = account.fills.slice(-FILLS_REACHABLE);
  const picked = range
    ? reachable.filter(
        (f) => f.time >= range.startTime && f.time <= (range.endTime ?? Number.MAX_SAFE_INTEGER),
      )
    : reachable;
  // userFills: the most recent 2000, newest first; userFillsByTime: the first 2000 of the range, oldest first.
  const slice = range ? picked.slice(0, FILLS_PER_ANSWER) : picked.slice(-FILLS_PER_ANSWER).reverse();
  return slice.map((f) => fillWire(f, state.market.asset(f.coin)?.szDecimals ?? 0));
}

export function userFunding(
  account: Account | undefined,
  range: { startTime: number; endTime?: number | undefined },
): unknown[] {
  if (!account) return [];
  return account.fundings
    .filter((f) => f.time >= range.startTime && f.time <= (range.endTime ?? Number.MAX_SAFE_INTEGER))
    .slice(0, FUNDING_PER_ANSWER)
    .map((f) => ({
      time: f.time,
      hash: `0x${"0".repeat(64)}`,
      delta: {
        type: "funding",
        coin: f.coin,
        usdc: fmtDec(f.usdc, 6),
        szi: fmtDec(f.szi, 8),
        fundingRate: fmtDec(f.fundingRate, 10),
        // An integer in recorded answers (position samples behind the payment); one here: the venue
        // pays on the position held at the funding time.
        nSamples: 1,
      },
    }));
}

export function orderStatus(state: FakeState, user: string, oid: number | string): unknown {
  const key = user.toLowerCase();
  const order = typeof oid === "number" ? state.orders.get(oid) : state.orders.byClientId(key, oid);
  if (!order || order.user !== key) return { status: "unknownOid" };
  return {
    status: "order",
    order: { order: frontendOrderWire(order), status: order.status, statusTimestamp: order.statusTimestamp },
  };
}

export function historicalOrders(state: FakeState, user: string): unknown[] {
  return state.orders
    .history(user.toLowerCase())
    .slice(-FILLS_PER_ANSWER)
    .reverse()
    .map((o) => ({ order: frontendOrderWire(o), status: o.status, statusTimestamp: o.statusTimestamp }));
}

/**
 * userRole: an account ("user", or "subAccount" with its master), an approved agent wallet ("agent"
 * with the account it signs for), or "missing".
 */
export function userRole(state: FakeState, user: string): unknown {
  const key = user.toLowerCase();
  if (state.accounts.get(key)) {
    const master = state.accounts.ownerOf(key);
    return master ? { role: "subAccount", data: { master } } : { role: "user" };
  }
  const acting = state.accounts.resolve(key);
  return acting ? { role: "agent", data: { user: acting.address } } : { role: "missing" };
}
