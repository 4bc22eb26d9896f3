/**
 * candleSnapshot as Hyperliquid serves it: only bars that exist by the fake "now" (closed ones plus
 * the one still forming), only the most recent `window` bars per coin and interval (5000 on the real
 * API), oldest first, from the bar containing startTime, at most `maxPerResponse` per answer counted
 * from the start of the range (so a client pages forward with startTime = last t + interval). Closed 15m/1h/4h bars are the real rows
 * verbatim; other intervals and the forming bar are built from the replayed price path.
 */
import { FILE_INTERVAL_MS, type FileInterval, type MarketData } from "./data.ts";
import type { PathCandle, PriceModel } from "./prices.ts";
import { fmtDec, plain } from "./wire.ts";

/** Intervals the fake serves (3d, 1w and 1M are answered with an empty list). */
export const SERVED_INTERVAL_MS: Record<string, number> = {
  "1m": 60_000,
  "3m": 180_000,
  "5m": 300_000,
  "15m": 900_000,
  "30m": 1_800_000,
  "1h": 3_600_000,
  "2h": 7_200_000,
  "4h": 14_400_000,
  "8h": 28_800_000,
  "12h": 43_200_000,
  "1d": 86_400_000,
};

export const KNOWN_INTERVALS = new Set([...Object.keys(SERVED_INTERVAL_MS), "3d", "1w", "1M"]);

export interface WireCandle {
  t: number;
  T: number;
  s: string;
  i: string;
  o: string;
  c: string;
  h: string;
  l: string;
  v: string;
  n: number;
}

export interface CandleLimits {
  /** Bars that exist per coin and interval, counted back from the forming one. */
  window: number;
  /** Bars per response. */
  maxPerResponse: number;
}

/** Average trade size used to make up the trade count `n`, USD. */
const AVG_TRADE_USD = 2_500;

export function candleSnapshot(
  data: MarketData,
  model: PriceModel,
  req: { coin: string; interval: string; startTime: number; endTime: number },
  now: number,
  limits: CandleLimits,
): WireCandle[] {
  const len = SERVED_INTERVAL_MS[req.interval];
  if (len === undefined) return [];
  const forming = Math.floor(now / len) * len;
  const oldest = Math.max(forming - (limits.window - 1) * len, Math.ceil(model.start / len) * len);
  // Like Hyperliquid, the answer starts with the bar CONTAINING startTime (recorded: an off-grid
  // startTime returns the bar that opened before it).
  const first = Math.max(Math.floor(req.startTime / len) * len, oldest);
  const last = Math.min(Math.floor(req.endTime / len) * len, forming);
  const file = req.interval in FILE_INTERVAL_MS ? data.candles(req.coin, req.interval as FileInterval) : null;
  const out: WireCandle[] = [];
  for (let t = first; t <= last && out.length < limits.maxPerResponse; t += len) {
    let bar: PathCandle | null = null;
    if (file && t + len <= now && t >= file.t0 && t < file.t0 + file.n * file.len) {
      const i = (t - file.t0) / file.len;
      bar = { t, o: file.o[i]!, h: file.h[i]!, l: file.l[i]!, c: file.c[i]!, v: file.v[i]! };
      out.push(wire(req, bar, len, true));
      continue;
    }
    bar = model.pathCandle(t, len, now);
    if (bar) out.push(wire(req, bar, len, false));
  }
  return out;
}

function wire(
  req: { coin: string; interval: string },
  b: PathCandle,
  len: number,
  exact: boolean,
): WireCandle {
  // Made-up prices carry 6 significant figures, like Hyperliquid's own candle strings.
  const px = (x: number) => (exact ? plain(x) : fmtDec(x, Math.max(0, 5 - Math.floor(Math.log10(x)))));
  return {
    t: b.t,
    T: b.t + len - 1,
    s: req.coin,
    i: req.interval,
    o: px(b.o),
    c: px(b.c),
    h: px(b.h),
    l: px(b.l),
    v: exact ? plain(b.v) : fmtDec(b.v, 5),
    n: Math.max(b.v > 0 ? 1 : 0, Math.round((b.v * b.c) / AVG_TRADE_USD)),
  };
}
