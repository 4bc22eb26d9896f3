import { describe, expect, test } from "bun:test";
import { orderAction, scheduleCancelAction } from "../../../src/hyperliquid/actions.ts";
import { recoverL1Signer, type Signature, Signer } from "../../../src/hyperliquid/signing/index.ts";

// The official Python SDK's test key and its address (hyperliquid-python-sdk tests/signing_test.py).
const KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
const ADDRESS = "0x14791697260e4c9a71f18484c9f997b308e59325";
const VAULT = "0x1719884eb866cb12b2287399b15f7db5e7d775ea";
const signer = new Signer(KEY);

/** The SDK prints r/s without leading zeros, so compare them as numbers. */
function expectSig(actual: Signature, r: string, s: string, v: number): void {
  expect(BigInt(actual.r), "r").toBe(BigInt(r));
  expect(BigInt(actual.s), "s").toBe(BigInt(s));
  expect(actual.v, "v").toBe(v);
  expect(actual.r).toMatch(/^0x[0-9a-f]{64}$/);
  expect(actual.s).toMatch(/^0x[0-9a-f]{64}$/);
}

interface Vector {
  name: string;
  action: unknown;
  vaultAddress?: string;
  mainnet: [string, string, number];
  testnet: [string, string, number];
}

/** `float_to_int_for_hashing(1000)` = 1000 × 1e8, which msgpack must encode as uint64. */
const dummy = { type: "dummy", num: 100_000_000_000 };
const gtc100 = { asset: 1, isBuy: true, price: 100, size: 100, reduceOnly: false } as const;

const VECTORS: Vector[] = [
  {
    name: "dummy action",
    action: dummy,
    mainnet: [
      "0x53749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298",
      "0x755c40ba9bf05223521753995abb2f73ab3229be8ec921f350cb447e384d8ed8",
      27,
    ],
    testnet: [
      "0x542af61ef1f429707e3c76c5293c80d01f74ef853e34b76efffcb57e574f9510",
      "0x17b8b32f086e8cdede991f1e2c529f5dd5297cbe8128500e00cbaf766204a613",
      28,
    ],
  },
  {
    name: "GTC limit order (doc V2)",
    action: orderAction([{ ...gtc100, type: { limit: { tif: "Gtc" } } }]),
    mainnet: [
      "0xd65369825a9df5d80099e513cce430311d7d26ddf477f5b3a33d2806b100d78e",
      "0x2b54116ff64054968aa237c20ca9ff68000f977c93289157748a3162b6ea940e",
      28,
    ],
    testnet: [
      "0x82b2ba28e76b3d761093aaded1b1cdad4960b3af30212b343fb2e6cdfa4e3d54",
      "0x6b53878fc99d26047f4d7e8c90eb98955a109f44209163f52d8dc4278cbbd9f5",
      27,
    ],
  },
  {
    name: "order with cloid",
    action: orderAction([
      { ...gtc100, type: { limit: { tif: "Gtc" } }, cloid: "0x00000000000000000000000000000001" },
    ]),
    mainnet: [
      "0x41ae18e8239a56cacbc5dad94d45d0b747e5da11ad564077fcac71277a946e3",
      "0x3c61f667e747404fe7eea8f90ab0e76cc12ce60270438b2058324681a00116da",
      27,
    ],
    testnet: [
      "0xeba0664bed2676fc4e5a743bf89e5c7501aa6d870bdb9446e122c9466c5cd16d",
      "0x7f3e74825c9114bc59086f1eebea2928c190fdfbfde144827cb02b85bbe90988",
      28,
    ],
  },
  {
    name: "dummy action for a vault",
    action: dummy,
    vaultAddress: VAULT,
    mainnet: [
      "0x3c548db75e479f8012acf3000ca3a6b05606bc2ec0c29c50c515066a326239",
      "0x4d402be7396ce74fbba3795769cda45aec00dc3125a984f2a9f23177b190da2c",
      28,
    ],
    testnet: [
      "0xe281d2fb5c6e25ca01601f878e4d69c965bb598b88fac58e475dd1f5e56c362b",
      "0x7ddad27e9a238d045c035bc606349d075d5c5cd00a6cd1da23ab5c39d4ef0f60",
      27,
    ],
  },
  {
    name: "stop-market trigger order",
    action: orderAction([{ ...gtc100, type: { trigger: { triggerPx: 103, isMarket: true, tpsl: "sl" } } }]),
    mainnet: [
      "0x98343f2b5ae8e26bb2587daad3863bc70d8792b09af1841b6fdd530a2065a3f9",
      "0x6b5bb6bb0633b710aa22b721dd9dee6d083646a5f8e581a20b545be6c1feb405",
      27,
    ],
    testnet: [
      "0x971c554d917c44e0e1b6cc45d8f9404f32172a9d3b3566262347d0302896a2e4",
      "0x206257b104788f80450f8e786c329daa589aa0b32ba96948201ae556d5637eac",
      28,
    ],
  },
  {
    name: "createSubAccount",
    action: { type: "createSubAccount", name: "example" },
    mainnet: [
      "0x51096fe3239421d16b671e192f574ae24ae14329099b6db28e479b86cdd6caa7",
      "0xb71f7d293af92d3772572afb8b102d167a7cef7473388286bc01f52a5c5b423",
      27,
    ],
    testnet: [
      "0xa699e3ed5c2b89628c746d3298b5dc1cca604694c2c855da8bb8250ec8014a5b",
      "0x53f1b8153a301c72ecc655b1c315d64e1dcea3ee58921fd7507e35818fcc1584",
      28,
    ],
  },
  {
    name: "subAccountTransfer",
    action: {
      type: "subAccountTransfer",
      subAccountUser: "0x1d9470d4b963f552e6f671a81619d395877bf409",
      isDeposit: true,
      usd: 10,
    },
    mainnet: [
      "0x43592d7c6c7d816ece2e206f174be61249d651944932b13343f4d13f306ae602",
      "0x71a926cb5c9a7c01c3359ec4c4c34c16ff8107d610994d4de0e6430e5cc0f4c9",
      28,
    ],
    testnet: [
      "0xe26574013395ad55ee2f4e0575310f003c5bb3351b5425482e2969fa51543927",
      "0xefb08999196366871f919fd0e138b3a7f30ee33e678df7cfaf203e25f0a4278",
      28,
    ],
  },
  {
    name: "scheduleCancel cleared",
    action: scheduleCancelAction(null),
    mainnet: [
      "0x6cdfb286702f5917e76cd9b3b8bf678fcc49aec194c02a73e6d4f16891195df9",
      "0x6557ac307fa05d25b8d61f21fb8a938e703b3d9bf575f6717ba21ec61261b2a0",
      27,
    ],
    testnet: [
      "0xc75bb195c3f6a4e06b7d395acc20bbb224f6d23ccff7c6a26d327304e6efaeed",
      "0x342f8ede109a29f2c0723bd5efb9e9100e3bbb493f8fb5164ee3d385908233df",
      28,
    ],
  },
  {
    name: "scheduleCancel at a time",
    action: scheduleCancelAction(123456789),
    mainnet: [
      "0x609cb20c737945d070716dcc696ba030e9976fcf5edad87afa7d877493109d55",
      "0x16c685d63b5c7a04512d73f183b3d7a00da5406ff1f8aad33f8ae2163bab758b",
      28,
    ],
    testnet: [
      "0x4e4f2dbd4107c69783e251b7e1057d9f2b9d11cee213441ccfa2be63516dc5bc",
      "0x706c656b23428c8ba356d68db207e11139ede1670481a9e01ae2dfcdb0e1a678",
      27,
    ],
  },
];

