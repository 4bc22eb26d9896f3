import { expect, test } from "bun:test";
import { tradesSha256 } from "../../src/mining/provenance.ts";

test("tradesSha256 hashes the sorted ids: the scan's order (sorted or not) does not matter", () => {
  const sorted = Float64Array.from([1, 2, 3, 4_294_967_297, 9_007_199_254_740_991]);
  const shuffled = Float64Array.from([4_294_967_297, 3, 1, 9_007_199_254_740_991, 2]);
  expect(tradesSha256(shuffled)).toBe(tradesSha256(sorted));
  expect(tradesSha256([2, 1])).toBe(tradesSha256([1, 2]));
  expect(tradesSha256([1, 2])).not.toBe(tradesSha256([1, 3]));
  // Two little-endian 32-bit words per id: 1 → 01 00 00 00 00 00 00 00.
  expect(tradesSha256([1])).toBe(
    new Bun.CryptoHasher("sha256").update(new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0])).digest("hex"),
  );
});
