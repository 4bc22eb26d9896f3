import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { ManualClock } from "../../src/core/clock.ts";
import {
  BadRequestError,
  DecodeError,
  RateLimitError,
  TransportError,
} from "../../src/hyperliquid/errors.ts";
import { HttpTransport } from "../../src/hyperliquid/http.ts";
import { WeightLimiter } from "../../src/hyperliquid/rate-limit.ts";
import { configureLogger } from "../../src/log.ts";
import { scriptedServer } from "./support/scripted-server.ts";

const server = scriptedServer();
beforeAll(() => configureLogger({ level: "error" })); // retries log warnings
afterAll(() => server.stop());

function transport(options: { timeoutMs?: number; baseUrl?: string } = {}) {
  const clock = new ManualClock(1_000_000);
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    clock.advance(ms);
  };
  const limiter = new WeightLimiter({ budgetFraction: 1, clock, sleep });
  const http = new HttpTransport({
    baseUrl: options.baseUrl ?? `${server.url}/`,
    timeoutMs: options.timeoutMs ?? 2_000,
    limiter,
    sleep,
    random: () => 1, // jitter pinned to 100 % of the backoff
  });
  return { http, limiter, sleeps };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

beforeEach(() => {
  server.requests.length = 0;
});

describe("HttpTransport /info", () => {
  test("posts JSON, returns the parsed body and spends the request's weight", async () => {
    server.script("/info", { json: { BTC: "1" } });
    const { http, limiter } = transport();
    expect(await http.info({ type: "allMids" })).toEqual({ BTC: "1" });
    expect(server.requests).toEqual([{ path: "/info", body: { type: "allMids" } }]);
    expect(limiter.stats().weightLastMinute).toBe(2);
  });

  test("charges extra weight for items returned", async () => {
    server.script("/info", { json: Array.from({ length: 120 }, (_, i) => ({ i })) });
    const { http, limiter } = transport();
    await http.info({ type: "candleSnapshot", req: {} });
    expect(limiter.stats().weightLastMinute).toBe(20 + 2);
  });

  test("retries 5xx with exponential backoff, then succeeds", async () => {
    server.script("/info", { status: 502 }, { status: 503 }, { json: [] });
    const { http, sleeps } = transport();
    expect(await http.info({ type: "meta" })).toEqual([]);
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([500, 1000]);
    expect(http.stats()).toMatchObject({ retries: 2, failed: 2, failures: { "transport:http": 2 } });
  });

  test("gives up after maxAttempts with a TransportError", async () => {
    server.script("/info", { status: 500 });
    const { http } = transport();
    const error = await caught(http.info({ type: "meta" }));
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ status: 500, outcomeUnknown: false });
    expect(server.requests).toHaveLength(4);
  });

  test("429 honours Retry-After, pauses the shared limiter, then retries", async () => {
    server.script("/info", { status: 429, headers: { "retry-after": "3" } }, { json: { ok: 1 } });
    const { http, limiter, sleeps } = transport();
    expect(await http.info({ type: "meta" })).toEqual({ ok: 1 });
    expect(sleeps[0]).toBe(3000);
    expect(limiter.stats().rateLimited429).toBe(1);
  });

  test("422 is a BadRequestError and is not retried", async () => {
    server.script("/info", { status: 422, text: "Failed to deserialize the JSON body" });
    const { http } = transport();
    const error = await caught(http.info({ type: "nope" }));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 422, bodyExcerpt: "Failed to deserialize the JSON body" });
    expect(server.requests).toHaveLength(1);
  });

  test("a non-JSON 200 body is a DecodeError", async () => {
    server.script("/info", { text: "<html>maintenance</html>" });
    const error = await caught(transport().http.info({ type: "meta" }));
    expect(error).toBeInstanceOf(DecodeError);
    expect(error).toMatchObject({ payloadExcerpt: "<html>maintenance</html>" });
  });

  test("connection refused is a TransportError (retried, then thrown)", async () => {
    const dead = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("") });
    const url = `http://127.0.0.1:${dead.port}`;
    dead.stop(true);
    const { http, sleeps } = transport({ baseUrl: url });
    const error = await caught(http.info({ type: "meta" }));
    expect(error).toBeInstanceOf(TransportError);
    expect(sleeps).toHaveLength(3);
  });

  test("issue 12 §2: a failure names its cause (DNS, refused, reset, timeout, HTTP status), and is counted", async () => {
    const dead = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("") });
    const port = dead.port;
    dead.stop(true);
    const refused = await caught(
      transport({ baseUrl: `http://127.0.0.1:${port}` }).http.info({ type: "meta" }),
    );
    expect(refused).toMatchObject({
      reason: "refused",
      message: `POST /info to 127.0.0.1:${port}: connection refused`,
    });
    const failing = (code: string, name = "TypeError") =>
      Object.assign(new Error(`${code}: synthetic`), { code, name });
    for (const [error, reason, text] of [
      [failing("ENOTFOUND"), "dns", "DNS lookup failed"],
      [failing("ECONNRESET"), "reset", "connection closed by the server"],
      [failing("", "TimeoutError"), "timeout", "timed out after 2000 ms"],
      [failing("EHOSTUNREACH"), "network", "network error (EHOSTUNREACH)"],
    ] as const) {
      const clock = new ManualClock(0);
      const limiter = new WeightLimiter({ budgetFraction: 1, clock, sleep: async (ms) => clock.advance(ms) });
      const http = new HttpTransport({
        baseUrl: "https://api.hyperliquid.xyz",
        timeoutMs: 2_000,
        limiter,
        sleep: async (ms) => clock.advance(ms),
        fetch: () => Promise.reject(error),
      });
      const thrown = await caught(http.info({ type: "meta" }));
      expect(thrown).toMatchObject({ reason, message: `POST /info to api.hyperliquid.xyz: ${text}` });
      expect(http.stats()).toMatchObject({ failed: 4, retries: 3, lastError: (thrown as Error).message });
      expect(http.stats().failures).toEqual({ [`transport:${reason}`]: 4 });
    }
    server.script("/info", { status: 502 }, { status: 502 }, { status: 502 }, { status: 502 });
    const status = await caught(transport().http.info({ type: "meta" }));
    expect(status).toMatchObject({ reason: "http", status: 502 });
    expect((status as Error).message).toEndWith(": HTTP 502");
  });
});

