/**
 * `hlbot config check` against what the ledger knows of the venue: a coin in engine.coins,
 * market_data.book_coins or regime.reference_coin that is not a listed perp is an error (exit 2, key
 * named) when the universe is known (cached by `hlbot backfill` in bot_state); without it, coins with
 * no history in the ledger are only a warning (they may be listed but not fetched yet). The ledger is
 * opened read-only and only when it exists: config check never creates one.
 */
import type { Config } from "../config/schema.ts";
import type { ConfigIssue } from "../core/errors.ts";
import { checkLedgerPath, openLedger } from "../ledger/open.ts";
import { BotStateRepo } from "../ledger/repos/bot-state.ts";
import { loadUniverse } from "./universe-cache.ts";

export interface CoinCheck {
  errors: ConfigIssue[];
  warnings: string[];
}

/** Every configured coin with the key that names it. */
function configuredCoins(config: Config): [string, string][] {
  const out: [string, string][] = config.engine.coins.map((c, i) => [`engine.coins.${i}`, c]);
  (config.market_data.book_coins ?? []).forEach((c, i) => {
    out.push([`market_data.book_coins.${i}`, c]);
  });
  if (config.regime.scope === "btc") out.push(["regime.reference_coin", config.regime.reference_coin]);
  return out;
}

export function checkCoins(config: Config): CoinCheck {
  const result: CoinCheck = { errors: [], warnings: [] };
  const path = config.ledger.path;
  const unchecked = "coins not checked against Hyperliquid's listing";
  try {
    checkLedgerPath(path, true);
  } catch {
    result.warnings.push(`${unchecked}: no ledger at ${path} (run \`hlbot backfill\` once)`);
    return result;
  }
  let db: ReturnType<typeof openLedger>;
  try {
    db = openLedger(path, { readonly: true, busyTimeoutMs: config.ledger.busy_timeout_ms });
  } catch (error) {
    result.warnings.push(`${unchecked}: ${(error as Error).message}`);
    return result;
  }
  try {
    const universe = loadUniverse(new BotStateRepo(db));
    const coins = configuredCoins(config);
    if (universe) {
      const listed = new Set(universe.coins);
      const asOf = `${universe.source}, ${new Date(universe.at).toISOString().slice(0, 16)}Z`;
      for (const [key, coin] of coins) {
        if (!listed.has(coin)) {
          result.errors.push({
            path: key,
            message: `"${coin}" is not a listed Hyperliquid perp (listing of ${asOf})`,
          });
        }
      }
      return result;
    }
    const stored = new Set(
      (db.query("SELECT DISTINCT coin FROM candles").all() as { coin: string }[]).map((r) => r.coin),
    );
    const missing = [...new Set(coins.map(([, c]) => c))].filter((c) => !stored.has(c));
    result.warnings.push(
      `${unchecked}: no cached listing in ${path} (run \`hlbot backfill\` once)` +
        (missing.length > 0 ? `; no history in the ledger for ${missing.join(", ")}` : ""),
    );
    return result;
  } finally {
    db.close();
  }
}
