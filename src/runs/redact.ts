/**
 * The effective config as a run stores it: every value that could be a secret replaced by
 * REDACTED — keys named like a credential (token, secret, password, private key), any string
 * shaped like a private key, and the credentials in a URL, wherever they sit. `unredact` puts the current config's values back at
 * those places, so a stored config can be parsed again (`hlbot backtest --rerun`); no redacted key
 * changes what a backtest computes.
 */
import { looksLikePrivateKey } from "../config/secrets.ts";

export const REDACTED = "<redacted>";

const SECRET_KEY = /token|secret|password|passphrase|private|api_key|apikey/i;

/** user:password@ in a URL. */
const URL_CREDENTIALS = /^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/i;

export function redactConfig(value: unknown, key = ""): unknown {
  if (typeof value === "string") {
    if (SECRET_KEY.test(key) || looksLikePrivateKey(value)) return REDACTED;
    return value.replace(URL_CREDENTIALS, `$1${REDACTED}@`);
  }
  if (Array.isArray(value)) return value.map((v) => redactConfig(v, key));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactConfig(v, k);
    return out;
  }
  return value;
}

/** `stored` with every REDACTED value replaced by `current`'s at the same path (dropped when absent). */
export function unredact(stored: unknown, current: unknown): unknown {
  if (stored === REDACTED) return current;
  if (Array.isArray(stored))
    return stored.map((v, i) => unredact(v, Array.isArray(current) ? current[i] : undefined));
  if (stored && typeof stored === "object") {
    const cur = (current && typeof current === "object" ? current : {}) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(stored)) {
      const next = unredact(v, cur[k]);
      if (next !== undefined) out[k] = next;
    }
    return out;
  }
  return stored;
}
