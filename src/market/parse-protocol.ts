/** Messages between the importer and its parse worker; columns travel as transferred Float64Arrays. */
import type { DataFile } from "./csv-files.ts";

export interface ParseRequest {
  id: number;
  file: DataFile;
}

export type ParseReply =
  | { id: number; ok: true; kind: "candles" | "funding"; columns: Float64Array[] }
  | { id: number; ok: false; location: string; detail: string };
