import { describe, expect, test } from "bun:test";
import { ManualClock } from "../../src/core/clock.ts";
import { MAX_NONCE_LEAD_MS, NonceManager } from "../../src/hyperliquid/nonce.ts";
import { uint64Bytes } from "../../src/hyperliquid/signing/hex.ts";

describe("NonceManager", () => {
  test("uses the clock when it moved, last + 1 when it did not or went back", () => {
    const clock = new ManualClock(1_700_000_000_000);
    const nonces = new NonceManager(clock);
    expect(nonces.next()).toBe(1_700_000_000_000);
    expect(nonces.next()).toBe(1_700_000_000_001);
    clock.advance(10);
    expect(nonces.next()).toBe(1_700_000_000_010);
    clock.set(1_699_999_999_000); // clock stepped back (NTP)
    expect(nonces.next()).toBe(1_700_000_000_011);
  });

  test("strictly increasing over a burst", () => {
    const nonces = new NonceManager(new ManualClock(5));
    const seen = Array.from({ length: 1000 }, () => nonces.next());
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);
    expect(nonces.last).toBe(seen.at(-1)!);
  });

  test("a clock with fractional ms gives whole, strictly increasing nonces that encode as u64", () => {
    const clock = new ManualClock(1_700_000_000_000.7);
    const nonces = new NonceManager(clock);
    const seen = [nonces.next(), nonces.next()];
    clock.advance(0.2); // …000.9: still the same whole ms
    seen.push(nonces.next());
    clock.advance(5.5);
    seen.push(nonces.next());
    expect(seen).toEqual([1_700_000_000_000, 1_700_000_000_001, 1_700_000_000_002, 1_700_000_000_006]);
    for (const n of seen) expect(uint64Bytes(n)).toHaveLength(8);
  });

  test("refuses a nonce the node would reject (too far ahead of the clock)", () => {
    const clock = new ManualClock(10 * 86_400_000);
    const nonces = new NonceManager(clock);
    nonces.next();
    clock.advance(-MAX_NONCE_LEAD_MS - 5);
    expect(() => nonces.next()).toThrow(expect.objectContaining({ kind: "nonce" }));
  });
});
