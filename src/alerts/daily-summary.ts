/**
 * The daily summary: at the first tick after `hour` UTC, yesterday's (UTC) closed trades and equity
 * per mode, from the same query as the API's /performance. The day last summarized is kept in
 * bot_state (`alerts.daily_summary_day`), so a restart never sends a day twice.
 */
import type { Database } from "bun:sqlite";
import { PerformanceQueries } from "../api/queries/performance.ts";
import { DAY_MS, HOUR_MS, utcDayStart } from "../core/clock.ts";
import { BotStateRepo } from "../ledger/repos/bot-state.ts";
import type { AlertEvent, AlertSink } from "./alert.ts";

export const SUMMARY_STATE_KEY = "alerts.daily_summary_day";

export class DailySummary {
  readonly #perf: PerformanceQueries;
  readonly #state: BotStateRepo;

  constructor(
    db: Database,
    private readonly sink: AlertSink,
    private readonly hour: number,
  ) {
    this.#perf = new PerformanceQueries(db);
    this.#state = new BotStateRepo(db);
  }

  /** Sends yesterday's summary once, at the first call at or after `hour` UTC today. */
  tick(now: number): void {
    const today = utcDayStart(now);
    if (now < today + this.hour * HOUR_MS) return;
    const day = today - DAY_MS;
    const last = this.#state.get<number>(SUMMARY_STATE_KEY);
    if (last !== undefined && last >= day) return;
    this.#state.set(SUMMARY_STATE_KEY, day, now);
    this.sink.emit(this.event(day));
  }

  event(day: number): AlertEvent {
    const s = this.#perf.summary({ runId: 0, from: day, to: day + DAY_MS });
    const lines: string[] = [];
    for (const [mode, m] of Object.entries(s.by_mode)) {
      const ret = m.return === null ? "-" : `${(m.return * 100).toFixed(2)}%`;
      const dd = m.max_drawdown === null ? "-" : `${(m.max_drawdown * 100).toFixed(2)}%`;
      const win = m.win_rate === null ? "-" : `${(m.win_rate * 100).toFixed(0)}%`;
      const avgR = m.avg_r === null ? "-" : m.avg_r.toFixed(2);
      const equity = m.end_equity === null ? "-" : m.end_equity.toFixed(2);
      lines.push(
        `${mode}: ${m.trades} trades, win ${win}, net ${m.net_pnl.toFixed(2)} USDC, avg R ${avgR}, return ${ret}, max DD ${dd}, equity ${equity}`,
      );
    }
    const date = new Date(day).toISOString().slice(0, 10);
    return {
      kind: "daily_summary",
      title: `daily summary ${date} (UTC): ${s.total.trades} closed trades, net ${s.total.net_pnl.toFixed(2)} USDC`,
      text: lines.length
        ? `${lines.join("\n")}\n(shadow figures are simulated under the friction model)`
        : "no activity",
    };
  }
}
