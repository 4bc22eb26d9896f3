/**
 * The REAL Hyperliquid data the venue replays (a DataSource: ../shared/data/hyperliquid in tests, the
 * embedded sample in the demo), loaded lazily per coin and interval and cached per process, so a test
 * that only touches BTC 1h never parses the other files. Candles are columnar (typed arrays on a
 * gap-free grid); funding keeps the exact event times.
 */
import { readFileSync } from "node:fs";
import { parseCandleFile, parseFundingFile } from "../market/csv-files.ts";
import type { DataSource } from "./data-source.ts";

/** Intervals that exist as files in the data set, finest first. */
export const FILE_INTERVALS = ["15m", "1h", "4h"] as const;
export type FileInterval = (typeof FILE_INTERVALS)[number];
export const FILE_INTERVAL_MS: Record<FileInterval, number> = {
  "15m": 900_000,
  "1h": 3_600_000,
  "4h": 14_400_000,
};

/** One candle file as columns; `t[i] = t0 + i * len` (the files have no gaps). */
export interface CandleSeries {
  len: number;
  t0: number;
  n: number;
  o: Float64Array;
  h: Float64Array;
  l: Float64Array;
  c: Float64Array;
  v: Float64Array;
}

export interface FundingSeries {
  time: Float64Array;
  rate: Float64Array;
}

export interface BookLevel {
  px: number;
  sz: number;
  n: number;
}

export interface L2Snapshot {
  time: number;
  bids: BookLevel[];
  asks: BookLevel[];
}

const candleCache = new Map<string, CandleSeries | null>();
const fundingCache = new Map<string, FundingSeries | null>();
const l2Cache = new Map<string, L2Snapshot[] | null>();

/**
 * The data as the venue serves it. With `shiftMs` every time is that much later than it happened (a
 * whole number of days keeps bars, funding hours and sessions on their grid): `hlbot exchange`
 * replays a day of the sample as today. Parsed files are cached per process, unshifted.
 */
export class MarketData {
  readonly #shifted = new Map<string, unknown>();

  constructor(
    readonly source: DataSource,
    readonly shiftMs = 0,
  ) {}

  candles(coin: string, interval: FileInterval): CandleSeries | null {
    const key = `${this.source.id}|${coin}|${interval}`;
    if (!candleCache.has(key)) {
      const path = this.source.file(`${coin}-${interval}`);
      candleCache.set(key, path ? toColumns(parseCandleFile(path), FILE_INTERVAL_MS[interval], path) : null);
    }
    return this.#shift(key, candleCache.get(key) ?? null, (s) => ({ ...s, t0: s.t0 + this.shiftMs }));
  }

  funding(coin: string): FundingSeries | null {
    const key = `${this.source.id}|${coin}`;
    if (!fundingCache.has(key)) {
      const path = this.source.file(`${coin}-funding-1h`);
      if (!path) fundingCache.set(key, null);
      else {
        const rows = parseFundingFile(path);
        fundingCache.set(key, {
          time: Float64Array.from(rows, (r) => r.eventT),
          rate: Float64Array.from(rows, (r) => r.rate),
        });
      }
    }
    return this.#shift(`f|${key}`, fundingCache.get(key) ?? null, (f) => ({
      time: f.time.map((t) => t + this.shiftMs),
      rate: f.rate,
    }));
  }

  /** Real L2 snapshots for a coin (only BTC, one hour of 2024-01-01), oldest first. */
  l2(coin: string): L2Snapshot[] | null {
    const key = `${this.source.id}|${coin}`;
    if (!l2Cache.has(key)) {
      const path = this.source.l2File(coin);
      l2Cache.set(key, path ? parseL2(path) : null);
    }
    return this.#shift(`l2|${key}`, l2Cache.get(key) ?? null, (snaps) =>
      snaps.map((s) => ({ ...s, time: s.time + this.shiftMs })),
    );
  }

  #shift<T>(key: string, value: T | null, shift: (v: T) => T): T | null {
    if (this.shiftMs === 0 || value === null) return value;
    if (!this.#shifted.has(key)) this.#shifted.set(key, shift(value));
    return this.#shifted.get(key) as T;
  }
}

function toColumns(
  rows: { t: number; open: number; high: number; low: number; close: number; volume: number }[],
  len: number,
  path: string,
): CandleSeries | null {
  const n = rows.length;
  if (n === 0) return null;
  const t0 = rows[0]!.t;
  const s: CandleSeries = {
    len,
    t0,
    n,
    o: new Float64Array(n),
    h: new Float64Array(n),
    l: new Float64Array(n),
    c: new Float64Array(n),
    v: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    if (r.t !== t0 + i * len) throw new Error(`${path}: gap at row ${i + 2}; the venue needs gap-free files`);
    s.o[i] = r.open;
    s.h[i] = r.high;
    s.l[i] = r.low;
    s.c[i] = r.close;
    s.v[i] = r.volume;
  }
  return s;
}

/** Long format `time_ms,side,level,px,sz,n` → one snapshot per time. */
function parseL2(path: string): L2Snapshot[] {
  const raw = readFileSync(path);
  const text = new TextDecoder().decode(path.endsWith(".gz") ? Bun.gunzipSync(raw) : raw);
  const out: L2Snapshot[] = [];
  let current: L2Snapshot | null = null;
  const lines = text.split("\n");
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === "") continue;
    const [time, side, , px, sz, n] = line.split(",");
    const t = Number(time);
    if (!current || current.time !== t) {
      current = { time: t, bids: [], asks: [] };
      out.push(current);
    }
    const level = { px: Number(px), sz: Number(sz), n: Number(n) };
    (side === "bid" ? current.bids : current.asks).push(level);
  }
  return out;
}
