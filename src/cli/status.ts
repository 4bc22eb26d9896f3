/**
 * `hlbot status`: health, open positions and today's performance, read from the daemon's API
 * (api.host:api.port, or --url) or — when nothing listens there — from the ledger opened read-only.
 * Exit 0 when healthy, 3 when degraded (stale or no ticks, feed down, a halt), 1 when the API fails.
 */
import { defineCommand } from "citty";
import { ledgerApiApp } from "../api/standalone.ts";
import { collectStatus } from "../api/status/collect.ts";
import { renderStatus } from "../api/status/render.ts";
import { utcDayStart, wallClock } from "../core/clock.ts";
import { UsageError } from "../core/errors.ts";
import { createContext, globalArgs, runAction } from "./context.ts";

/** Exit code of `hlbot status` when the bot is not healthy (/health says degraded, e.g. no daemon ticking). */
export const EXIT_DEGRADED = 3;

/** Milliseconds `hlbot status` waits for each API answer. */
const DEFAULT_TIMEOUT_MS = 5_000;

export const statusCommand = defineCommand({
  meta: {
    name: "status",
    description: "show health, open positions and today's performance (exit 0 ok, 3 degraded)",
  },
  args: {
    ...globalArgs,
    url: { type: "string", description: "API base URL (default http://<api.host>:<api.port>)" },
    json: { type: "boolean", description: "print JSON" },
    "timeout-ms": { type: "string", description: `per-request timeout (default ${DEFAULT_TIMEOUT_MS})` },
  },
  run: ({ args }) =>
    runAction(async () => {
      const ctx = createContext(args);
      const { api } = ctx.config;
      const url = args.url ?? `http://${clientHost(api.host)}:${api.port}`;
      if (!/^https?:\/\/[^/]+/.test(url)) throw new UsageError(`--url ${url}: expected http://host:port`);
      const timeoutMs = args["timeout-ms"] === undefined ? DEFAULT_TIMEOUT_MS : Number(args["timeout-ms"]);
      if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
        throw new UsageError(`--timeout-ms ${args["timeout-ms"]}: expected a positive whole number`);
      }
      const report = await collectStatus({
        url,
        token: api.token,
        since: utcDayStart(wallClock.now()),
        timeoutMs,
        openLedgerApp: () => {
          const db = ctx.openDb({ readonly: true });
          return {
            app: ledgerApiApp(db, ctx.config),
            location: ctx.config.ledger.path,
            close: () => db.close(),
          };
        },
      });
      console.log(args.json ? JSON.stringify(report, null, 2) : renderStatus(report));
      // Like `systemctl is-active`: a script can test the exit code alone.
      return report.health.status === "ok" ? 0 : EXIT_DEGRADED;
    }),
});

/** Where a client reaches a server bound to `host` (a wildcard bind is reached on loopback). */
function clientHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::" || host === "[::]") return "[::1]";
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}
