/** Public surface of the local Hyperliquid venue (docs/local-venue.md): tests, `hlbot demo`, `hlbot exchange`. */

export { AcceleratedClock } from "./accelerated-clock.ts";
export type { Account, FillRecord, Position } from "./accounts.ts";
export type { CreatedAccount } from "./controls.ts";
export { type DataSource, directorySource, fileTableSource } from "./data-source.ts";
export type { FaultKind, FaultRule } from "./faults.ts";
export { HL_RATE_LIMIT, type RateLimitOptions } from "./limiter.ts";
export { DEFAULT_REPLAY_TIME, LocalVenue, type LocalVenueOptions, startLocalVenue } from "./server.ts";
export type { StatsSnapshot } from "./stats.ts";
export { listedCoins, UNIVERSE } from "./universe.ts";
