/**
 * Reads the real-data CSV format of ../shared/data/hyperliquid: `COIN-INTERVAL.csv[.gz]` candles
 * (time_ms,open,high,low,close,volume) and `COIN-funding-1h.csv[.gz]` (time_ms,funding_rate).
 * A file is parsed whole before anything is written, so a bad row (reported as file:line) never
 * leaves half a file in the ledger. Times must be milliseconds inside the market window
 * (time-window.ts) and candle open times on their interval's grid.
 */
import { basename } from "node:path";
import { DataFormatError } from "../core/errors.ts";
import { type Interval, intervalMs, isInterval } from "../core/intervals.ts";
import type { Candle, CandleColumns } from "../ledger/repos/candles.ts";
import { parseNumber } from "./fast-number.ts";
import { readDataText } from "./read-data-file.ts";
import { marketTimeWindow, outsideWindow, type TimeWindow } from "./time-window.ts";

export type DataFile =
  | { kind: "candles"; path: string; coin: string; interval: Interval }
  | { kind: "funding"; path: string; coin: string };

const CANDLE_RE = /^(.+)-(\d+[mhd])\.csv(\.gz)?$/;
const FUNDING_RE = /^(.+)-funding-1h\.csv(\.gz)?$/;

/** Classifies a file name; null for files that are not hlbot data (README, other venues' 8h funding…). */
export function classifyDataFile(path: string): DataFile | null {
  const name = basename(path);
  const funding = FUNDING_RE.exec(name);
  if (funding) return { kind: "funding", path, coin: funding[1]! };
  const candle = CANDLE_RE.exec(name);
  if (candle && !candle[1]!.includes("-funding") && isInterval(candle[2]!)) {
    return { kind: "candles", path, coin: candle[1]!, interval: candle[2] as Interval };
  }
  return null;
}

export interface ParseOptions {
  /** Accepted time range (default: 2010 .. one day after the wall clock now). */
  window?: TimeWindow;
}

/** A parsed file: its columns and, per row, the 1-based line it came from. */
export interface ParsedTable<C> {
  cols: C;
  lines: Int32Array;
}

/**
 * Parses the numeric rows of a file into `width` columns in one pass (no per-row objects). Blank lines
 * are skipped; a row with the wrong field count or a non-number is a DataFormatError at file:line.
 */
function parseColumns(path: string, header: string, width: number, names: readonly string[]) {
  const text = readDataText(path);
  let capacity = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) capacity++;
  const cols = Array.from({ length: width }, () => new Float64Array(capacity));
  const lines = new Int32Array(capacity);
  let n = 0;
  let pos = 0;
  let line = 0;
  while (pos < text.length) {
    let end = text.indexOf("\n", pos);
    if (end === -1) end = text.length;
    const stop = text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    line++;
    if (line === 1) {
      const got = text.slice(pos, stop).trim();
      if (got !== header)
        throw new DataFormatError(`${path}:1`, `expected header "${header}", got "${got.slice(0, 80)}"`);
    } else if (stop > pos) {
      let a = pos;
      for (let f = 0; f < width; f++) {
        let b = f === width - 1 ? stop : text.indexOf(",", a);
        if (b === -1 || b > stop) b = stop;
        if (f < width - 1 && b === stop)
          throw new DataFormatError(`${path}:${line}`, `expected ${width} fields, got ${f + 1}`);
        const v = b > a ? parseNumber(text, a, b) : Number.NaN;
        if (!Number.isFinite(v)) {
          throw new DataFormatError(`${path}:${line}`, `${names[f]} is not a number: "${text.slice(a, b)}"`);
        }
        cols[f]![n] = v;
        a = b + 1;
      }
      lines[n] = line;
      n++;
    }
    pos = end + 1;
  }
  if (n === 0) throw new DataFormatError(path, "no data rows after the header");
  return { cols: cols.map((c) => c.subarray(0, n)), lines: lines.subarray(0, n), n };
}

