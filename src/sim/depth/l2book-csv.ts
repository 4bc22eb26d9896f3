/**
 * Reads the long-format L2 book files of ../shared/data/hyperliquid/l2book (`time_ms,side,level,px,sz,n`,
 * one row per level, level 0 = best) into DepthBooks with prices and sizes as the exact decimal text
 * of the file. A bad row is a DataFormatError at file:line; nothing of the file is returned then.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { DataFormatError } from "../../core/errors.ts";
import type { DepthBook, DepthLevel } from "./depth-book.ts";

const HEADER = "time_ms,side,level,px,sz,n";
const DECIMAL = /^\d+(\.\d+)?$/;
const INTEGER = /^\d+$/;

/** `BTC-l2book-2024-01-01T12.csv.gz` → `BTC`; null for other files. */
export function l2BookFileCoin(path: string): string | null {
  return /^(.+)-l2book-.+\.csv(\.gz)?$/.exec(basename(path))?.[1] ?? null;
}

export function parseL2BookCsv(path: string, coin = l2BookFileCoin(path) ?? "?"): DepthBook[] {
  const raw = readFileSync(path);
  const text = new TextDecoder().decode(path.endsWith(".gz") ? Bun.gunzipSync(raw) : raw);
  const lines = text.split("\n");
  if (lines[0]?.trim() !== HEADER)
    throw new DataFormatError(`${path}:1`, `expected header "${HEADER}", got "${lines[0]?.slice(0, 80)}"`);
  const out: { coin: string; t: number; bids: DepthLevel[]; asks: DepthLevel[] }[] = [];
  let cur: (typeof out)[number] | null = null;
  // The location is built only for an error: a template string per row was a fifth of the parse.
  const at = (i: number) => `${path}:${i + 1}`;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    const f = line.split(",");
    if (f.length !== 6) throw new DataFormatError(at(i), `expected 6 fields, got ${f.length}`);
    const [time, side, level, px, sz, n] = f as [string, string, string, string, string, string];
    const t = Number(time);
    if (!Number.isSafeInteger(t)) throw new DataFormatError(at(i), `bad time_ms "${time}"`);
    if (side !== "bid" && side !== "ask") throw new DataFormatError(at(i), `bad side "${side}"`);
    if (!DECIMAL.test(px) || !DECIMAL.test(sz) || !INTEGER.test(n))
      throw new DataFormatError(at(i), "px, sz and n must be plain non-negative decimals");
    if (!cur || cur.t !== t) {
      if (cur && t < cur.t) throw new DataFormatError(at(i), "snapshot times must increase");
      cur = { coin, t, bids: [], asks: [] };
      out.push(cur);
    }
    const levels = side === "bid" ? cur.bids : cur.asks;
    if (Number(level) !== levels.length)
      throw new DataFormatError(at(i), `level ${level} out of order (expected ${levels.length})`);
    levels.push({ px, sz, n: Number(n) });
  }
  return out;
}
