/**
 * The venue's perp universe as last seen (cached in the ledger's bot_state by `hlbot backfill`, which
 * fetches `meta` anyway), so `hlbot config check` can tell a typo in engine.coins from a listed perp
 * without a network call.
 */
import * as z from "zod";

export const UNIVERSE_KEY = "hyperliquid.universe";

const CachedUniverse = z.object({
  /** When it was fetched, ms. */
  at: z.number(),
  /** The REST base it came from (mainnet, testnet or a local venue). */
  source: z.string(),
  /** Listed (not delisted) perp names. */
  coins: z.array(z.string()),
});
export type CachedUniverse = z.output<typeof CachedUniverse>;

interface Store {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown, now: number): void;
}

export function saveUniverse(store: Store, universe: CachedUniverse): void {
  store.set(UNIVERSE_KEY, universe, universe.at);
}

/** The cached universe, or null when none (or an unreadable one) is stored. */
export function loadUniverse(store: Store): CachedUniverse | null {
  try {
    const parsed = CachedUniverse.safeParse(store.get(UNIVERSE_KEY));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
