/**
 * The run browser: every backtest run with what was run (kind, model, command line when stored,
 * window, coins), whether it finished, and its key figures — from its stored RunSummary when it has
 * one, else from the ledger (closed trades per path, first and last live equity). An unfinished run
 * (no finished_at: killed, or still replaying) is listed as such, never as complete.
 */
import type { Database, Statement } from "bun:sqlite";
import type { BacktestRunRow } from "../../ledger/repos/backtest-runs.ts";
import { jsonColumn, ratio, usd } from "../format.ts";
import { type RunStatus, runStatus } from "./runs.ts";

export interface RunFigures {
  source: "stored" | "ledger";
  shadow: { trades: number; total_r: number | null; win_rate: number | null };
  live: {
    trades: number;
    net_pnl: number | null;
    return_pct: number | null;
    max_drawdown_pct: number | null;
    ruined: boolean | null;
  } | null;
  /** Events recorded with the run (kill switch, halts, ruin, gaps); null when none were recorded. */
  events: number | null;
}

export interface RunEntry {
  id: number;
  kind: string;
  model: string;
  mode: string;
  status: RunStatus;
  started_at: number;
  finished_at: number | null;
  /** The command line that made the run, when it was stored with it. */
  command: string | null;
  window: { from: number; to: number } | null;
  coins: string[] | null;
  strategies: string[] | null;
  data_hash: string | null;
  code_version: string;
  figures: RunFigures;
}

interface ListRow extends Omit<BacktestRunRow, "summary"> {
  stored: number;
  s_trades: number | null;
  s_total_r: number | null;
  s_win_rate: number | null;
  l_present: number;
  l_trades: number | null;
  l_net_pnl: number | null;
  l_return: number | null;
  l_max_dd: number | null;
  l_ruin: string | null;
  events: number | null;
}

const STORED = "json_valid(summary) AND json_extract(summary, '$.shadow.unit') = 'R'";
const COLUMNS = `id, started_at, finished_at, kind, model, mode, params, data_hash, code_version, command,
  CASE WHEN ${STORED} THEN 1 ELSE 0 END AS stored,
  CASE WHEN ${STORED} THEN json_extract(summary, '$.shadow.overall.trades') END AS s_trades,
  CASE WHEN ${STORED} THEN json_extract(summary, '$.shadow.overall.totalR') END AS s_total_r,
  CASE WHEN ${STORED} THEN json_extract(summary, '$.shadow.overall.winRate') END AS s_win_rate,
  CASE WHEN ${STORED} THEN json_type(summary, '$.live') = 'object' ELSE 0 END AS l_present,
  CASE WHEN ${STORED} THEN json_extract(summary, '$.live.overall.trades') END AS l_trades,
  CASE WHEN ${STORED} THEN json_extract(summary, '$.live.overall.netPnl') END AS l_net_pnl,
  CASE WHEN ${STORED} THEN json_extract(summary, '$.live.overall.returnPct') END AS l_return,
  CASE WHEN ${STORED} THEN json_extract(summary, '$.live.overall.maxDrawdownPct') END AS l_max_dd,
  CASE WHEN ${STORED} THEN json_extract(summary, '$.live.overall.ruin') END AS l_ruin,
  CASE WHEN ${STORED} THEN json_array_length(summary, '$.events') END AS events`;

export class RunListQueries {
  private readonly page: Statement;
  private readonly one: Statement;
  private readonly trades: Statement;
  private readonly equityEnds: Statement;

