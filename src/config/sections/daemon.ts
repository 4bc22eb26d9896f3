/**
 * `hlbot trade`: how the daemon schedules ticks, bounds its waits on the network and persists state.
 * Every timer has an upper bound: a value beyond 2^31 ms would make a timer fire after 1 ms.
 */
import * as z from "zod";

export const DaemonSection = z.strictObject({
  /**
   * Milliseconds past each tick boundary the tick runs, so a candle that closed on the boundary has
   * already been superseded on the websocket (the next bar's first update arrived) when it is read.
   */
  tick_offset_ms: z.number().int().min(0).max(30_000).default(2_000),
  /** Longest a tick waits for REST work (recorder, allMids fallback) before it trades without it, ms. */
  rest_deadline_ms: z.number().int().min(100).max(120_000).default(5_000),
  /**
   * A closed candle that reaches the daemon later than this after its close only warms the features;
   * it is never scanned (a stale setup must not open a trade), seconds.
   */
  max_bar_age_seconds: z.number().int().min(0).max(86_400).default(900),
  /**
   * Spacing at which websocket data is folded in between ticks, ms: mids into the price path (its
   * high/low) and closed candles into the ledger, so the tick finds them in place; 0 = only at ticks.
   */
  ws_sample_ms: z.number().int().min(0).max(60_000).default(1_000),
  /** Spacing of equity snapshots in the ledger, seconds (`hlbot serve` reads the last tick from them). */
  equity_snapshot_seconds: z.number().int().min(1).max(86_400).default(60),
  /** First retry delay when Hyperliquid cannot be reached at start, ms (doubles per failure). */
  connect_retry_initial_ms: z.number().int().min(10).max(600_000).default(1_000),
  /** Longest delay between start-up connection retries, ms. */
  connect_retry_max_ms: z.number().int().min(10).max(3_600_000).default(60_000),
});

export type DaemonConfig = z.output<typeof DaemonSection>;
