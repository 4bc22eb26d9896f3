/**
 * The audit of control actions in the ledger (`control_actions`, migration 010): a row is written
 * when a request arrives — before anything is done — and completed with its outcome.
 */
import type { Database, Statement } from "bun:sqlite";

export interface AuditRow {
  id: number;
  t: number;
  action: string;
  args: string;
  ok: number | null;
  result: string | null;
  finished_at: number | null;
  client_uid: number | null;
  client_pid: number | null;
}

export class ControlAudit {
  readonly #begin: Statement;
  readonly #finish: Statement;
  readonly #recent: Statement;

  constructor(db: Database) {
    this.#begin = db.prepare(
      "INSERT INTO control_actions (t, action, args, client_uid, client_pid) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
    );
    this.#finish = db.prepare(
      "UPDATE control_actions SET ok = ?2, result = ?3, finished_at = ?4 WHERE id = ?1",
    );
    this.#recent = db.prepare("SELECT * FROM control_actions ORDER BY id DESC LIMIT ?1");
  }

  begin(
    t: number,
    action: string,
    args: Record<string, unknown>,
    client: { uid: number | null; pid: number } | undefined,
  ): number {
    const row = this.#begin.get(
      t,
      action,
      JSON.stringify(args),
      client?.uid ?? null,
      client?.pid ?? null,
    ) as {
      id: number;
    };
    return row.id;
  }

  finish(id: number, ok: boolean, result: string, t: number): void {
    this.#finish.run(id, ok ? 1 : 0, result, t);
  }

  recent(limit = 20): AuditRow[] {
    return this.#recent.all(limit) as AuditRow[];
  }
}
