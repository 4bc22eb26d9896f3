/**
 * Parses the files of an import on both cores: a worker takes them from the front of the list, two
 * requests ahead, while the main thread writes each parsed file; when no parsed file is ready, the
 * main thread parses one from the back of the list itself instead of waiting. Files are yielded as
 * they become ready (not in list order), each with its index in the list.
 */
import { workerUrl } from "../core/worker-url.ts";
import { parseImportFile } from "./import-parse.ts";
import type { ImportFile, ParseReply, ParseRequest } from "./parse-protocol.ts";
import type { TimeWindow } from "./time-window.ts";

/** Worker requests kept in flight (one being parsed, one queued behind it). */
const AHEAD = 2;

export interface ParsedFile {
  index: number;
  reply: ParseReply;
}

/** Lets queued events (the worker's replies) run before the next decision. */
const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function* parseFiles(
  files: readonly ImportFile[],
  window: TimeWindow,
): AsyncGenerator<ParsedFile> {
  const worker = new Worker(workerUrl("market/parse-worker.ts"));
  const ready: ParsedFile[] = [];
  const inFlight = new Set<number>();
  let wake: (() => void) | null = null;
  let dead = false;
  worker.onmessage = (e: MessageEvent<ParseReply>) => {
    inFlight.delete(e.data.id);
    ready.push({ index: e.data.id, reply: e.data });
    wake?.();
  };
  // A crashed worker fails the files it held (the main thread parses the rest) instead of leaving
  // the import waiting forever.
  worker.onerror = (e) => {
    dead = true;
    for (const id of inFlight)
      ready.push({ index: id, reply: { id, ok: false, location: "parse worker", detail: e.message } });
    inFlight.clear();
    wake?.();
  };
  let front = 0;
  let back = files.length;
  const feed = () => {
    while (!dead && inFlight.size < AHEAD && front < back) {
      const id = front++;
      inFlight.add(id);
      worker.postMessage({ id, file: files[id]!, window } satisfies ParseRequest);
    }
  };
  try {
    feed();
    for (let done = 0; done < files.length; ) {
      await yieldToEvents();
      const next = ready.shift();
      if (next) {
        done++;
        feed();
        yield next;
      } else if (front < back) {
        const index = --back;
        done++;
        yield { index, reply: parseImportFile({ id: index, file: files[index]!, window }) };
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
