/**
 * Accounts of the fake exchange: USDC cash, one-way positions per coin with average entry, per-coin
 * leverage, fills and funding history, and the agent (API) wallets allowed to sign for an account.
 * Cash moves only by fills (closed PnL − fee) and hourly funding; marks come from the caller.
 */
import { roundSz } from "./wire.ts";

export interface Position {
  coin: string;
  szi: number;
  entryPx: number;
  /** Funding paid (+) or received (−), USDC, like Hyperliquid's cumFunding. */
  cumFunding: { allTime: number; sinceOpen: number; sinceChange: number };
}

export interface Leverage {
  type: "cross" | "isolated";
  value: number;
}

export interface FillRecord {
  coin: string;
  px: number;
  sz: number;
  side: "B" | "A";
  time: number;
  startPosition: number;
  dir: string;
  closedPnl: number;
  hash: string;
  oid: number;
  crossed: boolean;
  fee: number;
  tid: number;
  cloid?: string;
  liquidation?: { liquidatedUser: string; markPx: number; method: "market" };
}

export interface FundingRecord {
  time: number;
  coin: string;
  usdc: number;
  szi: number;
  fundingRate: number;
}

/** Hyperliquid's default leverage for a coin never traded: 20x cross, capped by the coin's maximum. */
const DEFAULT_LEVERAGE = 20;

export class Account {
  readonly positions = new Map<string, Position>();
  readonly leverage = new Map<string, Leverage>();
  readonly fills: FillRecord[] = [];
  readonly fundings: FundingRecord[] = [];
  /** Cumulative traded notional, USD (gates scheduleCancel like the real exchange). */
  volume = 0;
  /** Signed actions accepted for this account (userRateLimit's nRequestsUsed). */
  actions = 0;
  /** Dead-man switch: when all open orders get cancelled, and how often it was set today. */
  schedule = { time: null as number | null, day: 0, count: 0 };

  constructor(
    readonly address: string,
    public usdc: number,
  ) {}

  leverageFor(coin: string, maxLeverage: number): Leverage {
    return this.leverage.get(coin) ?? { type: "cross", value: Math.min(DEFAULT_LEVERAGE, maxLeverage) };
  }

  /** Books a fill against cash and position; returns the fill as Hyperliquid reports it. */
  applyFill(
    f: Omit<FillRecord, "startPosition" | "dir" | "closedPnl" | "side" | "fee"> & {
      isBuy: boolean;
      feeRate: number;
    },
    szDecimals: number,
  ): FillRecord {
    const pos = this.positions.get(f.coin) ?? {
      coin: f.coin,
      szi: 0,
      entryPx: 0,
      cumFunding: { allTime: 0, sinceOpen: 0, sinceChange: 0 },
    };
    const start = pos.szi;
    const delta = f.isBuy ? f.sz : -f.sz;
    let closedPnl = 0;
    if (start !== 0 && Math.sign(delta) !== Math.sign(start)) {
      const closed = Math.min(Math.abs(delta), Math.abs(start));
      closedPnl = closed * (f.px - pos.entryPx) * Math.sign(start);
    }
    const next = roundSz(start + delta, szDecimals);
    if (next === 0) this.positions.delete(f.coin);
    else {
      if (Math.sign(next) !== Math.sign(start)) {
        pos.entryPx = f.px;
        pos.cumFunding.sinceOpen = 0;
        pos.cumFunding.sinceChange = 0;
      } else if (Math.abs(next) > Math.abs(start)) {
        pos.entryPx = (pos.entryPx * Math.abs(start) + f.px * f.sz) / Math.abs(next);
        pos.cumFunding.sinceChange = 0;
      }
      pos.szi = next;
      this.positions.set(f.coin, pos);
    }
    const fee = f.px * f.sz * f.feeRate;
    this.usdc += closedPnl - fee;
    this.volume += f.px * f.sz;
    const { isBuy, feeRate: _, ...rest } = f;
    const fill: FillRecord = {
      ...rest,
      side: isBuy ? "B" : "A",
      startPosition: start,
      dir: direction(start, next, isBuy),
      closedPnl,
      fee,
    };
    this.fills.push(fill);
    return fill;
  }

  unrealized(markOf: (coin: string) => number): number {
    let sum = 0;
    for (const p of this.positions.values()) sum += p.szi * (markOf(p.coin) - p.entryPx);
    return sum;
  }

  accountValue(markOf: (coin: string) => number): number {
    return this.usdc + this.unrealized(markOf);
  }

  marginUsed(markOf: (coin: string) => number, maxLevOf: (coin: string) => number): number {
    let sum = 0;
    for (const p of this.positions.values()) {
      sum += (Math.abs(p.szi) * markOf(p.coin)) / this.leverageFor(p.coin, maxLevOf(p.coin)).value;
    }
    return sum;
  }

  /** Maintenance margin: half the initial margin at max leverage. */
  maintenance(markOf: (coin: string) => number, maxLevOf: (coin: string) => number): number {
    let sum = 0;
    for (const p of this.positions.values())
      sum += (Math.abs(p.szi) * markOf(p.coin)) / (2 * maxLevOf(p.coin));
    return sum;
  }
}

function direction(start: number, next: number, isBuy: boolean): string {
  if (isBuy) {
    if (start >= 0) return "Open Long";
    return next > 0 ? "Short > Long" : "Close Short";
  }
  if (start <= 0) return "Open Short";
  return next < 0 ? "Long > Short" : "Close Long";
}

/** All accounts, and which agent wallet signs for which account. */
export class Accounts {
  private readonly byAddress = new Map<string, Account>();
  private readonly agents = new Map<string, string>();
  private readonly owners = new Map<string, string>();

  create(address: string, usdc: number): Account {
    const key = address.toLowerCase();
    const existing = this.byAddress.get(key);
    if (existing) {
      existing.usdc = usdc;
      return existing;
    }
    const account = new Account(key, usdc);
    this.byAddress.set(key, account);
    return account;
  }

  /** A sub-account (vault) that `master` (or its agents) may act for with `vaultAddress`. */
  createSubAccount(master: string, sub: string, usdc: number): Account {
    const account = this.create(sub, usdc);
    this.owners.set(account.address, master.toLowerCase());
    return account;
  }

  ownerOf(sub: string): string | undefined {
    return this.owners.get(sub.toLowerCase());
  }

  get(address: string): Account | undefined {
    return this.byAddress.get(address.toLowerCase());
  }

  all(): Account[] {
    return [...this.byAddress.values()];
  }

  approveAgent(account: string, agent: string): void {
    this.agents.set(agent.toLowerCase(), account.toLowerCase());
  }

  /** The account a signer acts for: itself, or the master that approved it as agent. */
  resolve(signer: string): Account | undefined {
    const key = signer.toLowerCase();
    return this.byAddress.get(key) ?? this.byAddress.get(this.agents.get(key) ?? "");
  }

  agentsOf(account: string): string[] {
    const key = account.toLowerCase();
    return [...this.agents].filter(([, master]) => master === key).map(([agent]) => agent);
  }
}
