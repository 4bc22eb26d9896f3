// Issue 14 #6: before the live path trades, the key must be allowed to trade HL_ACCOUNT_ADDRESS — it
// is that account, or an API wallet the account approved (Hyperliquid's userRole). Otherwise the
// start fails with exit 2, naming both addresses and never the key.
import { afterEach, describe, expect, test } from "bun:test";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { ConfigSchema } from "../../src/config/schema.ts";
import { EquityTracker } from "../../src/engine/account.ts";
import { LedgerJournal } from "../../src/engine/journals.ts";
import { addressFromPrivateKey } from "../../src/hyperliquid/signing/index.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { createLivePath } from "../../src/live/live-path.ts";
import { SignerMismatchError } from "../../src/live/signer-check.ts";
import { fakeClient } from "../support/fake-hl/client.ts";
import { type FakeHyperliquid, startFakeHyperliquid } from "../support/fake-hl/index.ts";
import { scratchDir } from "../support/paths.ts";

let f: FakeHyperliquid | null = null;
afterEach(async () => {
  await f?.stop();
  f = null;
});

const key = (label: string) => `0x${bytesToHex(keccak_256(utf8ToBytes(`signer-check|${label}`)))}` as const;

async function startWith(privateKey: `0x${string}`, accountAddress: string) {
  const fake = f!;
  const clock = { now: () => fake.now() };
  const client = fakeClient(fake, {
    secrets: { privateKey, accountAddress: accountAddress as `0x${string}` },
    clock,
  });
  const config = ConfigSchema.parse({ engine: { coins: ["BTC", "ETH"] } });
  const db = openLedger(`${scratchDir()}/l.db`);
  const live = await createLivePath({
    config,
    client,
    db,
    journal: new LedgerJournal(db, 0, clock),
    clock,
    account: new EquityTracker("live", 1_000),
    modelVersion: "v4",
    restored: [],
  });
  await live.start();
  return live;
}

describe("issue 14 #6: the signing key may trade the account", () => {
  test("#6 the account's own key, or an API wallet it approved, starts", async () => {
    f = startFakeHyperliquid({ time: "2025-06-02T00:00:00Z", rateLimit: false });
    const acct = f.createAccount({ usdc: 1_000 });
    await startWith(acct.privateKey as `0x${string}`, acct.address);
    const agent = key("agent");
    f.approveAgent(acct.address, addressFromPrivateKey(agent));
    const live = await startWith(agent, acct.address);
    expect(live.book.accountValue).toBe(1_000);
  });

  test("#6 a key that is neither the account nor its API wallet: exit 2 naming both addresses, never the key", async () => {
    f = startFakeHyperliquid({ time: "2025-06-02T00:00:00Z", rateLimit: false });
    const acct = f.createAccount({ usdc: 1_000 });
    const other = f.createAccount({ usdc: 1_000 }); // a real account, but another one
    for (const k of [key("stranger"), other.privateKey as `0x${string}`]) {
      const signer = addressFromPrivateKey(k).toLowerCase();
      const error = await startWith(k, acct.address).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SignerMismatchError);
      const e = error as SignerMismatchError;
      expect(e.exitCode).toBe(2);
      expect(e.message).toContain(signer);
      expect(e.message).toContain(acct.address);
      expect(e.message).not.toContain(k.slice(2));
    }
    expect(f.stats().exchange.order?.count ?? 0).toBe(0);
  });

  test("#6 HL_ACCOUNT_ADDRESS set to the API wallet itself (with its key): exit 2 naming the master", async () => {
    f = startFakeHyperliquid({ time: "2025-06-02T00:00:00Z", rateLimit: false });
    const acct = f.createAccount({ usdc: 1_000 });
    const agent = key("agent-as-account");
    const agentAddress = addressFromPrivateKey(agent).toLowerCase();
    f.approveAgent(acct.address, agentAddress);
    const error = await startWith(agent, agentAddress).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SignerMismatchError);
    expect((error as Error).message).toContain(acct.address);
    expect((error as Error).message).toContain(agentAddress);
  });
});
