/**
 * What the weekly review reads from the ledger for one week: the closed trades of each path (as
 * RunTrade, the shape every report producer takes), the decisions, the events (halts, the operator's
 * control actions, daemon sessions, run_events), the bucket state changes (promotion_audit) and the
 * live path's exchange fills with the reference price each order expected.
 */
import type { Database } from "bun:sqlite";
import { bucketKey } from "../core/bucket.ts";
import type { RunTrade } from "../report/run-summary.ts";
import type { IsoWeek } from "./week.ts";

export type Path = "shadow" | "live";

interface PositionRow {
  id: number;
  decision_id: number | null;
  mode: Path;
  coin: string;
  side: "long" | "short";
  strategy: string;
  session: string;
  regime: string;
  vol_bucket: string;
  opened_at: number;
  closed_at: number;
  entry_px: number;
  exit_px: number | null;
  initial_size: number;
  initial_stop_px: number;
  target_px: number;
  risk_usd: number;
  leverage: number;
  r_multiple: number | null;
  net_pnl: number;
  fees: number;
  slippage: number;
  funding: number;
  exit_reason: string | null;
}

/** Trades of `path` closed inside the week, in close order (the order rStats reads them in). */
export function weekTrades(db: Database, runId: number, path: Path, week: IsoWeek): RunTrade[] {
  const rows = db
    .query(
      `SELECT * FROM positions WHERE run_id = ?1 AND mode = ?2 AND status = 'closed'
         AND closed_at >= ?3 AND closed_at < ?4 ORDER BY closed_at, opened_at, id`,
    )
    .all(runId, path, week.from, week.to) as PositionRow[];
  const exits = db.query(
    "SELECT t, px, size, reason FROM position_exits WHERE position_id = ?1 ORDER BY t, id",
  );
  return rows.map((p) => ({
    id: p.id,
    decisionId: p.decision_id,
    mode: p.mode,
    coin: p.coin,
    side: p.side,
    strategy: p.strategy,
    bucket: bucketKey({
      strategy: p.strategy,
      side: p.side,
      session: p.session,
      regime: p.regime as "Long" | "Short" | "Neutral",
      vol_bucket: p.vol_bucket,
    }),
    session: p.session,
    regime: p.regime,
    volBucket: p.vol_bucket,
    openedAt: p.opened_at,
    closedAt: p.closed_at,
    entryPx: p.entry_px,
    exitPx: p.exit_px,
    size: p.initial_size,
    stopPx: p.initial_stop_px,
    targetPx: p.target_px,
    riskUsd: p.risk_usd,
    leverage: p.leverage,
    r: p.r_multiple,
    netPnl: p.net_pnl,
    fees: p.fees,
    slippage: p.slippage,
    funding: p.funding,
    exitReason: p.exit_reason ?? "closed",
    exits: exits.all(p.id) as RunTrade["exits"],
  }));
}

/** Decisions of `path` made in the week: every candidate, and those that opened a position. */
export function weekDecisions(db: Database, runId: number, path: Path, week: IsoWeek) {
  return db
    .query(
      `SELECT COUNT(*) AS candidates, COALESCE(SUM(verdict = 'open'), 0) AS opened FROM decisions
        WHERE run_id = ?1 AND mode = ?2 AND created_at >= ?3 AND created_at < ?4`,
    )
    .get(runId, path, week.from, week.to) as { candidates: number; opened: number };
}

export interface ReviewEvent {
  t: number;
  kind: string;
  detail: string;
}

const inWeek = (t: number | null | undefined, w: IsoWeek) => typeof t === "number" && t >= w.from && t < w.to;

/**
 * The week's events: run_events of the run, the persisted halts (the daemon keeps the latest kill
 * switch and daily halt, not each one), control actions and daemon sessions starting or ending.
 */