describe("HttpTransport /exchange", () => {
  test("5xx is NOT retried: outcome unknown goes back to the caller", async () => {
    server.script("/exchange", { status: 500 });
    const error = await caught(transport().http.exchange({ action: {} }));
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ outcomeUnknown: true, status: 500 });
    expect(server.requests).toHaveLength(1);
  });

  test("a timeout is a TransportError with outcome unknown", async () => {
    server.script("/exchange", { delayMs: 1_000, json: {} });
    const error = await caught(transport({ timeoutMs: 100 }).http.exchange({ action: {} }));
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ outcomeUnknown: true, status: undefined });
    expect(server.requests).toHaveLength(1);
  });

  test("429 (nothing executed) is retried with the same body", async () => {
    server.script("/exchange", { status: 429 }, { json: { status: "ok", response: { type: "default" } } });
    const { http, limiter } = transport();
    const body = { action: { type: "scheduleCancel" }, nonce: 7 };
    expect(await http.exchange(body)).toEqual({ status: "ok", response: { type: "default" } });
    expect(server.requests.map((r) => r.body)).toEqual([body, body]);
    expect(limiter.stats().rateLimited429).toBe(1);
  });

  test("429 on every attempt surfaces as RateLimitError", async () => {
    server.script("/exchange", { status: 429, headers: { "retry-after": "1" } });
    const error = await caught(transport().http.exchange({ action: {} }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 1000 });
  });

  test("exchange weight is 1 + floor(batch / 40)", async () => {
    server.script("/exchange", { json: {} });
    const { http, limiter } = transport();
    await http.exchange({}, 80);
    expect(limiter.stats().weightLastMinute).toBe(3);
  });
});
