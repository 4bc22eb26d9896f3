/**
 * Hyperliquid's IP rate limit as the fake enforces it: request weights from the API docs (info 2 /
 * 20 / 60 plus per-item extras, exchange 1 + batch/40) summed over a sliding window (1200 per 60 s
 * of wall time by default). A request whose base weight does not fit gets HTTP 429 and costs nothing;
 * the per-item extra is charged after the answer is built, like the real API.
 */

const LIGHT_INFO = new Set([
  "l2Book",
  "allMids",
  "clearinghouseState",
  "orderStatus",
  "spotClearinghouseState",
  "exchangeStatus",
]);
/** Info types charged extra per N items returned. */
const PER_ITEMS: Record<string, number> = {
  candleSnapshot: 60,
  fundingHistory: 20,
  userFills: 20,
  userFillsByTime: 20,
  userFunding: 20,
  historicalOrders: 20,
  recentTrades: 20,
  userNonFundingLedgerUpdates: 20,
};

export function infoBaseWeight(type: string): number {
  if (LIGHT_INFO.has(type)) return 2;
  return type === "userRole" ? 60 : 20;
}

export function infoItemWeight(type: string, items: number): number {
  const per = PER_ITEMS[type];
  return per ? Math.floor(items / per) : 0;
}

export function exchangeWeight(batchLength: number): number {
  return 1 + Math.floor(batchLength / 40);
}

export interface RateLimitOptions {
  /** Weight allowed per window (Hyperliquid: 1200). */
  weightPerWindow: number;
  /** Window length, ms of wall time (Hyperliquid: 60 000). */
  windowMs: number;
}

export const HL_RATE_LIMIT: RateLimitOptions = { weightPerWindow: 1200, windowMs: 60_000 };

export class WeightLimiter {
  private readonly spent: { t: number; w: number }[] = [];
  private sum = 0;

  constructor(
    private readonly options: RateLimitOptions | null,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Weight spent inside the current window. */
  used(): number {
    this.evict();
    return this.sum;
  }

  /** Admits a request of base weight `w` (and charges it), or refuses it. */
  admit(w: number): boolean {
    if (this.options && this.used() + w > this.options.weightPerWindow) return false;
    this.charge(w);
    return true;
  }

  charge(w: number): void {
    if (w <= 0) return;
    this.spent.push({ t: this.now(), w });
    this.sum += w;
  }

  private evict(): void {
    if (!this.options) return;
    const cutoff = this.now() - this.options.windowMs;
    while (this.spent.length > 0 && this.spent[0]!.t <= cutoff) this.sum -= this.spent.shift()!.w;
  }
}
