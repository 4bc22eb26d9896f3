import { describe, expect, test } from "bun:test";
import { thinCurve } from "../../../src/api/queries/curve-thinning.ts";

describe("thinCurve", () => {
  const curve = Array.from({ length: 999 }, (_, i) => ({
    t: i,
    v: i === 500 ? -40 : i === 501 ? 50 : Math.sin(i / 30),
  }));

  test("keeps about `max` points, in time order, with the first and the last", () => {
    const thin = thinCurve(curve, 100, (p) => p.v);
    expect(thin.length).toBeLessThanOrEqual(102);
    expect(thin[0]).toBe(curve[0]!);
    expect(thin.at(-1)).toBe(curve.at(-1)!);
    for (let i = 1; i < thin.length; i++) expect(thin[i]!.t).toBeGreaterThan(thin[i - 1]!.t);
  });

  test("the extremes survive (a thinned drawdown is never flattered)", () => {
    const thin = thinCurve(curve, 100, (p) => p.v);
    expect(Math.min(...thin.map((p) => p.v))).toBe(-40);
    expect(Math.max(...thin.map((p) => p.v))).toBe(50);
  });

  test("a short curve comes back whole", () => {
    expect(thinCurve(curve.slice(0, 50), 100, (p) => p.v)).toEqual(curve.slice(0, 50));
  });
});
