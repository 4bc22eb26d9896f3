/**
 * What the API's /health and /metrics learn from the running daemon: version, uptime, the last tick,
 * the websocket feed's state, the halts in force (as the ledger records them, the same reading
 * `hlbot serve` makes) and the runtime counters — ticks, errors, Hyperliquid 429s.
 */
import type { Database } from "bun:sqlite";
import { StatusQueries } from "../api/queries/status.ts";
import type { FeedState, HealthSource, MetricsSource } from "../api/types.ts";
import type { Clock } from "../core/clock.ts";
import { COMMIT, VERSION } from "../core/version.ts";
import type { HyperliquidClient } from "../hyperliquid/client.ts";
import type { FeedState as WsState } from "../hyperliquid/ws-client.ts";
import type { DaemonStats } from "./daemon.ts";

const FEED: Record<WsState, FeedState> = { open: "live", stale: "stale", connecting: "down", closed: "down" };

export interface DaemonHealthDeps {
  db: Database;
  clock: Clock;
  client: HyperliquidClient;
  stats: () => DaemonStats;
  /** `hlbot demo` runs the daemon on a local venue; /health and the dashboard say so. */
  demo?: boolean;
  /** Whether the live path was asked for (`--live`); /health says whether it is running. */
  live: boolean;
}

export function daemonHealth(d: DaemonHealthDeps): HealthSource & MetricsSource {
  const status = new StatusQueries(d.db);
  return {
    snapshot: () => {
      const s = d.stats();
      const ws = d.client.ws.stats();
      return {
        source: "daemon",
        version: VERSION,
        commit: COMMIT,
        startedAt: s.startedAt,
        lastTickAt: s.lastTickAt,
        feed: {
          state: FEED[ws.state],
          lastMessageAt: ws.lastDataAt > 0 ? ws.lastDataAt : null,
          decodeErrors: ws.decodeErrors,
          failingChannels: ws.failingChannels,
        },
        halts: status.halts(d.clock.now()),
        venue: {
          network: d.client.network,
          demo: d.demo === true,
          url: d.client.endpoints.http,
          // Running, not merely asked for: a live path still retrying its start says false.
          live: d.live && (s.live === null || s.live.state === "ready"),
        },
      };
    },
    counters: () => {
      const s = d.stats();
      return {
        errorsTotal: s.errorsTotal,
        rateLimitedTotal: d.client.stats().limiter.rateLimited429,
        ticksTotal: s.ticks,
      };
    },
  };
}
