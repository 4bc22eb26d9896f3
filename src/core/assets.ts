/**
 * Static Hyperliquid asset facts for the 23 perps of the shared data set: size decimals (lot size)
 * and max leverage, as in HL's `meta` universe. Backtests use this table; the live path reads the
 * same facts from the exchange's `meta` at start and prefers them.
 */
export interface AssetMeta {
  name: string;
  szDecimals: number;
  maxLeverage: number;
}

const TABLE: [string, number, number][] = [
  ["BTC", 5, 40],
  ["ETH", 4, 25],
  ["SOL", 2, 20],
  ["AVAX", 2, 10],
  ["DOGE", 0, 10],
  ["XRP", 0, 20],
  ["LINK", 1, 10],
  ["BNB", 3, 10],
  ["ARB", 1, 10],
  ["OP", 1, 10],
  ["SUI", 1, 10],
  ["HYPE", 2, 10],
  ["WIF", 0, 10],
  ["kPEPE", 0, 10],
  ["LTC", 2, 10],
  ["ADA", 0, 10],
  ["NEAR", 1, 10],
  ["APT", 2, 10],
  ["INJ", 1, 10],
  ["AAVE", 2, 10],
  ["TIA", 1, 10],
  ["SEI", 0, 10],
  ["ENA", 0, 10],
];

export const STATIC_ASSETS: ReadonlyMap<string, AssetMeta> = new Map(
  TABLE.map(([name, szDecimals, maxLeverage]) => [name, { name, szDecimals, maxLeverage }]),
);

/** Hyperliquid's minimum order value, USDC. */
export const MIN_NOTIONAL_USD = 10;

/** Facts for a coin; unknown coins get conservative defaults (lot 0.01, 3x). */
export function assetMeta(coin: string, table: ReadonlyMap<string, AssetMeta> = STATIC_ASSETS): AssetMeta {
  return table.get(coin) ?? { name: coin, szDecimals: 2, maxLeverage: 3 };
}
