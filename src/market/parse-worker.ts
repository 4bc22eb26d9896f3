/** Bun worker entry: parses data files for `hlbot import` on the second core while the main thread writes. */
import { parseImportFile, transferables } from "./import-parse.ts";
import type { ParseRequest } from "./parse-protocol.ts";

declare const self: Worker;

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  const reply = parseImportFile(event.data);
  self.postMessage(reply, transferables(reply));
};
