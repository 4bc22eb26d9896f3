/**
 * The week's events and bucket state changes as the weekly review lists them: run_events of the run,
 * the daemon's persisted halts, `hlbot ctl` actions and daemon sessions starting or stopping, and the
 * promotions/demotions promotion_audit recorded.
 */
import type { Database } from "bun:sqlite";
import { DAY_MS } from "../core/clock.ts";
import type { IsoWeek } from "./week.ts";

export interface ReviewEvent {
  t: number;
  kind: string;
  detail: string;
}

const inWeek = (t: number | null | undefined, w: IsoWeek) => typeof t === "number" && t >= w.from && t < w.to;

/**
 * The week's events: run_events of the run (the daemon's: of its sessions, where its kill switches
 * and daily halts are recorded as they trip), the persisted halts a ledger from before that kept
 * instead, control actions and daemon sessions starting or ending.
 */
export function weekEvents(db: Database, runId: number, week: IsoWeek): ReviewEvent[] {
  const out: ReviewEvent[] = [];
  // The daemon's (run 0) risk events are recorded under its sessions' runs (kind trade|demo).
  const ofRuns = runId === 0 ? "SELECT id FROM backtest_runs WHERE kind IN ('trade', 'demo')" : "?3";
  const events = db
    .query(
      `SELECT t, kind, mode, coin, detail FROM run_events WHERE run_id IN (${ofRuns}) AND t >= ?1 AND t < ?2`,
    )
    .all(week.from, week.to, ...(runId === 0 ? [] : [runId])) as {
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
      // Ledgers from before the sessions recorded their events keep only the persisted state: the
      // latest kill switch (its time) and daily halt (its day, not the moment it tripped).
      const recorded = (kind: string, from: number, to: number) =>
        events.some((e) => e.kind === kind && e.t >= from && e.t < to);
      if (h.kill && inWeek(h.kill.since, week) && !recorded("kill_switch", h.kill.since, h.kill.since + 1))
        out.push({
          t: h.kill.since,
          kind: "kill_switch",
          detail: `drawdown ${(h.kill.drawdown * 100).toFixed(1)} % — halted until hlbot resume`,
        });
      if (inWeek(h.dailyHaltDay, week) && !recorded("daily_halt", h.dailyHaltDay!, h.dailyHaltDay! + DAY_MS))
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
