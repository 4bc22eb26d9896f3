/** Bun worker entry: parses data files for `hlbot import` on the second core while the main thread writes. */
import { DataFormatError } from "../core/errors.ts";
import { parseCandleTable, parseFundingTable } from "./csv-files.ts";
import type { ParseReply, ParseRequest } from "./parse-protocol.ts";

declare const self: Worker;

function parse(request: ParseRequest): Extract<ParseReply, { ok: true }> {
  const { id, file, window } = request;
  if (file.kind === "candles") {
    const { cols: c, lines } = parseCandleTable(file.path, { window });
    return { id, ok: true, kind: "candles", columns: [c.t, c.open, c.high, c.low, c.close, c.volume], lines };
  }
  const { cols: f, lines } = parseFundingTable(file.path, { window });
  return { id, ok: true, kind: "funding", columns: [f.eventT, f.rate], lines };
}

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  const { id, file } = event.data;
  try {
    const reply = parse(event.data);
    const buffers = new Set<ArrayBuffer>([...reply.columns, reply.lines].map((a) => a.buffer as ArrayBuffer));
    self.postMessage(reply, [...buffers]);
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
