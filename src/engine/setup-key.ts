/**
 * The setup key: one economic setup = coin, side and the close time of the signal candle. Two
 * strategies (or shadow and live) firing the same side on the same coin and candle share one key,
 * so the ledger records the setup once per mode and mining never counts it twice.
 */
import type { Side } from "../core/bucket.ts";

export function setupKey(coin: string, side: Side, decidedAt: number): string {
  return `${coin}|${side}|${decidedAt}`;
}
