import { describe, expect, test } from "bun:test";
import {
  cancelByCloidAction,
  orderAction,
  scheduleCancelAction,
  updateLeverageAction,
} from "../../src/hyperliquid/actions.ts";
import { assertCloid } from "../../src/hyperliquid/cloid.ts";
import { InvalidOrderError } from "../../src/hyperliquid/errors.ts";

describe("action builders keep the canonical key order", () => {
  test("order wire a, b, p, s, r, t, c and trigger isMarket, triggerPx, tpsl", () => {
    const action = orderAction(
      [
        {
          asset: 3,
          isBuy: false,
          price: "103.0",
          size: 0.5,
          reduceOnly: true,
          type: { trigger: { triggerPx: "110.00", tpsl: "tp", isMarket: false } },
          cloid: "0xABCDEF00000000000000000000000001",
        },
      ],
      "normalTpsl",
    );
    expect(JSON.stringify(action)).toBe(
      '{"type":"order","orders":[{"a":3,"b":false,"p":"103","s":"0.5","r":true,"t":{"trigger":{"isMarket":false,"triggerPx":"110","tpsl":"tp"}},"c":"0xabcdef00000000000000000000000001"}],"grouping":"normalTpsl"}',
    );
  });

  test("cancelByCloid, updateLeverage, scheduleCancel", () => {
    expect(
      Object.keys(
        cancelByCloidAction([{ asset: 0, cloid: "0x00000000000000000000000000000001" }]).cancels[0]!,
      ),
    ).toEqual(["asset", "cloid"]);
    expect(Object.keys(updateLeverageAction(0, true, 5))).toEqual(["type", "asset", "isCross", "leverage"]);
    expect(scheduleCancelAction(null)).toEqual({ type: "scheduleCancel" });
    expect("time" in scheduleCancelAction(null)).toBe(false);
  });

  test("malformed cloids and leverage are refused", () => {
    expect(() => assertCloid("0x123")).toThrow(InvalidOrderError);
    expect(() => assertCloid(`0x${"g".repeat(32)}`)).toThrow(InvalidOrderError);
    expect(() => updateLeverageAction(0, true, 2.5)).toThrow(InvalidOrderError);
    expect(() => updateLeverageAction(0, true, 0)).toThrow(InvalidOrderError);
  });
});
