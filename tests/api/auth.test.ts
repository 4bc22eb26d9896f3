import { describe, expect, test } from "bun:test";
import { tokenMatches } from "../../src/api/auth.ts";

describe("tokenMatches", () => {
  test("equal tokens match; any difference, prefix or extension does not", () => {
    const t = "s3cret-token-0123456789";
    expect(tokenMatches(t, t)).toBe(true);
    for (const other of ["", t.slice(0, -1), `${t}0`, t.toUpperCase(), ` ${t}`]) {
      expect(tokenMatches(other, t), JSON.stringify(other)).toBe(false);
    }
  });
});
