/**
 * `hlbot import`: loads a directory of real-data CSV files into the ledger, idempotently. Each file is
 * parsed whole, then written in one transaction; a bad file is reported and skipped whole.
 */

import type { Database } from "bun:sqlite";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { DataFormatError } from "../core/errors.ts";
import { CandlesRepo } from "../ledger/repos/candles.ts";
import { FundingRepo } from "../ledger/repos/funding.ts";
import { classifyDataFile, type DataFile, parseCandleColumns, parseFundingColumns } from "./csv-files.ts";

export interface ImportFileResult {
  file: string;
  kind: DataFile["kind"];
  coin: string;
  interval?: string;
  rows: number;
  added: number;
}

export interface ImportSummary {
  files: ImportFileResult[];
  failed: { file: string; error: DataFormatError }[];
  skipped: string[];
  rows: number;
  added: number;
  seconds: number;
}

export interface ImportOptions {
  /** Only these coins (null: all). */
  coins?: Set<string> | null;
  onProgress?: (done: number, total: number, file: string) => void;
}

export function listDataFiles(dir: string): { data: DataFile[]; skipped: string[] } {
  const data: DataFile[] = [];
  const skipped: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    const file = classifyDataFile(path);
    if (file) data.push(file);
    else skipped.push(name);
  }
  return { data, skipped };
}

export function importDirectory(db: Database, dir: string, options: ImportOptions = {}): ImportSummary {
  const started = performance.now();
  const candles = new CandlesRepo(db);
  const funding = new FundingRepo(db);
  const { data, skipped } = listDataFiles(dir);
  const selected = options.coins ? data.filter((f) => options.coins!.has(f.coin)) : data;
  const summary: ImportSummary = { files: [], failed: [], skipped, rows: 0, added: 0, seconds: 0 };
  selected.forEach((file, i) => {
    options.onProgress?.(i, selected.length, file.path);
    try {
      const result = importFile(file, candles, funding);
      summary.files.push(result);
      summary.rows += result.rows;
      summary.added += result.added;
    } catch (error) {
      if (!(error instanceof DataFormatError)) throw error;
      summary.failed.push({ file: file.path, error });
    }
  });
  options.onProgress?.(selected.length, selected.length, "");
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

function importFile(file: DataFile, candles: CandlesRepo, funding: FundingRepo): ImportFileResult {
  if (file.kind === "candles") {
    const cols = parseCandleColumns(file.path);
    const added = candles.insertColumns(file.coin, file.interval, cols);
    return {
      file: file.path,
      kind: file.kind,
      coin: file.coin,
      interval: file.interval,
      rows: cols.t.length,
      added,
    };
  }
  const cols = parseFundingColumns(file.path);
  const added = funding.insertColumns(file.coin, cols.eventT, cols.rate);
  return { file: file.path, kind: file.kind, coin: file.coin, rows: cols.eventT.length, added };
}
