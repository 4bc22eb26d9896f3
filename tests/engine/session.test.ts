import { describe, expect, test } from "bun:test";
import { SessionsSection } from "../../src/config/sections/sessions.ts";
import { SessionTable } from "../../src/engine/session.ts";

const at = (hhmm: string) => Date.parse(`2025-03-07T${hhmm}:00Z`);

describe("SessionTable", () => {
  const table = new SessionTable(SessionsSection.parse({}));

  test("default windows: ASIA 00–07, EU_OPEN 07–13, US_MAIN 13–20, US_LATE 20–24 UTC", () => {
    expect(table.at(at("00:00"))).toBe("ASIA");
    expect(table.at(at("06:59"))).toBe("ASIA");
    expect(table.at(at("07:00"))).toBe("EU_OPEN");
    expect(table.at(at("12:59"))).toBe("EU_OPEN");
    expect(table.at(at("13:00"))).toBe("US_MAIN");
    expect(table.at(at("20:00"))).toBe("US_LATE");
    expect(table.at(at("23:59"))).toBe("US_LATE");
  });

  test("the last millisecond of a day and the first of the next fall in the right windows, over years", () => {
    const day = 86_400_000;
    for (let d = Date.parse("2020-01-01T00:00Z"); d < Date.parse("2030-01-01T00:00Z"); d += 37 * day) {
      expect(table.at(d - 1)).toBe("US_LATE");
      expect(table.at(d)).toBe("ASIA");
      expect(table.at(d + 7 * 3_600_000 - 1)).toBe("ASIA");
      expect(table.at(d + 7 * 3_600_000)).toBe("EU_OPEN");
    }
    expect(table.at(-1)).toBe("US_LATE"); // before the epoch: still the time of day
  });

  test("windows that do not start at midnight wrap: the last one covers the small hours", () => {
    const t = new SessionTable(
      SessionsSection.parse({
        windows: [
          { name: "EU", start: "06:00" },
          { name: "US", start: "14:30" },
          { name: "NIGHT", start: "22:00" },
        ],
      }),
    );
    expect(t.at(at("03:00"))).toBe("NIGHT");
    expect(t.at(at("06:00"))).toBe("EU");
    expect(t.at(at("14:29"))).toBe("EU");
    expect(t.at(at("14:30"))).toBe("US");
    expect(t.sessions).toEqual(["EU", "US", "NIGHT"]);
  });

  test("config rejects overlapping (non-increasing) starts, duplicate names and bad times", () => {
    const bad = (windows: unknown) => SessionsSection.safeParse({ windows }).success;
    expect(
      bad([
        { name: "A", start: "08:00" },
        { name: "B", start: "08:00" },
      ]),
    ).toBe(false);
    expect(
      bad([
        { name: "A", start: "08:00" },
        { name: "A", start: "09:00" },
      ]),
    ).toBe(false);
    expect(bad([{ name: "A", start: "24:00" }])).toBe(false);
    expect(bad([{ name: "lower", start: "01:00" }])).toBe(false);
    expect(bad([{ name: "ONLY", start: "05:00" }])).toBe(true);
  });
});
