import { describe, expect, test } from "bun:test";
import {
  DEFAULT_SIGNATURE_CHAIN_ID,
  recoverUserSignedSigner,
  Signer,
  type UserSignedMessage,
} from "../../../src/hyperliquid/signing/index.ts";

const signer = new Signer("0x0123456789012345678901234567890123456789012345678901234567890123");

// hyperliquid-python-sdk tests/signing_test.py: usdSend and withdraw on testnet.
const transfer: UserSignedMessage = {
  signatureChainId: DEFAULT_SIGNATURE_CHAIN_ID,
  hyperliquidChain: "Testnet",
  destination: "0x5e9ee1089755c3435139848e47e6635505d5a13a",
  amount: "1",
  time: 1687816341423,
};

describe("user-signed actions reproduce the Python SDK vectors", () => {
  test("usdSend", () => {
    const sig = signer.signUserAction("HyperliquidTransaction:UsdSend", transfer);
    expect(sig.r).toBe("0x637b37dd731507cdd24f46532ca8ba6eec616952c56218baeff04144e4a77073");
    expect(sig.s).toBe("0x11a6a24900e6e314136d2592e2f8d502cd89b7c15b198e1bee043c9589f9fad7");
    expect(sig.v).toBe(27);
    expect(recoverUserSignedSigner("HyperliquidTransaction:UsdSend", transfer, sig)).toBe(signer.address);
  });

  test("withdraw", () => {
    const sig = signer.signUserAction("HyperliquidTransaction:Withdraw", transfer);
    expect(sig.r).toBe("0x8363524c799e90ce9bc41022f7c39b4e9bdba786e5f9c72b20e43e1462c37cf9");
    expect(sig.s).toBe("0x58b1411a775938b83e29182e8ef74975f9054c8e97ebf5ec2dc8d51bfc893881");
    expect(sig.v).toBe(28);
  });

  test("approveAgent round-trips and depends on the agent address", () => {
    const message: UserSignedMessage = {
      signatureChainId: DEFAULT_SIGNATURE_CHAIN_ID,
      hyperliquidChain: "Mainnet",
      agentAddress: "0x1719884eb866cb12b2287399b15f7db5e7d775ea",
      agentName: "hlbot",
      nonce: 1_700_000_000_000,
    };
    const sig = signer.signUserAction("HyperliquidTransaction:ApproveAgent", message);
    expect(recoverUserSignedSigner("HyperliquidTransaction:ApproveAgent", message, sig)).toBe(signer.address);
    const other = { ...message, agentAddress: "0x5e9ee1089755c3435139848e47e6635505d5a13a" };
    expect(recoverUserSignedSigner("HyperliquidTransaction:ApproveAgent", other, sig)).not.toBe(
      signer.address,
    );
  });
});
