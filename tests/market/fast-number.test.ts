import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseNumber } from "../../src/market/fast-number.ts";
import { HL_DATA } from "../support/paths.ts";

const p = (s: string) => parseNumber(s, 0, s.length);

describe("parseNumber", () => {
  test("equals Number() bit for bit on edge cases", () => {
    for (const s of [
      "0",
      "97990",
      "97990.5",
      "1.25e-05",
      "-0.0001",
      "1e-05",
      "3.14159",
      "0.30000000000000004",
      "123456789012345678",
      "1e300",
      "5e-324",
      "+7",
      "2.5E3",
    ]) {
      expect(Object.is(p(s), Number(s))).toBe(true);
    }
  });

  test("rejects what is not a number", () => {
    for (const s of ["", "-", ".", "1e", "abc", "1,5", "1.2.3", "nan"]) expect(Number.isNaN(p(s))).toBe(true);
  });

  test("equals Number() on every field of the real HL data", () => {
    let checked = 0;
    for (const name of readdirSync(HL_DATA)
      .filter((n) => n.endsWith(".csv.gz"))
      .slice(0, 30)) {
      const text = new TextDecoder().decode(Bun.gunzipSync(readFileSync(join(HL_DATA, name))));
      for (const field of text.split(/[\n,]/)) {
        if (field === "" || !/^[-+0-9.eE]+$/.test(field)) continue;
        if (!Object.is(p(field), Number(field)))
          throw new Error(`${name}: ${field} → ${p(field)} vs ${Number(field)}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1_000_000);
  });
});
