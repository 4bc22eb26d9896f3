/**
 * The kind an error is counted and logged under: a BotError's own `kind` (transport, rate_limit,
 * decode, …), `ledger_busy` for SQLite lock timeouts, `ledger` for other SQLite failures.
 */
import { BotError } from "../core/errors.ts";

export function errorKind(error: unknown): string {
  if (error instanceof BotError) return error.kind;
  const e = error as { name?: unknown; code?: unknown } | null;
  if (e && e.name === "SQLiteError") {
    return typeof e.code === "string" && e.code.startsWith("SQLITE_BUSY") ? "ledger_busy" : "ledger";
  }
  return "unknown";
}

/** Error counts by kind. */
export class ErrorCounts {
  readonly #byKind = new Map<string, number>();

  add(kind: string, n = 1): void {
    if (n > 0) this.#byKind.set(kind, (this.#byKind.get(kind) ?? 0) + n);
  }

  get total(): number {
    let sum = 0;
    for (const n of this.#byKind.values()) sum += n;
    return sum;
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.#byKind].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}
