/**
 * The entry options' part of sim_model_version: every option that is not the default (taker at the
 * next bar's open, no delay) is named in the version, so rows under different entry rules are never
 * mixed by mining. The maker fee is named only when maker entries are on (nothing else reads it).
 */
import type { EntriesConfig } from "../../config/sections/entries.ts";

export interface EntryOptions {
  delayBars: number;
  cancelIfSignalGone: boolean;
  /** Null: taker entries. */
  maker: { offsetBps: number; expiryBars: number; queueHaircutBps: number; feeBps: number } | null;
}

export const TAKER_ENTRIES: EntryOptions = Object.freeze({
  delayBars: 0,
  cancelIfSignalGone: false,
  maker: null,
});

export function entryOptions(cfg: EntriesConfig, makerFeeBps: number): EntryOptions {
  return {
    delayBars: cfg.delay_bars,
    cancelIfSignalGone: cfg.cancel_if_signal_gone,
    maker: cfg.maker.enabled
      ? {
          offsetBps: cfg.maker.offset_bps,
          expiryBars: cfg.maker.expiry_bars,
          queueHaircutBps: cfg.maker.queue_haircut_bps,
          feeBps: makerFeeBps,
        }
      : null,
  };
}

/** The version's overrides for `o` (empty for the default entries): `delay=2`, `cancel_gone`, `maker=off5,exp2,q1,fee1.5`. */
export function entryTags(o: EntryOptions): string[] {
  const tags: string[] = [];
  if (o.delayBars > 0) tags.push(`delay=${o.delayBars}`);
  if (o.cancelIfSignalGone) tags.push("cancel_gone");
  if (o.maker)
    tags.push(
      `maker=off${o.maker.offsetBps},exp${o.maker.expiryBars},q${o.maker.queueHaircutBps},fee${o.maker.feeBps}`,
    );
  return tags;
}
