// ISO weeks in UTC, checked against known calendar facts (ISO 8601: week 1 holds 4 January).
import { describe, expect, test } from "bun:test";
import { lastCompleteWeek, parseWeek, weekOf } from "../../src/review/week.ts";

describe("ISO weeks", () => {
  test("known weeks: 2025-W01 starts Mon 30 Dec 2024; 2020 has a week 53; 2021-W01 starts 4 Jan 2021", () => {
    expect(parseWeek("--week", "2025-W01").from).toBe(Date.parse("2024-12-30T00:00Z"));
    expect(parseWeek("--week", "2020-W53").from).toBe(Date.parse("2020-12-28T00:00Z"));
    expect(parseWeek("--week", "2021-W01").from).toBe(Date.parse("2021-01-04T00:00Z"));
    expect(parseWeek("--week", "2025W17").label).toBe("2025-W17");
    const w = parseWeek("--week", "2025-W17");
    expect(w.to - w.from).toBe(7 * 86_400_000);
  });

  test("weekOf and parseWeek agree; 1 Jan 2027 (a Friday) is in 2026-W53", () => {
    expect(weekOf(Date.parse("2027-01-01T12:00Z")).label).toBe("2026-W53");
    expect(weekOf(Date.parse("2025-04-23T23:59Z")).label).toBe("2025-W17");
    for (let t = Date.parse("2019-12-20T00:00Z"); t < Date.parse("2021-02-01T00:00Z"); t += 86_400_000)
      expect(parseWeek("w", weekOf(t).label).from).toBe(weekOf(t).from);
  });

  test("bad weeks are refused naming the flag: no week 53 in 2025, week 00, free text", () => {
    for (const bad of ["2025-W53", "2025-W00", "last week", "2025-17"])
      expect(() => parseWeek("--week", bad)).toThrow(`--week ${bad}`);
  });

  test("the default is the last complete week", () => {
    expect(lastCompleteWeek(Date.parse("2025-04-28T03:00Z")).label).toBe("2025-W17");
    expect(lastCompleteWeek(Date.parse("2025-04-27T23:00Z")).label).toBe("2025-W16");
  });
});
