/** Public surface of the local Hyperliquid venue (docs/local-venue.md): the test fake and the demo venue. */
export type { Account, FillRecord, Position } from "./accounts.ts";
export type { CreatedAccount } from "./controls.ts";
export type { FaultKind, FaultRule } from "./faults.ts";
export { HL_RATE_LIMIT, type RateLimitOptions } from "./limiter.ts";
export {
  DEFAULT_REPLAY_TIME,
  FakeHyperliquid,
  type FakeHyperliquidOptions,
  startFakeHyperliquid,
} from "./server.ts";
export type { StatsSnapshot } from "./stats.ts";
export { listedCoins, UNIVERSE } from "./universe.ts";