export function weekEvents(db: Database, runId: number, week: IsoWeek): ReviewEvent[] {
  const out: ReviewEvent[] = [];
  const events = db
    .query("SELECT t, kind, mode, coin, detail FROM run_events WHERE run_id = ?1 AND t >= ?2 AND t < ?3")
    .all(runId, week.from, week.to) as {
    t: number;
    kind: string;
    mode: string | null;
    coin: string | null;
    detail: string;
  }[];
  for (const e of events)
    out.push({ t: e.t, kind: e.kind, detail: [e.mode, e.coin, e.detail].filter(Boolean).join(" · ") });
  if (runId === 0) {
    const halts = db.query("SELECT value FROM bot_state WHERE key = 'halts'").get() as {
      value: string;
    } | null;
    if (halts) {
      const h = JSON.parse(halts.value) as {
        kill?: { since: number; drawdown: number } | null;
        dailyHaltDay?: number | null;
      };
      if (h.kill && inWeek(h.kill.since, week))
        out.push({
          t: h.kill.since,
          kind: "kill_switch",
          detail: `drawdown ${(h.kill.drawdown * 100).toFixed(1)} % — halted until hlbot resume`,
        });
      if (inWeek(h.dailyHaltDay, week))
        out.push({
          t: h.dailyHaltDay!,
          kind: "daily_halt",
          detail: "daily loss limit hit: no entries until UTC rollover",
        });
    }
    const actions = db
      .query("SELECT t, action, args, ok, result FROM control_actions WHERE t >= ?1 AND t < ?2")
      .all(week.from, week.to) as {
      t: number;
      action: string;
      args: string;
      ok: number | null;
      result: string | null;
    }[];
    for (const a of actions)
      out.push({
        t: a.t,
        kind: `ctl_${a.action}`,
        detail:
          `hlbot ctl ${a.action} ${a.args === "{}" ? "" : a.args}${a.ok === 0 ? " (failed)" : ""}`.trim(),
      });
    const sessions = db
      .query(
        `SELECT id, kind, started_at, finished_at, summary FROM backtest_runs WHERE kind IN ('trade', 'demo')
          AND ((started_at >= ?1 AND started_at < ?2) OR (finished_at >= ?1 AND finished_at < ?2))`,
      )
      .all(week.from, week.to) as {
      id: number;
      kind: string;
      started_at: number;
      finished_at: number | null;
      summary: string | null;
    }[];
    for (const s of sessions) {
      if (inWeek(s.started_at, week))
        out.push({ t: s.started_at, kind: "daemon_start", detail: `hlbot ${s.kind} started (run ${s.id})` });
      if (inWeek(s.finished_at, week)) {
        const why = s.summary ? (JSON.parse(s.summary) as { stopReason?: string }).stopReason : undefined;
        out.push({
          t: s.finished_at!,
          kind: "daemon_stop",
          detail: `hlbot ${s.kind} stopped${why ? `: ${why}` : ""}`,
        });
      }
    }
  }
  return out.sort((a, b) => a.t - b.t || a.kind.localeCompare(b.kind));
}

export interface StateChange {
  t: number;
  bucket: string;
  from: string;
  to: string;
  direction: "promotion" | "demotion";
  reasons: string[];
}

const RANK: Record<string, number> = { SHADOW: 0, PROBATION: 1, LIVE: 2 };

/** Bucket state changes decided in the week (promotion_audit rows whose state moved). */
export function weekStateChanges(db: Database, week: IsoWeek): StateChange[] {
  const rows = db
    .query(
      `SELECT t, bucket_key, prev_state, new_state, reasons FROM promotion_audit
        WHERE t >= ?1 AND t < ?2 AND prev_state <> new_state ORDER BY t, id`,
    )
    .all(week.from, week.to) as {
    t: number;
    bucket_key: string;
    prev_state: string;
    new_state: string;
    reasons: string;
  }[];
  return rows.map((r) => ({
    t: r.t,
    bucket: r.bucket_key,
    from: r.prev_state,
    to: r.new_state,
    direction: (RANK[r.new_state] ?? 0) > (RANK[r.prev_state] ?? 0) ? "promotion" : "demotion",
    reasons: JSON.parse(r.reasons) as string[],
  }));
}

export interface LiveFill {
  isBuy: boolean;
  px: string;
  sz: string;
  fee: string;
  /** The price the order's decision expected (orders.ref_px), when recorded. */
  refPx: string | null;
}

/** The live path's exchange fills in the week, each with its order's reference price. */
export function weekFills(db: Database, week: IsoWeek): LiveFill[] {
  const rows = db
    .query(
      `SELECT f.side, f.px, f.sz, f.fee, o.ref_px FROM fills f LEFT JOIN orders o ON o.cloid = f.cloid
        WHERE f.t >= ?1 AND f.t < ?2 ORDER BY f.t, f.tid`,
    )
    .all(week.from, week.to) as {
    side: string;
    px: string;
    sz: string;
    fee: string;
    ref_px: string | null;
  }[];
  return rows.map((r) => ({ isBuy: r.side === "B", px: r.px, sz: r.sz, fee: r.fee, refPx: r.ref_px }));
}
