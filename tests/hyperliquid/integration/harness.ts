/**
 * Shared setup of the integration suite: a fake Hyperliquid on a free port (replaying the real data
 * from 2025-06-01) and hlbot's real adapter pointed at it, with a funded account whose key the fake
 * derived. Nonces are the adapter's wall-clock ones, so the fake checks its nonce window on wall time.
 */
import type { HyperliquidClient } from "../../../src/hyperliquid/client.ts";
import type { ExchangeClient } from "../../../src/hyperliquid/exchange-client.ts";
import { acceleratedTime, fakeClient } from "../../support/fake-hl/client.ts";
import {
  type FakeHyperliquid,
  type FakeHyperliquidOptions,
  startFakeHyperliquid,
} from "../../support/fake-hl/index.ts";

export const REPLAY_START = "2025-06-01T00:07:30Z";
export const HOUR = 3_600_000;

export interface Harness {
  fake: FakeHyperliquid;
  /** Read-only client (no secrets). */
  reader: HyperliquidClient;
  /** Client signing for `account`. */
  trader: HyperliquidClient;
  exchange: ExchangeClient;
  account: string;
  privateKey: `0x${string}`;
}

export async function startHarness(
  options: FakeHyperliquidOptions = {},
  client: { requestTimeoutMs?: number; usdc?: number; speedup?: number } = {},
): Promise<Harness> {
  const fake = startFakeHyperliquid({ time: REPLAY_START, nonceClock: "wall", ...options });
  const acct = fake.createAccount({ usdc: client.usdc ?? 100_000 });
  const privateKey = acct.privateKey as `0x${string}`;
  // A speedup shortens the adapter's retry backoffs (its nonces then run ahead of the wall clock,
  // well inside the fake's one-day window).
  const time = acceleratedTime(client.speedup ?? 1);
  const timeout = client.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: client.requestTimeoutMs };
  const reader = fakeClient(fake, { time, ...timeout });
  const trader = fakeClient(fake, {
    time,
    ...timeout,
    secrets: { privateKey, accountAddress: acct.address as `0x${string}` },
  });
  return { fake, reader, trader, exchange: await trader.exchange(), account: acct.address, privateKey };
}

let cloidSeq = 0;
/** A fresh client order id (0x + 32 hex). */
export function newCloid(): string {
  cloidSeq++;
  return `0x${Date.now().toString(16).padStart(16, "0")}${cloidSeq.toString(16).padStart(16, "0")}`;
}

/** A valid BTC price `pct` percent away from the fake's mark (integer dollars). */
export function btcPx(fake: FakeHyperliquid, pct: number): string {
  return String(Math.round(fake.mark("BTC")! * (1 + pct / 100)));
}
