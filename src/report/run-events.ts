/**
 * The events of a run: the engine's risk events (kill switch, its replay reset, daily halts, ruin)
 * as they happen, each charged with the live candidates it refused while it held, plus liquidations
 * (from the trades) and data gaps (from the coverage) at the end. Also counts every live candidate
 * by what became of it and refusals by reason — so "0 live trades" or "+6% after a kill switch in
 * October" always comes with its why.
 */
import { DAY_MS } from "../core/clock.ts";
import { type Interval, intervalMs } from "../core/intervals.ts";
import type { EngineEvent } from "../engine/engine-events.ts";
import type { RunEvent, RunTrade, SeriesCoverage } from "./run-summary.ts";

/** The refusal reason each event kind puts on the live candidates it blocks. */
const REASON_OF: Partial<Record<RunEvent["kind"], string>> = {
  kill_switch: "kill_switch",
  daily_halt: "daily_loss_halt",
  ruin: "ruin",
};

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const usd = (x: number) => x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const at = (t: number) => new Date(t).toISOString().replace("T", " ").slice(0, 16);

/**
 * One engine event as a run event, in the words a trader reads. `killSwitchRule` says how long a kill
 * switch holds: a backtest's replay rule ("replay rule halt"), or the daemon's ("until hlbot resume").
 */
export function runEventOf(e: EngineEvent, killSwitchRule: string): RunEvent {
  if (e.kind === "kill_switch") {
    const s = e.snapshot;
    return {
      t: e.t,
      kind: "kill_switch",
      mode: "live",
      coin: null,
      detail: `drawdown ${pct(s.drawdown)} reached the ${pct(e.floor)} floor (equity ${usd(s.equity)}, peak ${usd(s.peak)}): live positions flattened, no new entries (${killSwitchRule})`,
      value: s.drawdown * 100,
      rejectedCandidates: 0,
      endedAt: null,
    };
  }
  if (e.kind === "kill_switch_reset")
    return {
      t: e.t,
      kind: "kill_switch_reset",
      mode: "live",
      coin: null,
      detail: `kill switch of ${at(e.since)} lifted after ${((e.t - e.since) / DAY_MS).toFixed(1)} days (${killSwitchRule}); drawdown measured from equity ${usd(e.snapshot.equity)} on`,
      value: e.snapshot.equity,
      rejectedCandidates: 0,
      endedAt: null,
    };
  if (e.kind === "daily_halt") {
    const s = e.snapshot;
    const dayStart = s.equity - s.dayPnl;
    return {
      t: e.t,
      kind: "daily_halt",
      mode: "live",
      coin: null,
      detail: `the day's loss ${pct(-s.dayPnl / dayStart)} of its start equity reached the ${pct(e.limit)} limit: no new entries until 00:00 UTC`,
      value: (-s.dayPnl / dayStart) * 100,
      rejectedCandidates: 0,
      endedAt: Math.floor(e.t / DAY_MS) * DAY_MS + DAY_MS,
    };
  }
  return {
    t: e.t,
    kind: "ruin",
    mode: "live",
    coin: null,
    detail: `equity fell to ${usd(e.equity)} (≤ 0): the account is ruined, flattened, and its live path ends here`,
    value: e.equity,
    rejectedCandidates: 0,
    endedAt: null,
  };
}

export class RunEventLog {
  private readonly risk: RunEvent[] = [];
  /** reason → the event its refusals are charged to while it holds. */
  private readonly holding = new Map<string, RunEvent>();
  readonly rejections: Record<string, number> = {};
  readonly candidates = { seen: 0, opened: 0, refused: 0 };

  constructor(private readonly killSwitchRule: string) {}

  /** The engine's listener (bind-free: pass `log.onEngineEvent`). */
  readonly onEngineEvent = (e: EngineEvent): void => {
    const event = runEventOf(e, `replay rule ${this.killSwitchRule}`);
    if (e.kind === "kill_switch_reset") {
      const kill = this.holding.get("kill_switch");
      if (kill) kill.endedAt = e.t;
      this.holding.delete("kill_switch");
      this.risk.push(event);
    } else this.open(event);
  };

  private open(e: RunEvent): void {
    this.risk.push(e);
    const reason = REASON_OF[e.kind];
    if (reason) this.holding.set(reason, e);
  }

  /** One live candidate through the gate: opened, or refused for `reasons`. */
  onLiveDecision(verdict: "open" | "rejected" | "duplicate", reasons: readonly string[]): void {
    this.candidates.seen++;
    if (verdict === "open") {
      this.candidates.opened++;
      return;
    }
    this.candidates.refused++;
    for (const r of reasons) {
      this.rejections[r] = (this.rejections[r] ?? 0) + 1;
      const e = this.holding.get(r);
      if (e) e.rejectedCandidates++;
    }
  }

  /** Every event of the run in time order: risk events, liquidations of both paths, data gaps. */
  events(trades: readonly RunTrade[], coverage: readonly SeriesCoverage[]): RunEvent[] {
    const out: RunEvent[] = [...this.risk];
    for (const t of trades) {
      if (t.exitReason !== "liquidation") continue;
      out.push({
        t: t.closedAt,
        kind: "liquidation",
        mode: t.mode,
        coin: t.coin,
        detail: `${t.coin} ${t.side} (${t.strategy}) liquidated: entry ${t.entryPx.toPrecision(6)}, exit ${t.exitPx?.toPrecision(6) ?? "–"}, ${t.r === null ? "" : `${t.r.toFixed(2)} R`}`,
        value: t.r,
        rejectedCandidates: 0,
        endedAt: null,
      });
    }
    for (const c of coverage) {
      const step = intervalMs(c.interval as Interval);
      for (const g of c.gaps) {
        out.push({
          t: g.from,
          kind: "data_gap",
          mode: null,
          coin: c.coin,
          detail: `${c.coin} ${c.interval}: ${g.bars} bar${g.bars === 1 ? "" : "s"} missing (${at(g.from)} → ${at(g.to)} UTC)`,
          value: g.bars,
          rejectedCandidates: 0,
          endedAt: g.to + step,
        });
      }
    }
    const order: RunEvent["kind"][] = [
      "data_gap",
      "kill_switch_reset",
      "daily_halt",
      "kill_switch",
      "ruin",
      "liquidation",
    ];
    return out.sort((a, b) => a.t - b.t || order.indexOf(a.kind) - order.indexOf(b.kind));
  }
}
