/**
 * `hlbot serve`: the read-only API and dashboard without the trading daemon, over the ledger opened
 * READ-ONLY (safe beside a running `hlbot trade`, or on a copy of its ledger). Runs until SIGINT/SIGTERM.
 */
import { defineCommand } from "citty";
import { startApiServer } from "../api/server.ts";
import { ledgerApiApp } from "../api/standalone.ts";
import { UsageError } from "../core/errors.ts";
import { log } from "../log.ts";
import { openResearchLedger, researchLedgerPath } from "../runs/research-ledger.ts";
import { createContext, globalArgs, runAction } from "./context.ts";

export const serveCommand = defineCommand({
  meta: { name: "serve", description: "serve the read-only API and dashboard from the ledger (no trading)" },
  args: {
    ...globalArgs,
    host: { type: "string", description: "bind address (default api.host, 127.0.0.1)" },
    port: { type: "string", description: "port (default api.port, 8931; 0 = any free port)" },
    research: {
      type: "boolean",
      description: "serve the research ledger's backtest runs (market data read from the ledger)",
    },
    "allow-remote": {
      type: "boolean",
      description: "allow a non-loopback bind (also needs a token: HLBOT_API__TOKEN)",
    },
  },
  run: ({ args }) =>
    runAction(async () => {
      const ctx = createContext(args);
      const port = args.port === undefined ? undefined : parsePort(args.port);
      const research = args.research ? researchLedgerPath(ctx.config) : null;
      const db = research
        ? openResearchLedger(research, ctx.config.ledger.path, { readonly: true })
        : ctx.openDb({ readonly: true });
      try {
        const app = ledgerApiApp(db, ctx.config);
        const server = startApiServer(app, ctx.config.api, {
          host: args.host,
          port,
          allowRemote: args["allow-remote"] === true,
        });
        log.info(
          `API and dashboard on ${server.url}/ (ledger ${research ?? ctx.config.ledger.path}, read-only)`,
        );
        const signal = await untilSignal();
        log.info(`${signal}: stopping the API`);
        await server.stop();
      } finally {
        db.close();
      }
      return 0;
    }),
});

export function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65_535)) throw new UsageError(`--port ${text}: expected 0..65535`);
  return port;
}

export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
