/**
 * The local Hyperliquid venue (src/local-venue/) as tests use it: the same code under its test names
 * (FakeHyperliquid, startFakeHyperliquid), pointed by default at the real data in
 * ../shared/data/hyperliquid.
 */
import {
  directorySource,
  LocalVenue,
  type LocalVenueOptions,
  startLocalVenue,
} from "../../../src/local-venue/index.ts";
import { HL_DATA } from "../paths.ts";

export {
  type Account,
  type CreatedAccount,
  DEFAULT_REPLAY_TIME,
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

/** The venue under its test name. */
export const FakeHyperliquid = LocalVenue;
export type FakeHyperliquid = LocalVenue;

/** The venue's options; data defaults to the directory ../shared/data/hyperliquid (or `dataDir`). */
export type FakeHyperliquidOptions = Omit<LocalVenueOptions, "data"> & {
  data?: LocalVenueOptions["data"];
  dataDir?: string;
};

export function startFakeHyperliquid(options: FakeHyperliquidOptions = {}): FakeHyperliquid {
  const { dataDir, data, ...rest } = options;
  return startLocalVenue({ ...rest, data: data ?? directorySource(dataDir ?? HL_DATA) });
}
