/** Messages between the importer and its parse worker; columns travel as transferred typed arrays. */
import type { DataFile } from "./csv-files.ts";
import type { TimeWindow } from "./time-window.ts";

export interface ParseRequest {
  id: number;
  file: DataFile;
  /** Accepted time range for the file's timestamps. */
  window: TimeWindow;
}

export type ParseReply =
  | {
      id: number;
      ok: true;
      kind: "candles" | "funding";
      columns: Float64Array[];
      /** 1-based source line of each row (for conflict reports). */
      lines: Int32Array;
    }
  | { id: number; ok: false; location: string; detail: string };