describe("L1 action signing reproduces the Python SDK vectors", () => {
  for (const vector of VECTORS) {
    for (const network of ["mainnet", "testnet"] as const) {
      test(`${vector.name} (${network})`, () => {
        const input = {
          action: vector.action,
          nonce: 0,
          vaultAddress: vector.vaultAddress,
          isMainnet: network === "mainnet",
        };
        const sig = signer.signL1(input);
        expectSig(sig, ...vector[network]);
        expect(recoverL1Signer(input, sig), "round trip recovers the signer").toBe(ADDRESS);
      });
    }
  }
});

describe("recoverL1Signer", () => {
  const input = { action: dummy, nonce: 1_700_000_000_000, isMainnet: true };
  const sig = signer.signL1(input);

  test("a different nonce, network, vault or expiry recovers another address", () => {
    expect(recoverL1Signer({ ...input, nonce: input.nonce + 1 }, sig)).not.toBe(ADDRESS);
    expect(recoverL1Signer({ ...input, isMainnet: false }, sig)).not.toBe(ADDRESS);
    expect(recoverL1Signer({ ...input, vaultAddress: VAULT }, sig)).not.toBe(ADDRESS);
    expect(recoverL1Signer({ ...input, expiresAfter: input.nonce + 10_000 }, sig)).not.toBe(ADDRESS);
  });

  test("a non-canonical number string changes the signer (why toWire exists)", () => {
    const canonical = orderAction([{ ...gtc100, type: { limit: { tif: "Gtc" } } }]);
    const sloppy = { ...canonical, orders: [{ ...canonical.orders[0], p: "100.0" }] };
    const s = signer.signL1({ action: canonical, nonce: 0, isMainnet: true });
    expect(recoverL1Signer({ action: sloppy, nonce: 0, isMainnet: true }, s)).not.toBe(ADDRESS);
  });

  test("expiresAfter is part of the signed payload and round-trips", () => {
    const withExpiry = { ...input, expiresAfter: input.nonce + 10_000 };
    const s = signer.signL1(withExpiry);
    expect(recoverL1Signer(withExpiry, s)).toBe(ADDRESS);
    expect(s.r).not.toBe(sig.r);
  });

  test("rejects a malformed v", () => {
    expect(() => recoverL1Signer(input, { ...sig, v: 29 })).toThrow(
      expect.objectContaining({ kind: "invalid_number" }),
    );
  });
});
