/**
 * What one refresh of `hlbot tui` reads: /health, /positions, the latest /decisions and today's
 * /equity through an ApiReader (the daemon's API, or the ledger in-process), the control status when
 * the socket is usable, and the log tail. A failing part leaves the rest on screen with the error.
 */
import type { ApiReader } from "../control/api-reader.ts";
import type { ControlClient } from "../control/client.ts";
import type { ControlStatus } from "../control/target.ts";
import { type LogLine, tailLog } from "./log-tail.ts";

export interface HealthJson {
  status: string;
  reasons: string[];
  source: string;
  version: string;
  last_tick_age_seconds: number | null;
  uptime_seconds: number;
  feed: { state: string; age_seconds: number | null };
  halts: { name: string; reason: string | null }[];
  venue: { network: string; demo: boolean; live: boolean } | null;
}

export interface PositionJson {
  id: number;
  mode: string;
  coin: string;
  side: string;
  strategy: string;
  entry_px: number;
  size: number;
  stop_px: number;
  mark: { px: number } | null;
  unrealized_pnl: number | null;
  r_multiple: number | null;
}

export interface DecisionJson {
  id: number;
  created_at: number;
  mode: string;
  strategy: string;
  coin: string;
  side: string;
  score: number;
  verdict: string;
  reasons: string[] | null;
  trade: { position_id: number; status: string; r_multiple: number | null } | null;
}

export interface TuiData {
  source: ApiReader["source"];
  health: HealthJson | null;
  positions: PositionJson[];
  decisions: DecisionJson[];
  /** Equity per mode over the last day, oldest first. */
  equity: Record<string, number[]>;
  log: LogLine[] | null;
  control: ControlStatus | null;
  errors: string[];
}

export interface TuiSources {
  reader: ApiReader;
  control: ControlClient | null;
  logPath: string;
  decisions: number;
  logLines: number;
}

export async function loadTuiData(s: TuiSources): Promise<TuiData> {
  const errors: string[] = [];
  const part = async <T>(what: string, fn: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      errors.push(`${what}: ${(error as Error).message}`);
      return fallback;
    }
  };
  const [health, positions, decisions, equity, control] = await Promise.all([
    part("health", () => s.reader.get<HealthJson>("/health"), null),
    part(
      "positions",
      async () => (await s.reader.get<{ positions: PositionJson[] }>("/positions")).positions,
      [],
    ),
    part(
      "decisions",
      async () =>
        (await s.reader.get<{ decisions: DecisionJson[] }>(`/decisions?limit=${s.decisions}`)).decisions,
      [],
    ),
    part(
      "equity",
      async () => {
        const e = await s.reader.get<{ curves: Record<string, { equity: number }[]> }>(
          "/equity?days=1&points=120",
        );
        return Object.fromEntries(Object.entries(e.curves).map(([m, pts]) => [m, pts.map((p) => p.equity)]));
      },
      {},
    ),
    s.control ? part("control", () => s.control!.status(), null) : Promise.resolve(null),
  ]);
  return {
    source: s.reader.source,
    health,
    positions,
    decisions,
    equity,
    log: tailLog(s.logPath, s.logLines),
    control,
    errors,
  };
}
