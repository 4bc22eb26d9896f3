import { describe, expect, test } from "bun:test";
import { DEPTH_MODELS, getModel, MODELS, resolveModel } from "../../src/sim/models/index.ts";

const costs = { taker_fee_bps: 4.5, slippage_bps: 5 };
const exits = { partial_fraction: 0.5, partial_at_r: 1.5, trail_from_r: 2, trail_distance_r: 1 };

describe("friction model v5", () => {
  test("v5 is v4 plus depth slippage, and nothing else", () => {
    const v4 = getModel("v4");
    const { tag, description, depth, ...rest } = getModel("v5");
    const { tag: _t, description: _d, ...v4rest } = v4;
    expect(tag).toBe("v5");
    expect(rest).toEqual(v4rest);
    expect(depth).toMatchObject({ maxBookAgeMs: 120_000, stateInterval: "4h", bandBps: 10 });
    expect(v4.depth).toBeUndefined();
    expect(description).toContain("v4 + depth slippage");
  });

  test("registered beside the four bar models, frozen to the depth settings", () => {
    expect([...DEPTH_MODELS.keys()]).toEqual(["v5"]);
    expect(MODELS.has("v5")).toBe(false);
    const v5 = getModel("v5");
    expect(Object.isFrozen(v5)).toBe(true);
    expect(Object.isFrozen(v5.depth)).toBe(true);
    expect(Object.isFrozen(v5.depth!.priors)).toBe(true);
    expect(() => getModel("v9")).toThrow("v5");
  });

  test("the flat fallback slippage is a cost setting: changing it changes the version", () => {
    expect(resolveModel(getModel("v5"), costs, exits).version).toBe("v5");
    const slip2 = resolveModel(getModel("v5"), { ...costs, slippage_bps: 2 }, exits);
    expect([slip2.version, slip2.slippageBps, slip2.depth?.bandBps]).toEqual(["v5+slip=2", 2, 10]);
  });
});