  constructor(db: Database) {
    this.page = db.prepare(
      `SELECT ${COLUMNS} FROM backtest_runs WHERE id < ?1 AND kind NOT IN ('trade', 'demo') ORDER BY id DESC LIMIT ?2`,
    );
    this.one = db.prepare(
      `SELECT ${COLUMNS} FROM backtest_runs WHERE id = ?1 AND kind NOT IN ('trade', 'demo')`,
    );
    this.trades = db.prepare(
      "SELECT mode, COUNT(*) AS n, SUM(r_multiple) AS r, AVG(r_multiple > 0) AS wins, SUM(net_pnl) AS pnl FROM positions WHERE run_id = ?1 AND status = 'closed' GROUP BY mode",
    );
    this.equityEnds = db.prepare(`SELECT
        (SELECT equity FROM equity_snapshots WHERE run_id = ?1 AND mode = 'live' ORDER BY t LIMIT 1) AS first,
        (SELECT equity FROM equity_snapshots WHERE run_id = ?1 AND mode = 'live' ORDER BY t DESC LIMIT 1) AS last`);
  }

  /** Runs newest first, ids below `before`. */
  list(before: number, limit: number): RunEntry[] {
    return (this.page.all(before, limit) as ListRow[]).map((r) => this.entry(r));
  }

  get(id: number): RunEntry | null {
    const row = this.one.get(id) as ListRow | null;
    return row ? this.entry(row) : null;
  }

  private entry(r: ListRow): RunEntry {
    const params = (jsonColumn(r.params) ?? {}) as Record<string, unknown>;
    const from = typeof params.from === "number" ? params.from : null;
    const to = typeof params.to === "number" ? params.to : null;
    return {
      id: r.id,
      kind: r.kind,
      model: r.model,
      mode: r.mode,
      status: runStatus(r),
      started_at: r.started_at,
      finished_at: r.finished_at,
      command: r.command ?? commandLine(params),
      window: from !== null && to !== null ? { from, to } : null,
      coins: stringList(params.coins),
      strategies: stringList(params.strategies),
      data_hash: r.data_hash,
      code_version: r.code_version,
      figures: r.stored ? storedFigures(r) : this.ledgerFigures(r.id),
    };
  }

  private ledgerFigures(id: number): RunFigures {
    const rows = this.trades.all(id) as {
      mode: string;
      n: number;
      r: number | null;
      wins: number | null;
      pnl: number | null;
    }[];
    const shadow = rows.find((x) => x.mode === "shadow");
    const live = rows.find((x) => x.mode === "live");
    const eq = this.equityEnds.get(id) as { first: number | null; last: number | null };
    const hasLive = live !== undefined || eq.first !== null;
    return {
      source: "ledger",
      shadow: {
        trades: shadow?.n ?? 0,
        total_r: ratio(shadow?.r ?? null),
        win_rate: ratio(shadow?.wins ?? null),
      },
      live: hasLive
        ? {
            trades: live?.n ?? 0,
            net_pnl: usd(live?.pnl ?? null),
            return_pct:
              eq.first !== null && eq.last !== null && eq.first > 0
                ? ratio((Math.max(0, eq.last) / eq.first - 1) * 100)
                : null,
            max_drawdown_pct: null,
            ruined: eq.last === null ? null : eq.last <= 0,
          }
        : null,
      events: null,
    };
  }
}

function storedFigures(r: ListRow): RunFigures {
  return {
    source: "stored",
    shadow: { trades: r.s_trades ?? 0, total_r: ratio(r.s_total_r), win_rate: ratio(r.s_win_rate) },
    live: r.l_present
      ? {
          trades: r.l_trades ?? 0,
          net_pnl: usd(r.l_net_pnl),
          return_pct: ratio(r.l_return),
          max_drawdown_pct: ratio(r.l_max_dd),
          ruined: r.l_ruin !== null,
        }
      : null,
    events: r.events,
  };
}

/** For runs stored before the `command` column: `params.command` (a string) or `params.argv` (a list of words). */
function commandLine(params: Record<string, unknown>): string | null {
  if (typeof params.command === "string") return params.command;
  const argv = stringList(params.argv);
  return argv ? argv.join(" ") : null;
}

function stringList(x: unknown): string[] | null {
  return Array.isArray(x) && x.every((s) => typeof s === "string") ? (x as string[]) : null;
}
