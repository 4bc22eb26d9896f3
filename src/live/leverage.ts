/**
 * Leverage per coin, set on the exchange BEFORE any entry can be sent: every traded coin at start-up,
 * a coin first seen later on the next tick. A coin whose leverage could not be set refuses entries
 * (decision reason `leverage_not_set`) and raises a critical `leverage_failed` event; it is retried
 * on every periodic reconciliation. Isolated margin at min(risk.max_leverage, the coin's maximum).
 */
import type { AssetMeta } from "../core/assets.ts";
import type { ExchangeClient } from "../hyperliquid/exchange-client.ts";
import type { Position as ExchangePosition } from "../hyperliquid/schemas/account.ts";
import type { LiveEvents } from "./events.ts";

export const LEVERAGE_NOT_SET = "leverage_not_set";

export class LeverageGuard {
  readonly #ready = new Set<string>();
  /** coin → why the last attempt failed. */
  readonly #failed = new Map<string, string>();
  /** Coins an entry asked about that were never attempted. */
  readonly #wanted = new Set<string>();

  constructor(
    private readonly exchange: ExchangeClient,
    private readonly assets: ReadonlyMap<string, AssetMeta>,
    private readonly maxLeverage: number,
    private readonly events: LiveEvents,
  ) {}

  /** The leverage hlbot trades `coin` at: an integer 1..the coin's maximum. */
  target(coin: string): number {
    const max = this.assets.get(coin)?.maxLeverage ?? 1;
    return Math.max(1, Math.floor(Math.min(this.maxLeverage, max)));
  }

  /** Null when entries on `coin` may be sent; otherwise the refusal reason (and the coin is queued). */
  refusal(coin: string): string | null {
    if (this.#ready.has(coin)) return null;
    if (!this.#failed.has(coin)) this.#wanted.add(coin);
    return LEVERAGE_NOT_SET;
  }

  /** Coins whose leverage failed, with the exchange's reason. */
  failures(): Record<string, string> {
    return Object.fromEntries(this.#failed);
  }

  /**
   * Sets each coin's leverage (coins the exchange does not list are skipped). A coin whose open
   * position already runs at the target, isolated, is taken as set without an action.
   */
  async setAll(coins: Iterable<string>, positions: readonly ExchangePosition[] = []): Promise<void> {
    const current = new Map(positions.map((p) => [p.coin, p.leverage]));
    for (const coin of new Set(coins)) {
      if (this.#ready.has(coin) || !this.assets.has(coin)) continue;
      this.#wanted.delete(coin);
      const lev = this.target(coin);
      const now = current.get(coin);
      if (now?.type === "isolated" && now.value === lev) {
        this.#ready.add(coin);
        continue;
      }
      try {
        await this.exchange.updateLeverage(coin, lev, "isolated");
        this.#ready.add(coin);
        if (this.#failed.delete(coin))
          this.events.emit(
            "leverage_set",
            "info",
            `${coin} leverage set to ${lev}x isolated: entries allowed`,
            {
              coin,
            },
          );
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const first = !this.#failed.has(coin);
        this.#failed.set(coin, reason);
        if (first)
          this.events.emit(
            "leverage_failed",
            "critical",
            `${coin} leverage could not be set to ${lev}x isolated (${reason}): entries on ${coin} are blocked until it is`,
            { coin, details: { leverage: lev, reason } },
          );
      }
    }
  }

  /** Coins asked about since, right away; with `failedToo`, the failed ones again (periodic retry). */
  async retry(failedToo: boolean): Promise<void> {
    const coins = [...this.#wanted, ...(failedToo ? this.#failed.keys() : [])];
    if (coins.length) await this.setAll(coins);
  }
}
