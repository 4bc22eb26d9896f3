/**
 * Parses the files of an import on the second core and hands them to the writer in list order: a
 * worker parses ahead while the main thread writes, as far ahead as a budget of file bytes allows.
 * Parsing is faster than writing, so the worker runs ahead and a slow file (the recorded L2 book
 * hour parses in 150–250 ms, 20× a candle file) is parsed while earlier files are written; with two
 * files ahead its parse came at the end, the writer idle for up to 430 ms (measured paired, whole
 * data set, best of 3: 1.60 → 1.47 s). Writing in list order keeps the inserts
 * in primary-key order (the files are sorted by coin and interval). The main thread does not parse
 * itself while it waits: measured (perf task-clock, whole import), parsing candle files from the back
 * of the list on the main thread took the import from 1.4 s to 2.7 s (CPU 1.9 s to 2.7 s), and
 * parsing only the book file on the main thread while the worker parsed ahead from 1.6 s to 2.4 s.
 */
import { statSync } from "node:fs";
import { workerUrl } from "../core/worker-url.ts";
import { parseImportFile } from "./import-parse.ts";
import type { ImportFile, ParseReply, ParseRequest } from "./parse-protocol.ts";
import type { TimeWindow } from "./time-window.ts";

/** Files always kept ahead of the writer (one being parsed, one queued behind it). */
const MIN_AHEAD = 2;
/**
 * Bytes of data files (as stored, mostly gzip) sent to the worker and not yet written: bounds the
 * parsed columns held in memory (~4 MB of columns per MB of gzip CSV: 32 MB ≈ 130 MB held).
 */
const AHEAD_BYTES = 32 << 20;

export interface ParsedFile {
  index: number;
  reply: ParseReply;
}

export async function* parseFiles(
  files: readonly ImportFile[],
  window: TimeWindow,
): AsyncGenerator<ParsedFile> {
  const worker = new Worker(workerUrl("market/parse-worker.ts"));
  const parsed = new Map<number, ParseReply>();
  const inFlight = new Set<number>();
  let wake: (() => void) | null = null;
  let dead = false;
  worker.onmessage = (e: MessageEvent<ParseReply>) => {
    inFlight.delete(e.data.id);
    parsed.set(e.data.id, e.data);
    wake?.();
  };
  // A crashed worker fails the files it held (the main thread parses the rest) instead of leaving
  // the import waiting forever.
  worker.onerror = (e) => {
    dead = true;
    for (const id of inFlight) parsed.set(id, { id, ok: false, location: "parse worker", detail: e.message });
    inFlight.clear();
    wake?.();
  };
  // Indices below `front` went to the worker; `next` is the file the writer waits for.
  let front = 0;
  let next = 0;
  const sizes = files.map((f) => fileBytes(f.path));
  let bytesAhead = 0;
  const feed = () => {
    while (
      !dead &&
      front < files.length &&
      (front - next < MIN_AHEAD || bytesAhead + sizes[front]! <= AHEAD_BYTES)
    ) {
      const id = front++;
      inFlight.add(id);
      bytesAhead += sizes[id]!;
      worker.postMessage({ id, file: files[id]!, window } satisfies ParseRequest);
    }
  };
  try {
    feed();
    while (next < files.length) {
      const reply = parsed.get(next);
      if (reply) {
        parsed.delete(next);
        bytesAhead -= sizes[next]!;
        feed();
        yield { index: next++, reply };
      } else if (dead && front < files.length) {
        // No worker left: this thread parses the rest.
        const index = front++;
        parsed.set(index, parseImportFile({ id: index, file: files[index]!, window }));
      } else {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
      }
    }
  } finally {
    worker.terminate();
  }
}

/** A file's size on disk, 0 when it cannot be read (its parse then reports why). */
function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
