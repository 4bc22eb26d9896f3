/** Messages between the importer and its parse worker; columns travel as transferred typed arrays. */
import type { BookSnapshotColumns } from "../ledger/repos/book-snapshots.ts";
import type { DataFile } from "./csv-files.ts";
import type { TimeWindow } from "./time-window.ts";

/** A recorded L2 book file, `DIR/l2book/COIN-l2book-*.csv[.gz]` (format: src/sim/depth/l2book-csv.ts). */
export interface BookFile {
  kind: "l2book";
  path: string;
  coin: string;
}

export type ImportFile = DataFile | BookFile;

export interface ParseRequest {
  id: number;
  file: ImportFile;
  /** Accepted time range for the file's timestamps. */
  window: TimeWindow;
}

/** A book file as the rows the recorder stores (levels already JSON text). */
export type BookColumns = BookSnapshotColumns;

export type ParseReply =
  | {
      id: number;
      ok: true;
      kind: "candles" | "funding";
      columns: Float64Array[];
      /** 1-based source line of each row (for conflict reports). */
      lines: Int32Array;
    }
  | {
      id: number;
      ok: true;
      kind: "l2book";
      books: BookColumns;
    }
  | { id: number; ok: false; location: string; detail: string };
