import { describe, expect, test } from "bun:test";
import { decodeCursor, encodeCursor } from "../../src/api/cursor.ts";

describe("cursor", () => {
  test("round-trips a key and is URL-safe", () => {
    const key = { t: 1_753_502_400_000, id: 987_654 };
    const text = encodeCursor(key)!;
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(key);
    expect(encodeCursor(null)).toBeNull();
  });

  test("anything not issued by encodeCursor decodes to null", () => {
    const b64 = (s: string) => Buffer.from(s).toString("base64url");
    for (const bad of [
      "",
      "!!",
      "a".repeat(201),
      b64("[1]"),
      b64('{"t":1}'),
      b64("[1.5,2]"),
      b64("[1,-2]"),
      b64("nope"),
    ]) {
      expect(decodeCursor(bad), bad).toBeNull();
    }
  });
});
