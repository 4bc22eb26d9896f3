/**
 * Reads a data file's text, strictly. A `.gz` file is decoded member by member to the end (`cat
 * a.gz b.gz` is one valid gzip file; reading only its first member imports half a file and says
 * nothing). A truncated member, a bad checksum or trailing bytes after the last member (other than
 * the zero padding gzip itself tolerates) is an error naming the file. An empty file is an error too: a data file always
 * has a header.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { DataFormatError } from "../core/errors.ts";

/** zlib's terse messages, said in terms of the file. */
function explain(zlibMessage: string): string {
  if (/header check/i.test(zlibMessage))
    return `bytes that are not gzip data (trailing garbage after a member, or not gzip at all) [zlib: ${zlibMessage}]`;
  if (/unexpected end/i.test(zlibMessage))
    return `truncated (the last member ends early) [zlib: ${zlibMessage}]`;
  if (/data check|length check/i.test(zlibMessage))
    return `checksum mismatch, the data is corrupt [zlib: ${zlibMessage}]`;
  return `zlib: ${zlibMessage}`;
}

function gunzipAll(path: string, bytes: Uint8Array): Uint8Array {
  if (bytes.length === 0) throw new DataFormatError(path, "empty file (0 bytes), not a gzip file");
  let out: { buffer: Uint8Array; engine: { bytesWritten: number } };
  try {
    // node:zlib runs through every concatenated member and verifies each CRC and length; it stops
    // silently at a zero byte after a member, so what it did not consume is checked below.
    out = gunzipSync(bytes, { info: true }) as unknown as typeof out;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new DataFormatError(path, `not a complete gzip file: ${explain(why)}; nothing read from it`);
  }
  const used = out.engine.bytesWritten;
  for (let i = used; i < bytes.length; i++) {
    if (bytes[i] !== 0) {
      throw new DataFormatError(
        path,
        `${bytes.length - used} bytes of trailing garbage after the gzip data (byte ${used}); nothing read from it`,
      );
    }
  }
  return out.buffer;
}

/** The file's text (gunzipped when the name ends in `.gz`); DataFormatError when empty or corrupt. */
export function readDataText(path: string): string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    throw new DataFormatError(path, `cannot read the file (${code || String(error)})`);
  }
  const raw = path.endsWith(".gz") ? gunzipAll(path, bytes) : bytes;
  const text = new TextDecoder().decode(raw);
  if (text.trim() === "") throw new DataFormatError(path, "empty file: no header and no rows");
  return text;
}
