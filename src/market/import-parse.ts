/**
 * Parses one file of an `hlbot import` into what the writer needs (columns, or book rows with their
 * levels JSON-encoded): the same code runs in the parse worker and on the main thread when it would
 * otherwise wait. Never throws: a bad file is an `ok: false` reply naming file:line.
 */
import { DataFormatError } from "../core/errors.ts";
import { toSnapshotRow } from "../sim/depth/depth-book.ts";
import { parseL2BookCsv } from "../sim/depth/l2book-csv.ts";
import { parseCandleTable, parseFundingTable } from "./csv-files.ts";
import type { BookColumns, ParseReply, ParseRequest } from "./parse-protocol.ts";
import { outsideWindow, type TimeWindow } from "./time-window.ts";

type Parsed = Extract<ParseReply, { ok: true }>;

export function parseImportFile(request: ParseRequest): ParseReply {
  const { id, file } = request;
  try {
    return parse(request);
  } catch (error) {
    if (error instanceof DataFormatError)
      return {
        id,
        ok: false,
        location: error.location,
        detail: error.message.slice(error.location.length + 2),
      };
    return {
      id,
      ok: false,
      location: file.path,
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}

/** The buffers of a reply's typed arrays, to transfer instead of copy. */
export function transferables(reply: ParseReply): ArrayBuffer[] {
  if (!reply.ok) return [];
  const arrays =
    reply.kind === "l2book"
      ? [reply.books.t, reply.books.bestBid, reply.books.bestAsk, reply.books.bidSz, reply.books.askSz]
      : [...reply.columns, reply.lines];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

function parse({ id, file, window }: ParseRequest): Parsed {
  if (file.kind === "candles") {
    const { cols: c, lines } = parseCandleTable(file.path, { window });
    return { id, ok: true, kind: "candles", columns: [c.t, c.open, c.high, c.low, c.close, c.volume], lines };
  }
  if (file.kind === "l2book")
    return { id, ok: true, kind: "l2book", books: parseBooks(file.path, file.coin, window) };
  const { cols: f, lines } = parseFundingTable(file.path, { window });
  return { id, ok: true, kind: "funding", columns: [f.eventT, f.rate], lines };
}

/** The rows the recorder would store for each snapshot of the file (levels JSON-encoded here, off the writer). */
function parseBooks(path: string, coin: string, window: TimeWindow): BookColumns {
  const books = parseL2BookCsv(path, coin);
  if (books.length === 0) throw new DataFormatError(path, "no snapshots after the header");
  const n = books.length;
  const out: BookColumns = {
    t: new Float64Array(n),
    bestBid: new Float64Array(n),
    bestAsk: new Float64Array(n),
    bidSz: new Float64Array(n),
    askSz: new Float64Array(n),
    levels: new Array(n),
  };
  for (let i = 0; i < n; i++) {
    const book = books[i]!;
    const outside = outsideWindow(book.t, window);
    if (outside !== null) throw new DataFormatError(path, `snapshot time_ms ${book.t} is ${outside}`);
    const row = toSnapshotRow(book);
    out.t[i] = row.t;
    out.bestBid[i] = row.bestBid;
    out.bestAsk[i] = row.bestAsk;
    out.bidSz[i] = row.bidSz;
    out.askSz[i] = row.askSz;
    out.levels[i] = JSON.stringify(row.levels);
  }
  return out;
}
