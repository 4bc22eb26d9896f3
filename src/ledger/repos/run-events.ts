/** The events of a backtest run (run_events): written once when the run finishes, read by run id in time order. */
import type { Database, Statement } from "bun:sqlite";
import type { RunEvent } from "../../report/run-summary.ts";

interface Row {
  t: number;
  kind: RunEvent["kind"];
  mode: RunEvent["mode"];
  coin: string | null;
  detail: string;
  value: number | null;
  rejected_candidates: number;
  ended_at: number | null;
}

export class RunEventsRepo {
  private readonly insert: Statement;
  private readonly byRun: Statement;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      "INSERT INTO run_events (run_id, t, kind, mode, coin, detail, value, rejected_candidates, ended_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    );
    this.byRun = db.prepare(
      "SELECT t, kind, mode, coin, detail, value, rejected_candidates, ended_at FROM run_events WHERE run_id = ?1 ORDER BY t, id",
    );
  }

  record(runId: number, events: readonly RunEvent[]): void {
    this.db.transaction(() => {
      for (const e of events)
        this.insert.run(
          runId,
          e.t,
          e.kind,
          e.mode,
          e.coin,
          e.detail,
          e.value,
          e.rejectedCandidates,
          e.endedAt,
        );
    })();
  }

  list(runId: number): RunEvent[] {
    return (this.byRun.all(runId) as Row[]).map((r) => ({
      t: r.t,
      kind: r.kind,
      mode: r.mode,
      coin: r.coin,
      detail: r.detail,
      value: r.value,
      rejectedCandidates: r.rejected_candidates,
      endedAt: r.ended_at,
    }));
  }
}
