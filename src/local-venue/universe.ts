/**
 * The fake's perp universe: the 23 coins of the shared data set with Hyperliquid's lot sizes and max
 * leverage, plus one delisted coin (as on mainnet, delisted coins stay in `meta` so indices are
 * stable). Also each coin's synthetic book profile (spread and depth) and its tick rules.
 */

export interface FakeAsset {
  index: number;
  name: string;
  szDecimals: number;
  maxLeverage: number;
  isDelisted: boolean;
  /** Quoted spread of the synthetic book, basis points of mid (at least one tick). */
  spreadBps: number;
  /** Typical resting notional per book level, USD. */
  levelUsd: number;
}

// name, szDecimals, maxLeverage, spread bps, USD per level
const TABLE: [string, number, number, number, number][] = [
  ["BTC", 5, 40, 0.15, 120_000],
  ["ETH", 4, 25, 0.3, 80_000],
  ["SOL", 2, 20, 0.8, 40_000],
  ["AVAX", 2, 10, 2, 12_000],
  ["DOGE", 0, 10, 1.5, 20_000],
  ["XRP", 0, 20, 1.5, 20_000],
  ["LINK", 1, 10, 2, 12_000],
  ["BNB", 3, 10, 1.5, 15_000],
  ["ARB", 1, 10, 3, 8_000],
  ["OP", 1, 10, 3, 8_000],
  ["SUI", 1, 10, 2, 12_000],
  ["HYPE", 2, 10, 1, 30_000],
  ["WIF", 0, 10, 3, 8_000],
  ["kPEPE", 0, 10, 3, 8_000],
  ["LTC", 2, 10, 2, 10_000],
  ["ADA", 0, 10, 2, 10_000],
  ["NEAR", 1, 10, 3, 8_000],
  ["APT", 2, 10, 3, 8_000],
  ["INJ", 1, 10, 3, 8_000],
  ["AAVE", 2, 10, 2, 10_000],
  ["TIA", 1, 10, 3, 8_000],
  ["SEI", 0, 10, 3, 8_000],
  ["ENA", 0, 10, 3, 8_000],
];

export const UNIVERSE: readonly FakeAsset[] = [
  ...TABLE.map(([name, szDecimals, maxLeverage, spreadBps, levelUsd], index) => ({
    index,
    name,
    szDecimals,
    maxLeverage,
    isDelisted: false,
    spreadBps,
    levelUsd,
  })),
  {
    index: TABLE.length,
    name: "MATIC",
    szDecimals: 1,
    maxLeverage: 20,
    isDelisted: true,
    spreadBps: 3,
    levelUsd: 0,
  },
];

const BY_NAME = new Map(UNIVERSE.map((a) => [a.name, a]));

export function assetByName(coin: string): FakeAsset | undefined {
  return BY_NAME.get(coin);
}

export function assetByIndex(index: number): FakeAsset | undefined {
  return Number.isInteger(index) ? UNIVERSE[index] : undefined;
}

/** Listed (tradable) coins, in index order. */
export function listedCoins(): string[] {
  return UNIVERSE.filter((a) => !a.isDelisted).map((a) => a.name);
}

/** The `meta` payload as Hyperliquid sends it (one single-tier margin table per max leverage). */
export function metaPayload(): unknown {
  const levels = [...new Set(UNIVERSE.map((a) => a.maxLeverage))].sort((a, b) => a - b);
  return {
    universe: UNIVERSE.map((a) => ({
      name: a.name,
      szDecimals: a.szDecimals,
      maxLeverage: a.maxLeverage,
      marginTableId: a.maxLeverage,
      ...(a.isDelisted ? { isDelisted: true } : {}),
    })),
    marginTables: levels.map((lev) => [
      lev,
      { description: "", marginTiers: [{ lowerBound: "0.0", maxLeverage: lev }] },
    ]),
    collateralToken: 0,
  };
}
