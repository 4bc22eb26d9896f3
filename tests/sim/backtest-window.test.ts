// The backtest window against the ledger's data: defaults to the data, an explicit --from/--to
// outside it is a usage error naming the data's span, a coin without candles is a warning.
import { describe, expect, test } from "bun:test";
import { UsageError } from "../../src/core/errors.ts";
import { type LedgerSpan, resolveWindow } from "../../src/sim/backtest-window.ts";

const d = (s: string) => Date.parse(`${s}T00:00Z`);
const spans: LedgerSpan[] = [
  { coin: "ETH", interval: "4h", first: d("2023-03-01"), last: d("2025-07-26") },
  { coin: "ETH", interval: "15m", first: d("2025-02-07"), last: d("2025-07-26") + 5 * 900_000 },
];
const WARMUP = 10 * 86_400_000;

describe("resolveWindow", () => {
  test("defaults: first bar + warm-up → the latest close of any series", () => {
    const w = resolveWindow(spans, ["ETH"], null, null, WARMUP);
    expect(w.from).toBe(d("2023-03-11"));
    expect(w.to).toBe(d("2025-07-26") + 4 * 3_600_000); // the 4h bar of 00:00 closes last
    expect(w.warnings).toEqual([]);
  });

  test("a window outside the data is a usage error (exit 2) that says what the data covers", () => {
    const expectUsage = (f: () => unknown, text: string) => {
      try {
        f();
        throw new Error("no error");
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        expect((e as UsageError).exitCode).toBe(2);
        expect((e as Error).message).toContain(text);
        expect((e as Error).message).toContain("2023-03-01 → 2025-07-26");
      }
    };
    expectUsage(
      () => resolveWindow(spans, ["ETH"], d("2020-01-01"), null, WARMUP),
      "--from 2020-01-01 is before the data",
    );
    expectUsage(
      () => resolveWindow(spans, ["ETH"], null, d("2026-01-01"), WARMUP),
      "--to 2026-01-01 is after the data",
    );
    expectUsage(() => resolveWindow(spans, ["ETH"], d("2025-08-01"), null, WARMUP), "after the data");
    expectUsage(() => resolveWindow(spans, ["ETH"], null, d("2023-01-01"), WARMUP), "before the data");
    expect(() => resolveWindow(spans, ["ETH"], d("2024-05-01"), d("2024-04-01"), WARMUP)).toThrow(
      "--to must be after --from",
    );
    expect(() => resolveWindow([], ["ETH"], null, null, WARMUP)).toThrow("hlbot import");
  });

  test("a window inside the data is kept; the day after the last bar is still inside", () => {
    const w = resolveWindow(spans, ["ETH", "DOGE"], d("2024-01-01"), d("2025-07-27"), WARMUP);
    expect([w.from, w.to]).toEqual([d("2024-01-01"), d("2025-07-27")]);
    expect(w.warnings).toEqual(["no candles for DOGE: left out of the run"]);
  });
});
