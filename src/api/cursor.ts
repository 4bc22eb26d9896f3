/**
 * Opaque keyset cursors: base64url of `[t, id]`. Clients pass back what `next_cursor` gave them;
 * anything else is a 400 naming the `cursor` parameter.
 */
import * as z from "zod";

export interface CursorKey {
  t: number;
  id: number;
}

const Key = z.tuple([z.number().int(), z.number().int().min(0)]);

export function encodeCursor(key: CursorKey | null): string | null {
  return key ? Buffer.from(JSON.stringify([key.t, key.id])).toString("base64url") : null;
}

/** The key inside a cursor, or null when the text is not one of ours. */
export function decodeCursor(text: string): CursorKey | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = Key.safeParse(raw);
  return parsed.success ? { t: parsed.data[0], id: parsed.data[1] } : null;
}
