/** Durable key → JSON state of the bot (halts, peak equity, cooldowns), surviving restarts. */
import type { Database, Statement } from "bun:sqlite";

export class BotStateRepo {
  private readonly upsert: Statement;
  private readonly select: Statement;
  private readonly remove: Statement;

  constructor(db: Database) {
    this.upsert = db.prepare(
      "INSERT INTO bot_state (key, value, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    );
    this.select = db.prepare("SELECT value FROM bot_state WHERE key = ?1");
    this.remove = db.prepare("DELETE FROM bot_state WHERE key = ?1");
  }

  get<T>(key: string): T | undefined {
    const row = this.select.get(key) as { value: string } | null;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  set(key: string, value: unknown, now: number): void {
    this.upsert.run(key, JSON.stringify(value), now);
  }

  delete(key: string): void {
    this.remove.run(key);
  }
}
