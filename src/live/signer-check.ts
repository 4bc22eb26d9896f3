/**
 * Before the live path trades: the key in HL_PRIVATE_KEY must be allowed to trade HL_ACCOUNT_ADDRESS
 * — it IS that account, or it is an API (agent) wallet the account approved. Hyperliquid says which
 * through `userRole`. Otherwise every query would read one account while orders land on another (or
 * are refused), so the daemon stops with exit 2, naming both addresses — never the key.
 */
import { BotError } from "../core/errors.ts";
import type { InfoClient } from "../hyperliquid/info-client.ts";
import type { UserRole } from "../hyperliquid/schemas/user-role.ts";

/** The signing key may not trade the configured account. Exit 2. */
export class SignerMismatchError extends BotError {
  readonly kind = "signer_mismatch";
  override readonly exitCode = 2;
}

function described(role: UserRole): string {
  switch (role.role) {
    case "agent":
      return `an API wallet of ${role.data.user.toLowerCase()}`;
    case "subAccount":
      return `a sub-account of ${role.data.master.toLowerCase()}`;
    case "missing":
      return "unknown to Hyperliquid (never approved as an API wallet, or its approval expired)";
    default:
      return `a ${role.role} account`;
  }
}

/** Resolves when `signer` may trade `account`; throws SignerMismatchError otherwise. */
export async function verifySigner(info: InfoClient, signer: string, account: string): Promise<void> {
  const s = signer.toLowerCase();
  const a = account.toLowerCase();
  if (s === a) {
    const role = await info.userRole(a);
    // The key's own address is an agent wallet: queries on it read an empty account while its
    // orders trade the master's.
    if (role.role === "agent") {
      throw new SignerMismatchError(
        `HL_ACCOUNT_ADDRESS ${a} is ${described(role)}: set HL_ACCOUNT_ADDRESS to ${role.data.user.toLowerCase()} (the account it trades)`,
      );
    }
    return;
  }
  const role = await info.userRole(s);
  if (role.role === "agent" && role.data.user.toLowerCase() === a) return;
  throw new SignerMismatchError(
    `HL_PRIVATE_KEY signs as ${s}, which may not trade HL_ACCOUNT_ADDRESS ${a}: ${s} is ${described(role)}. Use the account's own key or an API wallet it approved (app.hyperliquid.xyz → API)`,
  );
}
