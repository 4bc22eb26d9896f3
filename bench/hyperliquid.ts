/**
 * Hyperliquid adapter costs on the hot path: signing an order (what one live tick pays per action),
 * recovering a signer (what the fake exchange pays per request), rounding an order onto the tick/lot
 * grid, and decoding an allMids push of 200 coins into the WS cache.
 */
import { orderAction } from "../src/hyperliquid/actions.ts";
import { formatPrice, formatSize, toWire } from "../src/hyperliquid/format.ts";
import { recoverL1Signer, Signer } from "../src/hyperliquid/signing/index.ts";
import { WsCache } from "../src/hyperliquid/ws-cache.ts";

function measure(name: string, iterations: number, fn: (i: number) => void): number {
  for (let i = 0; i < Math.min(50, iterations); i++) fn(i); // warm-up
  const start = Bun.nanoseconds();
  for (let i = 0; i < iterations; i++) fn(i);
  const usPerOp = (Bun.nanoseconds() - start) / iterations / 1000;
  console.log(
    `${name.padEnd(44)} ${usPerOp.toFixed(2).padStart(9)} µs/op  ${(1e6 / usPerOp).toFixed(0).padStart(9)} op/s`,
  );
  return usPerOp;
}

console.log("== hyperliquid adapter");
const signer = new Signer("0x0123456789012345678901234567890123456789012345678901234567890123");
const action = orderAction([
  {
    asset: 1,
    isBuy: true,
    price: "1891.4",
    size: "0.02",
    reduceOnly: false,
    type: { limit: { tif: "Gtc" } },
  },
]);
const signUs = measure("sign L1 order (msgpack+keccak+EIP-712+ECDSA)", 500, (i) => {
  signer.signL1({ action, nonce: 1_700_000_000_000 + i, isMainnet: true });
});
const sig = signer.signL1({ action, nonce: 1, isMainnet: true });
const recoverUs = measure("recoverL1Signer", 300, () => {
  recoverL1Signer({ action, nonce: 1, isMainnet: true }, sig);
});
measure("formatPrice + formatSize + toWire", 20_000, (i) => {
  toWire(formatPrice(1891.4 + i / 1000, 4, "floor"));
  formatSize(0.0234567 + i / 1e7, 4);
});
const mids = {
  channel: "allMids",
  data: { mids: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`C${i}`, `${i + 1}.2345`])) },
};
const cache = new WsCache();
measure("WS allMids push, 200 coins (zod + cache)", 2_000, () => {
  cache.apply(mids.channel, mids.data);
});
console.log(`recover/sign cost ratio: ${(recoverUs / signUs).toFixed(2)}`);
