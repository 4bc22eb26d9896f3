/**
 * A small response cache for hot read routes, invalidated by the ledger itself: an entry is valid
 * while the database's version is unchanged. The version combines `PRAGMA data_version` (moves when
 * ANOTHER connection commits — the daemon beside `hlbot serve`) and `total_changes()` (moves when
 * THIS connection writes — the API served inside `hlbot trade` on the daemon's own handle).
 */
import type { Database, Statement } from "bun:sqlite";

export class LedgerVersion {
  private readonly stmt: Statement;

  constructor(db: Database) {
    this.stmt = db.prepare(
      "SELECT (SELECT data_version FROM pragma_data_version()) AS d, total_changes() AS c",
    );
  }

  current(): string {
    const { d, c } = this.stmt.get() as { d: number; c: number };
    return `${d}:${c}`;
  }
}

export class ResponseCache {
  private readonly entries = new Map<string, { version: string; body: string }>();

  constructor(
    private readonly version: LedgerVersion,
    /** Most distinct keys kept; the oldest is dropped first. */
    private readonly maxEntries = 64,
  ) {}

  /** The cached body for `key` if the ledger has not changed since, else `build()` (then cached). */
  get(key: string, build: () => string): string {
    const version = this.version.current();
    const hit = this.entries.get(key);
    if (hit && hit.version === version) return hit.body;
    const body = build();
    this.entries.delete(key);
    this.entries.set(key, { version, body });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return body;
  }
}
