import { describe, expect, test } from "bun:test";
import { ManualClock } from "../../src/core/clock.ts";
import { AddressBudget, INITIAL_ADDRESS_REQUESTS } from "../../src/hyperliquid/address-budget.ts";
import { AddressBudgetError } from "../../src/hyperliquid/errors.ts";

describe("AddressBudget", () => {
  test("10000 initial requests + 1 per USDC traded", () => {
    const budget = new AddressBudget(new ManualClock(0));
    expect(budget.cap).toBe(INITIAL_ADDRESS_REQUESTS);
    budget.recordTraded(2500.7);
    expect(budget.cap).toBe(12_500);
    budget.reserve("order", 40);
    expect(budget.stats()).toMatchObject({ used: 40, remaining: 12_460 });
  });

  test("exhausted: one action per 10 s, with a clear typed error in between", () => {
    const clock = new ManualClock(1_000_000);
    const budget = new AddressBudget(clock);
    budget.sync({ cumVlm: 0, nRequestsUsed: 10_000 });
    budget.reserve("order", 1); // allowed: nothing sent in the last 10 s
    clock.advance(4_000);
    try {
      budget.reserve("order", 1);
      throw new Error("expected AddressBudgetError");
    } catch (error) {
      expect(error).toBeInstanceOf(AddressBudgetError);
      expect((error as AddressBudgetError).nextAllowedAt).toBe(1_010_000);
    }
    clock.advance(6_000);
    budget.reserve("order", 1);
    expect(budget.stats().refused).toBe(1);
  });

  test("cancels keep working past the order cap: min(cap + 100000, 2 × cap)", () => {
    const budget = new AddressBudget(new ManualClock(0));
    budget.sync({ cumVlm: 0, nRequestsUsed: 10_000 });
    for (let i = 0; i < 100; i++) budget.reserve("cancel", 10); // cap for cancels is 20000
    expect(budget.stats().used).toBe(11_000);
  });
});
