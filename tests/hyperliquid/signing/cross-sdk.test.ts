/** Vectors of the nktkas/hyperliquid TS SDK (tests/signing/mod.test.ts): vault and expiresAfter hashes. */
import { describe, expect, test } from "bun:test";
import { orderAction } from "../../../src/hyperliquid/actions.ts";
import {
  actionHash,
  DEFAULT_SIGNATURE_CHAIN_ID,
  Signer,
  toHex,
} from "../../../src/hyperliquid/signing/index.ts";

const signer = new Signer("0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff");
const action = orderAction([
  { asset: 0, isBuy: true, price: "30000", size: "0.1", reduceOnly: false, type: { limit: { tif: "Gtc" } } },
]);
const nonce = 1234567890;
const vaultAddress = "0x1234567890123456789012345678901234567890";
const expiresAfter = 1234567890;

describe("action hash with vault and expiresAfter", () => {
  const cases: [string, { vaultAddress?: string; expiresAfter?: number }, string][] = [
    ["base", {}, "0x25367e0dba84351148288c2233cd6130ed6cec5967ded0c0b7334f36f957cc90"],
    ["vault", { vaultAddress }, "0x214e2ea3270981b6fd18174216691e69f56872663139d396b10ded319cb4bb1e"],
    ["expiresAfter", { expiresAfter }, "0xc30b002ba3775e4c31c43c1dfd3291dfc85c6ae06c6b9f393991de86cad5fac7"],
    [
      "vault + expiresAfter",
      { vaultAddress, expiresAfter },
      "0x2d62412aa0fc57441b5189841d81554a6a9680bf07204e1454983a9ca44f0744",
    ],
  ];
  test.each(cases)("%s", (_name, extra, expected) => {
    expect(toHex(actionHash(action, { nonce, ...extra })) as string).toBe(expected);
  });
});

describe("signatures", () => {
  test("L1 order, mainnet and testnet", () => {
    expect(signer.signL1({ action, nonce, isMainnet: true })).toEqual({
      r: "0x61078d8ffa3cb591de045438a1ae2ed299b271891d1943a33901e7cfb3a31ed8",
      s: "0x0e91df4f9841641d3322dad8d932874b74d7e082cdb5b533f804964a6963aef9",
      v: 28,
    });
    expect(signer.signL1({ action, nonce, isMainnet: false })).toEqual({
      r: "0x6b0283a894d87b996ad0182b86251cc80d27d61ef307449a2ed249a508ded1f7",
      s: "0x6f884e79f4a0a10af62db831af6f8e03b3f11d899eb49b352f836746ee9226da",
      v: 27,
    });
  });

  test("usdSend on mainnet", () => {
    const sig = signer.signUserAction("HyperliquidTransaction:UsdSend", {
      hyperliquidChain: "Mainnet",
      signatureChainId: DEFAULT_SIGNATURE_CHAIN_ID,
      destination: "0x1234567890123456789012345678901234567890",
      amount: "1000",
      time: 1234567890,
    });
    expect(sig).toEqual({
      r: "0xf777c38efe7c24cc71209526ae608f4e384d0586edf578f0e97b4b9f7c7adcc6",
      s: "0x104a4a97c48ae77bf5bd777bdd45fe72d8f5ff29116b5ff64fd8cfe4ea610786",
      v: 28,
    });
  });
});
