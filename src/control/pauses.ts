/**
 * Pauses of new entries (`hlbot ctl pause`), per trading path, kept in bot_state as halt records
 * (`halt.paused_shadow`, `halt.paused_live` = `{active, reason, since}`) — so they survive a restart
 * and /health, /metrics, the dashboard and `hlbot status` show them like any halt, with no new code.
 * The daemon asks `paused(path)` before opening a position on that path.
 */
import type { Database } from "bun:sqlite";
import { BotStateRepo } from "../ledger/repos/bot-state.ts";
import { TRADING_PATHS, type TradingPath } from "./target.ts";

export const PAUSE_KEY_PREFIX = "halt.paused_";

export class PauseStore {
  readonly #repo: BotStateRepo;
  readonly #paused: Record<TradingPath, boolean> = { shadow: false, live: false };

  constructor(db: Database) {
    this.#repo = new BotStateRepo(db);
    this.reload();
  }

  /** Reads the pauses from the ledger again (after a rolled-back transaction that changed them). */
  reload(): void {
    for (const path of TRADING_PATHS) {
      let v: { active?: boolean } | undefined;
      try {
        v = this.#repo.get<{ active?: boolean }>(`${PAUSE_KEY_PREFIX}${path}`);
      } catch {
        v = { active: true }; // an unreadable pause record pauses: never trade on a record we cannot read
      }
      this.#paused[path] = v?.active === true;
    }
  }

  paused(path: TradingPath): boolean {
    return this.#paused[path];
  }

  state(): Record<TradingPath, boolean> {
    return { ...this.#paused };
  }

  /** Pauses new entries on `paths`; returns the ones that were not paused before. */
  pause(paths: TradingPath[], now: number): TradingPath[] {
    const added = paths.filter((p) => !this.#paused[p]);
    for (const path of added) {
      const reason = `hlbot ctl pause: no new ${path} entries until hlbot ctl resume`;
      this.#repo.set(`${PAUSE_KEY_PREFIX}${path}`, { active: true, reason, since: now }, now);
      this.#paused[path] = true;
    }
    return added;
  }

  /** Lifts every pause; returns the paths that were paused. */
  resume(): TradingPath[] {
    const lifted = TRADING_PATHS.filter((p) => this.#paused[p]);
    for (const path of lifted) {
      this.#repo.delete(`${PAUSE_KEY_PREFIX}${path}`);
      this.#paused[path] = false;
    }
    return lifted;
  }
}
