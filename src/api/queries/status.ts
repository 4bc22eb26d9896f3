/**
 * What the ledger says about the bot's state: last tick (newest daemon equity snapshot), latest
 * equity per mode, open positions and decision counts per mode, and the halts recorded in
 * bot_state. A key starting with `halt` holds either the risk module's HaltState (src/risk/halts.ts:
 * `{ kill, dailyHaltDay, cooldowns }`, e.g. under `halts`) or one halt: `true` or
 * `{ active?, reason?, since?, until? }`, in force unless `active` is false or `until` has passed.
 */
import type { Database, Statement } from "bun:sqlite";
import { DAY_MS, utcDayStart } from "../../core/clock.ts";
import type { Halt } from "../types.ts";

export interface LatestEquity {
  mode: string;
  t: number;
  equity: number;
  peak: number;
  drawdown: number;
  day_pnl: number;
  open_positions: number;
}

export class StatusQueries {
  private readonly lastSnapshot: Statement;
  private readonly haltRows: Statement;
  private readonly openCounts: Statement;
  private readonly decisionCounts: Statement;

  constructor(db: Database) {
    this.lastSnapshot = db.prepare(
      "SELECT mode, t, equity, peak, drawdown, day_pnl, open_positions FROM equity_snapshots WHERE run_id = ?1 AND mode = ?2 ORDER BY t DESC LIMIT 1",
    );
    this.haltRows = db.prepare(
      "SELECT key, value, updated_at FROM bot_state WHERE key >= 'halt' AND key < 'halu' ORDER BY key",
    );
    this.openCounts = db.prepare(
      "SELECT mode, COUNT(*) AS n FROM positions WHERE status = 'open' AND run_id = ?1 GROUP BY mode",
    );
    this.decisionCounts = db.prepare(
      "SELECT mode, COUNT(*) AS n FROM decisions WHERE run_id = ?1 GROUP BY mode",
    );
  }

  /** Newest equity snapshot per mode (shadow, live) of a run. */
  latestEquity(runId: number): LatestEquity[] {
    const out: LatestEquity[] = [];
    for (const mode of ["shadow", "live"]) {
      const row = this.lastSnapshot.get(runId, mode) as LatestEquity | null;
      if (row) out.push(row);
    }
    return out;
  }

  /** ms UTC of the daemon's last tick as recorded by its equity snapshots, or null. */
  lastTickAt(): number | null {
    const times = this.latestEquity(0).map((e) => e.t);
    return times.length ? Math.max(...times) : null;
  }

  halts(now: number): Halt[] {
    const rows = this.haltRows.all() as { key: string; value: string; updated_at: number }[];
    return rows.flatMap((r) => parseHalts(r.key, r.value, r.updated_at, now));
  }

  openPositions(runId: number): Record<string, number> {
    return counts(this.openCounts.all(runId) as { mode: string; n: number }[]);
  }

  decisions(runId: number): Record<string, number> {
    return counts(this.decisionCounts.all(runId) as { mode: string; n: number }[]);
  }
}

function counts(rows: { mode: string; n: number }[]): Record<string, number> {
  const out: Record<string, number> = { shadow: 0, live: 0 };
  for (const r of rows) out[r.mode] = r.n;
  return out;
}

function parseHalts(key: string, text: string, updatedAt: number, now: number): Halt[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [{ name: key, reason: "unreadable halt state", since: updatedAt, until: null }];
  }
  if (value === true) return [{ name: key, reason: null, since: updatedAt, until: null }];
  if (!value || typeof value !== "object") return [];
  const v = value as Record<string, unknown>;
  if ("kill" in v || "dailyHaltDay" in v) return riskHalts(v, now);
  if (v.active === false) return [];
  const until = typeof v.until === "number" ? v.until : null;
  if (until !== null && until <= now) return [];
  const reason = typeof v.reason === "string" ? v.reason : null;
  return [{ name: key, reason, since: typeof v.since === "number" ? v.since : updatedAt, until }];
}

/** The bot-wide halts inside a persisted HaltState (per-coin cooldowns are not bot halts). */
function riskHalts(v: Record<string, unknown>, now: number): Halt[] {
  const out: Halt[] = [];
  const kill = v.kill as { since?: unknown; drawdown?: unknown } | null | undefined;
  if (kill && typeof kill === "object") {
    const dd = typeof kill.drawdown === "number" ? ` ${(kill.drawdown * 100).toFixed(1)}%` : "";
    out.push({
      name: "kill_switch",
      reason: `drawdown${dd} breached the floor; needs hlbot resume`,
      since: typeof kill.since === "number" ? kill.since : null,
      until: null,
    });
  }
  const day = v.dailyHaltDay;
  if (typeof day === "number" && day === utcDayStart(now)) {
    out.push({ name: "daily_loss_halt", reason: "daily loss limit hit", since: day, until: day + DAY_MS });
  }
  return out;
}
