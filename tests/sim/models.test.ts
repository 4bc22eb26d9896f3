import { describe, expect, test } from "bun:test";
import { UsageError } from "../../src/core/errors.ts";
import { getModel, MODELS, resolveModel } from "../../src/sim/models/index.ts";

const costs = { taker_fee_bps: 4.5, slippage_bps: 5 };
const exits = { partial_fraction: 0.5, partial_at_r: 1.5, trail_from_r: 2, trail_distance_r: 1 };

describe("friction models", () => {
  test("the four tags, each adding to the previous", () => {
    expect([...MODELS.keys()]).toEqual(["legacy", "friction_v2_fee4p5_slip5_funding_hourly", "v3", "v4"]);
    const [legacy, v2, v3, v4] = [...MODELS.values()];
    expect(legacy).toMatchObject({ takerFeeBps: 0, slippageBps: 0, funding: false, fillAt: "signal" });
    expect(v2).toMatchObject({
      takerFeeBps: 4.5,
      slippageBps: 5,
      funding: true,
      fillAt: "next",
      dedupSetups: false,
    });
    expect(v3).toMatchObject({ dedupSetups: true, managedExits: false });
    expect(v4).toMatchObject({ dedupSetups: true, managedExits: true, liquidation: true });
  });

  test("models are frozen: old models never change", () => {
    expect(Object.isFrozen(getModel("v4"))).toBe(true);
  });

  test("canonical settings keep the bare tag; other costs or exits get a distinct version", () => {
    expect(resolveModel(getModel("v4"), costs, exits).version).toBe("v4");
    expect(resolveModel(getModel("v4"), { ...costs, slippage_bps: 2 }, exits).version).toBe("v4+slip=2");
    expect(resolveModel(getModel("v4"), costs, { ...exits, trail_from_r: 3 }).version).toBe(
      "v4+trail_from_r=3",
    );
    expect(resolveModel(getModel("v2"), costs, { ...exits, trail_from_r: 3 }).version).toBe(
      "friction_v2_fee4p5_slip5_funding_hourly",
    );
    const legacy = resolveModel(getModel("legacy"), { taker_fee_bps: 9, slippage_bps: 9 }, exits);
    expect([legacy.version, legacy.takerFeeBps]).toEqual(["legacy", 0]);
  });

  test("an unknown model is a usage error", () => {
    expect(() => getModel("v9")).toThrow(UsageError);
  });
});
