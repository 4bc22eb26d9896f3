import { describe, expect, test } from "bun:test";
import { decode } from "../../../src/hyperliquid/schemas/common.ts";
import { ExchangeResponse } from "../../../src/hyperliquid/schemas/exchange.ts";
import { ExchangeRequestBody } from "../../../src/hyperliquid/schemas/exchange-request.ts";
import { fixtureEntry } from "../support/fixtures.ts";

const response = (key: string) => decode(ExchangeResponse, fixtureEntry("exchange-responses", key), key);

describe("exchange responses", () => {
  test("order statuses: resting, filled, error, waiting", () => {
    const r = response("order");
    expect(r.status === "ok" && r.response.data?.statuses).toEqual([
      { resting: { oid: 77738308 } },
      { filled: { totalSz: "0.02", avgPx: "1891.4", oid: 77747314 } },
      { error: "Order must have minimum value of $10." },
      "waitingForFill",
      "waitingForTrigger",
    ]);
  });

  test("cancel statuses, default and err", () => {
    const c = response("cancel");
    expect(c.status === "ok" && c.response.data?.statuses[0]).toBe("success");
    expect(response("default")).toEqual({ status: "ok", response: { type: "default" } });
    const err = response("err");
    expect(err.status === "err" && err.response).toContain("does not exist");
  });

  test("an unknown status shape is a DecodeError", () => {
    expect(() =>
      decode(
        ExchangeResponse,
        { status: "ok", response: { type: "order", data: { statuses: [{ weird: 1 }] } } },
        "x",
      ),
    ).toThrow(expect.objectContaining({ kind: "decode" }));
  });
});

describe("exchange request body", () => {
  test("accepts our body shape, with the Python SDK's null vaultAddress too", () => {
    const body = {
      action: { type: "order", orders: [], grouping: "na" },
      nonce: 1713825891591,
      signature: { r: "0x53749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298", s: "0x1", v: 27 },
      vaultAddress: null,
    };
    expect(decode(ExchangeRequestBody, body, "body").action.type).toBe("order");
    expect(() =>
      decode(ExchangeRequestBody, { ...body, signature: { ...body.signature, v: 29 } }, "body"),
    ).toThrow();
  });
});

describe("exchange request body keeps the action object as sent", () => {
  test("same reference, same key order (the msgpack hash depends on it)", () => {
    const action = JSON.parse(
      '{"type":"order","orders":[{"a":1,"b":true,"p":"1","s":"1","r":false,"t":{"limit":{"tif":"Gtc"}}}],"grouping":"na"}',
    );
    const body = decode(
      ExchangeRequestBody,
      { action, nonce: 1, signature: { r: "0x1", s: "0x2", v: 28 } },
      "body",
    );
    expect(body.action).toBe(action);
    expect(() =>
      decode(
        ExchangeRequestBody,
        { action: { orders: [] }, nonce: 1, signature: { r: "0x1", s: "0x2", v: 28 } },
        "body",
      ),
    ).toThrow();
  });
});
