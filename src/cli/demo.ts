/**
 * `hlbot demo [--speed N] [--from DATE] [--port P] [--db FILE] [--no-live]`: the daemon of `hlbot
 * trade` on a local Hyperliquid venue inside the binary, replaying the bundled sample of real data on
 * an accelerated clock, with a funded demo account on the live path. Everything is labelled DEMO;
 * nothing reaches Hyperliquid. `make run` starts it. See docs/demo.md.
 */
import { resolve } from "node:path";
import { defineCommand } from "citty";
import { UsageError } from "../core/errors.ts";
import { exitAfterGrace } from "../daemon/run-daemon.ts";
import { DEMO_DEFAULT_FROM, DEMO_DEFAULT_SPEED, runDemo } from "../demo/run-demo.ts";
import { checkReplayStart } from "../demo/sample.ts";
import { configureLogger, type LogFormat } from "../log.ts";
import { parseDate } from "./args.ts";
import { createContext, globalArgs, runAction } from "./context.ts";
import { parsePort } from "./serve.ts";

/** Fastest replay the demo accepts (10 000× = a week in a minute). */
const MAX_SPEED = 10_000;

export const demoCommand = defineCommand({
  meta: {
    name: "demo",
    description:
      "the whole daemon on a local Hyperliquid venue replaying bundled real data, fast (DEMO, no real money)",
  },
  args: {
    ...globalArgs,
    db: { type: "string", description: "the demo's ledger, a new file (default: a new temp folder)" },
    speed: { type: "string", description: `replay speed, × wall time (default ${DEMO_DEFAULT_SPEED})` },
    from: {
      type: "string",
      description: `replay start, UTC (default ${new Date(DEMO_DEFAULT_FROM).toISOString()})`,
    },
    port: { type: "string", description: "dashboard/API port (default api.port, 8931; 0 = any free port)" },
    live: {
      type: "boolean",
      default: true,
      description: "trade the live path on the local venue's demo account (--no-live: shadow only)",
    },
  },
  run: ({ args }) =>
    runAction(async () => {
      const speed = parseSpeed(args.speed);
      const from = checkReplayStart("from", parseDate("from", args.from) ?? DEMO_DEFAULT_FROM);
      const port = args.port === undefined ? undefined : parsePort(args.port);
      // The production ledger stays the configured one: the demo's --db is its own, never ledger.path.
      const ctx = createContext({ ...args, db: undefined });
      const format = (args["log-format"] as LogFormat | undefined) ?? ctx.config.log.format;
      configureLogger({ format, level: ctx.config.log.level, tag: "DEMO" });
      try {
        return await runDemo({
          base: ctx.config,
          from,
          speed,
          port: port ?? ctx.config.api.port,
          dbPath: args.db ? resolve(args.db) : undefined,
          live: args.live !== false,
          alertSecrets: ctx.secrets.alerts,
          print: (text) => process.stdout.write(`${text}\n`),
        });
      } finally {
        exitAfterGrace();
      }
    }),
});

function parseSpeed(text: string | undefined): number {
  if (text === undefined) return DEMO_DEFAULT_SPEED;
  const speed = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!(speed >= 1 && speed <= MAX_SPEED)) throw new UsageError(`--speed ${text}: expected 1..${MAX_SPEED}`);
  return speed;
}
