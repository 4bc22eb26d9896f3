import { describe, expect, test } from "bun:test";
import { bytesToHex } from "@noble/hashes/utils.js";
import { orderAction } from "../../../src/hyperliquid/actions.ts";
import { actionHash, encodeAction, phantomAgent, toHex } from "../../../src/hyperliquid/signing/index.ts";

describe("actionHash (docs/hyperliquid-api.md §5 vectors)", () => {
  test("V1: IOC order, nonce 1677777606040 → connectionId", () => {
    const action = orderAction([
      {
        asset: 4,
        isBuy: true,
        price: 1670.1,
        size: 0.0147,
        reduceOnly: false,
        type: { limit: { tif: "Ioc" } },
      },
    ]);
    expect(JSON.stringify(action)).toBe(
      '{"type":"order","orders":[{"a":4,"b":true,"p":"1670.1","s":"0.0147","r":false,"t":{"limit":{"tif":"Ioc"}}}],"grouping":"na"}',
    );
    expect(toHex(actionHash(action, { nonce: 1677777606040 }))).toBe(
      "0x0fcbeda5ae3c4950a548021552a4fea2226858c4453571bf3f24ba017eac2908",
    );
    expect(phantomAgent({ action, nonce: 1677777606040, isMainnet: true }).source).toBe("a");
  });

  test("V2: msgpack bytes and connectionId of the GTC order", () => {
    const action = orderAction([
      {
        asset: 1,
        isBuy: true,
        price: "100",
        size: "100",
        reduceOnly: false,
        type: { limit: { tif: "Gtc" } },
      },
    ]);
    expect(bytesToHex(encodeAction(action))).toBe(
      "83a474797065a56f72646572a66f72646572739186a16101a162c3a170a3313030a173a3313030a172c2a17481a56c696d697481a3746966a3477463a867726f7570696e67a26e61",
    );
    expect(toHex(actionHash(action, { nonce: 0 }))).toBe(
      "0x884f2c32bb6dbdd65f6033e32fb28c0cb6f5b345db0f6471fd3366d85c9252c1",
    );
  });

  test("integers use the smallest encoding; a ms nonce-sized value is uint64, never float", () => {
    expect(bytesToHex(encodeAction({ n: 1677777606040 }))).toBe("81a16ecf00000186a3569598");
    expect(bytesToHex(encodeAction({ n: 5 }))).toBe("81a16e05");
  });

  test("absent optional keys are not encoded as nil", () => {
    expect(bytesToHex(encodeAction({ type: "scheduleCancel", time: undefined }))).toBe(
      bytesToHex(encodeAction({ type: "scheduleCancel" })),
    );
  });
});
