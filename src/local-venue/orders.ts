/**
 * Every order the fake ever accepted or rejected, by oid and by (user, cloid), with its status
 * history, in the payload shapes of openOrders / frontendOpenOrders / orderStatus / orderUpdates.
 */
import { fmtSz, hlDecimal } from "./wire.ts";

export type TriggerSpec = { isMarket: boolean; triggerPx: string; tpsl: "tp" | "sl" };

export interface FakeOrder {
  oid: number;
  user: string;
  coin: string;
  asset: number;
  szDecimals: number;
  isBuy: boolean;
  limitPx: string;
  /** Remaining size. */
  sz: number;
  origSz: number;
  reduceOnly: boolean;
  tif: "Gtc" | "Ioc" | "Alo" | null;
  trigger: TriggerSpec | null;
  /** A trigger order whose condition was met (it then behaves as a market or limit order). */
  fired?: boolean;
  cloid?: string;
  timestamp: number;
  status: string;
  statusTimestamp: number;
}

/** Statuses after which an order is no longer on the book. */
const OPEN = new Set(["open", "triggered"]);

export class OrderStore {
  private nextOid = 1_000_000;
  private readonly byOid = new Map<number, FakeOrder>();
  private readonly byCloid = new Map<string, number>();
  private readonly openOids = new Set<number>();

  constructor(private readonly onUpdate: (order: FakeOrder) => void) {}

  newOid(): number {
    return this.nextOid++;
  }

  add(order: FakeOrder): void {
    this.byOid.set(order.oid, order);
    if (order.cloid) this.byCloid.set(`${order.user}|${order.cloid}`, order.oid);
    if (OPEN.has(order.status)) this.openOids.add(order.oid);
    this.onUpdate(order);
  }

  setStatus(order: FakeOrder, status: string, t: number): void {
    order.status = status;
    order.statusTimestamp = t;
    if (OPEN.has(status)) this.openOids.add(order.oid);
    else this.openOids.delete(order.oid);
    this.onUpdate(order);
  }

  get(oid: number): FakeOrder | undefined {
    return this.byOid.get(oid);
  }

  byClientId(user: string, cloid: string): FakeOrder | undefined {
    const oid = this.byCloid.get(`${user}|${cloid.toLowerCase()}`);
    return oid === undefined ? undefined : this.byOid.get(oid);
  }

  hasCloid(user: string, cloid: string): boolean {
    return this.byCloid.has(`${user}|${cloid.toLowerCase()}`);
  }

  /** Open orders (all users, or one), oldest first. */
  open(user?: string): FakeOrder[] {
    const out: FakeOrder[] = [];
    for (const oid of this.openOids) {
      const o = this.byOid.get(oid)!;
      if (user === undefined || o.user === user) out.push(o);
    }
    return out;
  }

  history(user: string): FakeOrder[] {
    return [...this.byOid.values()].filter((o) => o.user === user);
  }
}

export function orderType(o: FakeOrder): string {
  if (!o.trigger) return "Limit";
  const kind = o.trigger.tpsl === "sl" ? "Stop" : "Take Profit";
  return `${kind} ${o.trigger.isMarket ? "Market" : "Limit"}`;
}

/** Fires when the mark is at or above (true) / at or below (false) the trigger price. */
export function triggersAbove(o: FakeOrder): boolean {
  return o.trigger!.tpsl === "sl" ? o.isBuy : !o.isBuy;
}

export function basicOrderWire(o: FakeOrder): Record<string, unknown> {
  return {
    coin: o.coin,
    side: o.isBuy ? "B" : "A",
    limitPx: hlDecimal(o.limitPx),
    sz: fmtSz(o.sz, o.szDecimals),
    oid: o.oid,
    timestamp: o.timestamp,
    origSz: fmtSz(o.origSz, o.szDecimals),
    ...(o.cloid ? { cloid: o.cloid } : {}),
    ...(o.reduceOnly ? { reduceOnly: true } : {}),
  };
}

export function frontendOrderWire(o: FakeOrder): Record<string, unknown> {
  return {
    ...basicOrderWire(o),
    isTrigger: o.trigger !== null,
    triggerPx: o.trigger ? hlDecimal(o.trigger.triggerPx) : "0.0",
    triggerCondition: o.trigger
      ? `Price ${triggersAbove(o) ? "above" : "below"} ${hlDecimal(o.trigger.triggerPx)}`
      : "N/A",
    isPositionTpsl: false,
    orderType: orderType(o),
    reduceOnly: o.reduceOnly,
    children: [],
    tif: o.tif,
    cloid: o.cloid ?? null,
  };
}

export function orderUpdateWire(o: FakeOrder): Record<string, unknown> {
  const { reduceOnly: _, ...order } = basicOrderWire(o);
  return { order, status: o.status, statusTimestamp: o.statusTimestamp };
}
