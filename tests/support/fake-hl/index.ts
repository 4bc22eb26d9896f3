/**
 * The local Hyperliquid venue (src/local-venue/) as tests use it: the same code, pointed by default at
 * the real data in ../shared/data/hyperliquid.
 */
import {
  type FakeHyperliquid,
  startFakeHyperliquid as startVenue,
  type FakeHyperliquidOptions as VenueOptions,
} from "../../../src/local-venue/index.ts";
import { HL_DATA } from "../paths.ts";

export {
  type Account,
  type CreatedAccount,
  DEFAULT_REPLAY_TIME,
  FakeHyperliquid,
  type FaultKind,
  type FaultRule,
  type FillRecord,
  HL_RATE_LIMIT,
  listedCoins,
  type Position,
  type RateLimitOptions,
  type StatsSnapshot,
  UNIVERSE,
} from "../../../src/local-venue/index.ts";

/** The venue's options, with the data directory defaulting to ../shared/data/hyperliquid. */
export type FakeHyperliquidOptions = Omit<VenueOptions, "dataDir"> & { dataDir?: string };

export function startFakeHyperliquid(options: FakeHyperliquidOptions = {}): FakeHyperliquid {
  return startVenue({ ...options, dataDir: options.dataDir ?? HL_DATA });
}
