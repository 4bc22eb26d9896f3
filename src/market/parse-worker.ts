/** Bun worker entry: parses data files for `hlbot import` on the second core while the main thread writes. */
import { DataFormatError } from "../core/errors.ts";
import { parseCandleColumns, parseFundingColumns } from "./csv-files.ts";
import type { ParseReply, ParseRequest } from "./parse-protocol.ts";

declare const self: Worker;

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  const { id, file } = event.data;
  try {
    if (file.kind === "candles") {
      const c = parseCandleColumns(file.path);
      const reply: ParseReply = {
        id,
        ok: true,
        kind: "candles",
        columns: [c.t, c.open, c.high, c.low, c.close, c.volume],
      };
      self.postMessage(
        reply,
        reply.columns.map((a) => a.buffer as ArrayBuffer),
      );
    } else {
      const f = parseFundingColumns(file.path);
      const reply: ParseReply = { id, ok: true, kind: "funding", columns: [f.eventT, f.rate] };
      self.postMessage(
        reply,
        reply.columns.map((a) => a.buffer as ArrayBuffer),
      );
    }
  } catch (error) {
    if (error instanceof DataFormatError) {
      self.postMessage({
        id,
        ok: false,
        location: error.location,
        detail: error.message.slice(error.location.length + 2),
      });
    } else
      self.postMessage({
        id,
        ok: false,
        location: file.path,
        detail: error instanceof Error ? error.message : String(error),
      });
  }
};
