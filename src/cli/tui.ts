/**
 * `hlbot tui [--url URL] [--refresh-seconds N] [--read-only]`: the terminal dashboard (src/tui/).
 * Reads the daemon's API at api.host:api.port (like `hlbot status`), or the ledger read-only when
 * nothing listens there; pause / resume / flatten go through the control socket beside the ledger,
 * and without a usable socket it is read-only. Needs a terminal (exit 2 otherwise).
 */
import type { Database } from "bun:sqlite";
import { defineCommand } from "citty";
import { render } from "ink";
import { createElement } from "react";
import { ledgerApiApp } from "../api/standalone.ts";
import { type ApiReader, apiListening, appReader, httpReader } from "../control/api-reader.ts";
import { controlClient } from "../control/client.ts";
import { checkPathLength, controlSocketPath, socketProblem } from "../control/socket-file.ts";
import { UsageError } from "../core/errors.ts";
import { configureLogger } from "../log.ts";
import { logFilePath } from "../log-file.ts";
import { App } from "../tui/app.tsx";
import { loadTuiData } from "../tui/data.ts";
import { createContext, globalArgs, runAction } from "./context.ts";

const API_TIMEOUT_MS = 5_000;

export const tuiCommand = defineCommand({
  meta: {
    name: "tui",
    description: "terminal dashboard: health, positions, decisions, equity, log; pause/resume/flatten keys",
  },
  args: {
    ...globalArgs,
    url: { type: "string", description: "API base URL (default http://<api.host>:<api.port>)" },
    "refresh-seconds": { type: "string", description: "seconds between refreshes (default 2)" },
    "read-only": { type: "boolean", description: "never offer pause/resume/flatten" },
  },
  run: ({ args }) =>
    runAction(async () => {
      const ctx = createContext(args);
      if (!process.stdin.isTTY || !process.stdout.isTTY) {
        throw new UsageError(
          "hlbot tui needs a terminal (an SSH session, tmux, …); use `hlbot status` in scripts",
        );
      }
      const refresh = args["refresh-seconds"] === undefined ? 2 : Number(args["refresh-seconds"]);
      if (!Number.isFinite(refresh) || refresh < 0.5 || refresh > 3600) {
        throw new UsageError(
          `--refresh-seconds ${args["refresh-seconds"]}: expected a number from 0.5 to 3600`,
        );
      }
      const { api, ledger } = ctx.config;
      const host =
        api.host === "0.0.0.0"
          ? "127.0.0.1"
          : api.host.includes(":") && !api.host.startsWith("[")
            ? `[${api.host}]`
            : api.host;
      const url = args.url ?? `http://${host}:${api.port}`;
      if (!/^https?:\/\/[^/]+/.test(url)) throw new UsageError(`--url ${url}: expected http://host:port`);

      let db: Database | null = null;
      let reader: ApiReader;
      if (await apiListening(url, API_TIMEOUT_MS)) reader = httpReader(url, api.token, API_TIMEOUT_MS);
      else {
        db = ctx.openDb({ readonly: true });
        reader = appReader(ledgerApiApp(db, ctx.config), ledger.path);
      }
      const socket = controlSocketPath(ledger.path);
      checkPathLength(socket);
      const problem = args["read-only"] ? "--read-only" : (socketProblem(socket)?.problem ?? null);
      const control = problem ? null : controlClient(socket);
      const logPath = logFilePath(ledger.path);

      // The screen belongs to the dashboard: log lines are held and printed after it closes.
      const held: string[] = [];
      configureLogger({ format: "json", level: "warn", write: (line) => held.push(line) });
      const app = render(
        createElement(App, {
          load: () => loadTuiData({ reader, control, logPath, decisions: 10, logLines: 8 }),
          actions: control,
          readOnlyReason: problem,
          refreshMs: refresh * 1000,
          logPath,
        }),
        // A terminal is interactive whatever the environment says: ink's own detection treats any
        // CI=… variable as "write only the last frame at exit", which leaves a blank screen.
        { interactive: Boolean(process.stdout.isTTY) },
      );
      try {
        await app.waitUntilExit();
      } finally {
        db?.close();
        for (const line of held) process.stderr.write(`${line}\n`);
      }
      return 0;
    }),
});