/** Integer, strictly increasing, inside the window and (when `grid` > 0) a multiple of `grid`. */
function checkTimes(
  path: string,
  t: Float64Array,
  lines: Int32Array,
  window: TimeWindow,
  grid: number,
): void {
  let prev = -Infinity;
  for (let i = 0; i < t.length; i++) {
    const v = t[i]!;
    const outside = Number.isInteger(v) ? outsideWindow(v, window) : null;
    if (outside !== null) throw new DataFormatError(`${path}:${lines[i]}`, `time_ms ${v} is ${outside}`);
    if (!Number.isInteger(v) || v <= prev) {
      throw new DataFormatError(`${path}:${lines[i]}`, "time_ms must be an integer, strictly increasing");
    }
    if (grid > 0 && v % grid !== 0) {
      throw new DataFormatError(
        `${path}:${lines[i]}`,
        `time_ms ${v} is not on the ${grid / 60_000}-minute grid of the file's interval (a bar's open time is)`,
      );
    }
    prev = v;
  }
}

/** The interval named by a candle file's name (its grid), or null for a name that is not one. */
function gridOf(path: string): number {
  const file = classifyDataFile(path);
  return file?.kind === "candles" ? intervalMs(file.interval) : 0;
}

const CANDLE_FIELDS = ["time_ms", "open", "high", "low", "close", "volume"] as const;

/** Candles of a file as columns with their lines, validated (times, OHLC consistency). */
export function parseCandleTable(path: string, options: ParseOptions = {}): ParsedTable<CandleColumns> {
  const { cols, lines, n } = parseColumns(path, CANDLE_FIELDS.join(","), 6, CANDLE_FIELDS);
  const [t, open, high, low, close, volume] = cols as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  checkTimes(path, t, lines, options.window ?? marketTimeWindow(Date.now()), gridOf(path));
  for (let i = 0; i < n; i++) {
    const o = open[i]!;
    const c = close[i]!;
    if (low[i]! > Math.min(o, c) || high[i]! < Math.max(o, c) || low[i]! <= 0 || volume[i]! < 0) {
      throw new DataFormatError(
        `${path}:${lines[i]}`,
        "inconsistent OHLC (need 0 < low <= open,close <= high, volume >= 0)",
      );
    }
  }
  return { cols: { t, open, high, low, close, volume }, lines };
}

/** Candles of a file as columns, validated (see parseCandleTable). */
export function parseCandleColumns(path: string, options: ParseOptions = {}): CandleColumns {
  return parseCandleTable(path, options).cols;
}

export function parseCandleFile(path: string): Candle[] {
  const c = parseCandleColumns(path);
  return Array.from(c.t, (t, i) => ({
    t,
    open: c.open[i]!,
    high: c.high[i]!,
    low: c.low[i]!,
    close: c.close[i]!,
    volume: c.volume[i]!,
  }));
}

export interface FundingColumns {
  eventT: Float64Array;
  rate: Float64Array;
}

/** Funding events of a file as columns with their lines (event time as published, rate per hour). */
export function parseFundingTable(path: string, options: ParseOptions = {}): ParsedTable<FundingColumns> {
  const { cols, lines } = parseColumns(path, "time_ms,funding_rate", 2, ["time_ms", "funding_rate"]);
  const [eventT, rate] = cols as [Float64Array, Float64Array];
  checkTimes(path, eventT, lines, options.window ?? marketTimeWindow(Date.now()), 0);
  return { cols: { eventT, rate }, lines };
}

/** Funding events of a file as columns (see parseFundingTable). */
export function parseFundingColumns(path: string, options: ParseOptions = {}): FundingColumns {
  return parseFundingTable(path, options).cols;
}

export function parseFundingFile(path: string): { eventT: number; rate: number }[] {
  const f = parseFundingColumns(path);
  return Array.from(f.eventT, (eventT, i) => ({ eventT, rate: f.rate[i]! }));
}
