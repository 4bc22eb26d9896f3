/**
 * How an entry is executed, the same on every path: an optional delay of N bars of the signal's
 * timeframe, dropping a delayed entry whose signal no longer holds, and maker entries (a post-only
 * limit that fills only when a later bar trades through it). Each option that differs from the
 * default is part of sim_model_version (src/sim/models/entry-options.ts).
 */
import * as z from "zod";

export const MakerEntrySection = z.strictObject({
  /** Enter with a post-only limit (Hyperliquid ALO) instead of a taker IOC. */
  enabled: z.boolean().default(false),
  /** Limit this many bps better than the price at placement (below for a long, above for a short). */
  offset_bps: z.number().min(0).max(500).default(5),
  /** The order is cancelled when unfilled this many bars (of the signal's timeframe) after placement. */
  expiry_bars: z.number().int().min(1).max(96).default(2),
  /**
   * Queue-position haircut: a simulated limit fills only when a bar trades THROUGH it by more than
   * this (strictly beyond limit ∓ haircut), since orders queued ahead at the limit price fill first.
   */
  queue_haircut_bps: z.number().min(0).max(100).default(1),
});

export const EntriesSection = z.strictObject({
  /** Execute an entry this many bars (of the signal's timeframe) after its signal bar closed; 0 = at once. */
  delay_bars: z.number().int().min(0).max(48).default(0),
  /**
   * Drop an entry whose signal no longer holds when it would execute: a delayed entry is dropped when
   * its strategy, evaluated on the latest closed bar, no longer emits the same side; a resting maker
   * order is cancelled on the first closed bar on which it does not.
   */
  cancel_if_signal_gone: z.boolean().default(false),
  maker: MakerEntrySection.prefault({}),
});

export type EntriesConfig = z.output<typeof EntriesSection>;
