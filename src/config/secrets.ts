/**
 * The account secrets. They come only from the environment or the .env beside the config, are
 * validated here, and are never printed: `describe` shows whether each is set, not its value.
 */
import { SecretError } from "../core/errors.ts";
import { ALERT_SECRET_VARS, type AlertSecrets, readAlertSecrets } from "./sections/alerts.ts";

export interface Secrets {
  /** 0x-prefixed 32-byte hex private key of the signing wallet (an API/agent wallet or the account). */
  privateKey?: string;
  /** 0x-prefixed 20-byte address of the trading account (differs from the signer for an agent wallet). */
  accountAddress?: string;
  /** Notifier tokens and URLs (TELEGRAM_BOT_TOKEN, DISCORD_WEBHOOK_URL, …; see sections/alerts.ts). */
  alerts?: AlertSecrets;
}

export interface LiveSecrets {
  privateKey: `0x${string}`;
  accountAddress: `0x${string}`;
}

const KEY_RE = /^0x[0-9a-fA-F]{64}$/;
const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;

export function readSecrets(env: Record<string, string | undefined>): Secrets {
  const secrets: Secrets = {};
  const key = env.HL_PRIVATE_KEY?.trim();
  const address = env.HL_ACCOUNT_ADDRESS?.trim();
  if (key) secrets.privateKey = key.startsWith("0x") ? key : `0x${key}`;
  if (address) secrets.accountAddress = address;
  secrets.alerts = readAlertSecrets(env);
  return secrets;
}

/** The secrets the live path needs, or a SecretError that names the variable (never the value). */
export function requireLiveSecrets(secrets: Secrets): LiveSecrets {
  if (!secrets.privateKey)
    throw new SecretError("HL_PRIVATE_KEY is not set (environment or .env beside the config)");
  if (!KEY_RE.test(secrets.privateKey))
    throw new SecretError("HL_PRIVATE_KEY is malformed: expected 64 hex digits");
  if (!secrets.accountAddress) {
    throw new SecretError("HL_ACCOUNT_ADDRESS is not set (environment or .env beside the config)");
  }
  if (!ADDRESS_RE.test(secrets.accountAddress)) {
    throw new SecretError("HL_ACCOUNT_ADDRESS is malformed: expected 0x and 40 hex digits");
  }
  return {
    privateKey: secrets.privateKey as `0x${string}`,
    accountAddress: secrets.accountAddress as `0x${string}`,
  };
}

/** A value shaped like a private key (32 bytes of hex): never printed, wherever it appears. */
export function looksLikePrivateKey(value: string): boolean {
  return /^(0x)?[0-9a-fA-F]{64}$/.test(value.trim());
}

/** Problems with secrets that are set (`hlbot config check` reports them; values are never shown). */
export function secretIssues(secrets: Secrets): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (secrets.privateKey && !KEY_RE.test(secrets.privateKey)) {
    issues.push({ path: "HL_PRIVATE_KEY", message: "malformed: expected 64 hex digits (value not shown)" });
  }
  if (secrets.accountAddress && !ADDRESS_RE.test(secrets.accountAddress)) {
    const hint = looksLikePrivateKey(secrets.accountAddress)
      ? " — it looks like a PRIVATE KEY: put the account's public address here, and rotate that key if it was shared"
      : "";
    issues.push({
      path: "HL_ACCOUNT_ADDRESS",
      message: `not an address: expected 0x and 40 hex digits (value not shown)${hint}`,
    });
  }
  return issues;
}

/** What may be shown about the secrets: set or not, and the public address (only when it is one). */
export function describeSecrets(secrets: Secrets): Record<string, string> {
  const address = secrets.accountAddress;
  return {
    HL_PRIVATE_KEY: secrets.privateKey ? "<redacted>" : "<not set>",
    HL_ACCOUNT_ADDRESS: !address
      ? "<not set>"
      : ADDRESS_RE.test(address)
        ? address
        : "<malformed, not shown>",
    ...Object.fromEntries(
      Object.entries(ALERT_SECRET_VARS).map(([key, name]) => [
        name,
        secrets.alerts?.[key as keyof AlertSecrets] ? "<redacted>" : "<not set>",
      ]),
    ),
  };
}
