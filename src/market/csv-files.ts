/**
 * Reads the real-data CSV format of ../shared/data/hyperliquid: `COIN-INTERVAL.csv[.gz]` candles
 * (time_ms,open,high,low,close,volume) and `COIN-funding-1h.csv[.gz]` (time_ms,funding_rate).
 * A file is parsed whole before anything is written, so a bad row (reported as file:line) never
 * leaves half a file in the ledger.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { DataFormatError } from "../core/errors.ts";
import { type Interval, isInterval } from "../core/intervals.ts";
import type { Candle } from "../ledger/repos/candles.ts";

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

function readText(path: string): string {
  const bytes = readFileSync(path);
  const raw = path.endsWith(".gz") ? Bun.gunzipSync(bytes) : bytes;
  return new TextDecoder().decode(raw);
}

function* dataLines(path: string, header: string): Generator<[string, number]> {
  const text = readText(path);
  let start = 0;
  let line = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const content = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    line++;
    start = end + 1;
    if (line === 1) {
      if (content.trim() !== header) {
        throw new DataFormatError(`${path}:1`, `expected header "${header}", got "${content.slice(0, 80)}"`);
      }
      continue;
    }
    if (content === "") continue;
    yield [content, line];
  }
}

function num(field: string | undefined, path: string, line: number, name: string): number {
  const v = field === undefined || field === "" ? Number.NaN : Number(field);
  if (!Number.isFinite(v))
    throw new DataFormatError(`${path}:${line}`, `${name} is not a number: "${field ?? ""}"`);
  return v;
}

export function parseCandleFile(path: string): Candle[] {
  const out: Candle[] = [];
  let prev = -Infinity;
  for (const [content, line] of dataLines(path, "time_ms,open,high,low,close,volume")) {
    const f = content.split(",");
    if (f.length !== 6) throw new DataFormatError(`${path}:${line}`, `expected 6 fields, got ${f.length}`);
    const t = num(f[0], path, line, "time_ms");
    const c: Candle = {
      t,
      open: num(f[1], path, line, "open"),
      high: num(f[2], path, line, "high"),
      low: num(f[3], path, line, "low"),
      close: num(f[4], path, line, "close"),
      volume: num(f[5], path, line, "volume"),
    };
    if (!Number.isInteger(t) || t <= prev) {
      throw new DataFormatError(`${path}:${line}`, "time_ms must be an integer, strictly increasing");
    }
    if (
      c.low > Math.min(c.open, c.close) ||
      c.high < Math.max(c.open, c.close) ||
      c.low <= 0 ||
      c.volume < 0
    ) {
      throw new DataFormatError(
        `${path}:${line}`,
        "inconsistent OHLC (need 0 < low <= open,close <= high, volume >= 0)",
      );
    }
    prev = t;
    out.push(c);
  }
  return out;
}

export function parseFundingFile(path: string): { eventT: number; rate: number }[] {
  const out: { eventT: number; rate: number }[] = [];
  let prev = -Infinity;
  for (const [content, line] of dataLines(path, "time_ms,funding_rate")) {
    const f = content.split(",");
    if (f.length !== 2) throw new DataFormatError(`${path}:${line}`, `expected 2 fields, got ${f.length}`);
    const eventT = num(f[0], path, line, "time_ms");
    const rate = num(f[1], path, line, "funding_rate");
    if (!Number.isInteger(eventT) || eventT <= prev) {
      throw new DataFormatError(`${path}:${line}`, "time_ms must be an integer, strictly increasing");
    }
    prev = eventT;
    out.push({ eventT, rate });
  }
  return out;
}
