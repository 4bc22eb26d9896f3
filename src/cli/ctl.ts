/**
 * `hlbot ctl status | pause [--path shadow|live|both] | resume | flatten [COIN] | close POSITION_ID`:
 * talks to the running `hlbot trade` over its control socket beside the ledger (see
 * src/control/). Exit 0 done, 1 the daemon refused or failed it, 2 usage or an unsafe socket,
 * 69 no daemon answers.
 */
import { createInterface } from "node:readline/promises";
import { defineCommand } from "citty";
import { humanAge } from "../api/routes/health.ts";
import { controlClient } from "../control/client.ts";
import { controlSocketPath } from "../control/socket-file.ts";
import type { ActionResult, ControlStatus, TradingPath } from "../control/target.ts";
import { UsageError } from "../core/errors.ts";
import { createContext, globalArgs, runAction } from "./context.ts";

const common = {
  ...globalArgs,
  json: { type: "boolean", description: "print the daemon's answer as JSON" },
} as const;

/**
 * Confirmation of flatten / close: `--yes`, or "yes" typed on a terminal. Without a terminal and
 * without `--yes` it is a usage error (exit 2), so a script never flattens by accident.
 */
async function confirmOrThrow(question: string, yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY)
    throw new UsageError(`${question}: pass --yes to confirm (no terminal to ask on)`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question}? type yes to confirm: `);
    return answer.trim().toLowerCase() === "yes";
  } finally {
    rl.close();
  }
}

function client(args: { config?: string; db?: string; "log-format"?: string }) {
  const ctx = createContext(args);
  return controlClient(controlSocketPath(ctx.config.ledger.path));
}

function print(result: ActionResult, json: boolean | undefined): number {
  console.log(json ? JSON.stringify(result, null, 2) : result.message);
  return 0;
}

export function renderControlStatus(s: ControlStatus, now: number): string {
  const paused = (["shadow", "live"] as const).filter((p) => s.paused[p]);
  const age =
    s.last_tick_at === null
      ? "no tick yet"
      : `last tick ${humanAge(Math.max(0, now - s.last_tick_at) / 1000)} ago`;
  return [
    `daemon: ${s.live ? "shadow + LIVE" : "shadow only"}, ${age}`,
    `new entries: ${paused.length ? `PAUSED on ${paused.join(" + ")}` : "allowed"}`,
    `halts: ${s.halts.length ? s.halts.join(", ") : "none"}`,
    `open positions: shadow ${s.open_positions.shadow}, live ${s.open_positions.live}`,
    ...(s.flattening.length ? [`flattening: ${s.flattening.join(", ")} (reduce-only IOCs each tick)`] : []),
  ].join("\n");
}

const status = defineCommand({
  meta: { name: "status", description: "pauses, halts, open positions and flattens of the running daemon" },
  args: common,
  run: ({ args }) =>
    runAction(async () => {
      const s = await client(args).status();
      console.log(args.json ? JSON.stringify(s, null, 2) : renderControlStatus(s, s.now ?? Date.now()));
      return 0;
    }),
});

const pause = defineCommand({
  meta: { name: "pause", description: "stop new entries (open positions are still managed)" },
  args: {
    ...common,
    path: { type: "enum", options: ["shadow", "live", "both"], description: "which path (default both)" },
  },
  run: ({ args }) =>
    runAction(async () => {
      const path = args.path ?? "both";
      const paths: TradingPath[] = path === "both" ? ["shadow", "live"] : [path as TradingPath];
      return print(await client(args).pause(paths), args.json);
    }),
});

const resume = defineCommand({
  meta: { name: "resume", description: "lift `hlbot ctl pause` (the kill switch needs `hlbot resume`)" },
  args: common,
  run: ({ args }) => runAction(async () => print(await client(args).resume(), args.json)),
});

const flatten = defineCommand({
  meta: {
    name: "flatten",
    description: "close every live position (or COIN's) with reduce-only IOCs until flat",
  },
  args: {
    ...common,
    coin: { type: "positional", required: false, description: "only this coin" },
    yes: { type: "boolean", description: "do not ask for confirmation" },
  },
  run: ({ args }) =>
    runAction(async () => {
      const coin = args.coin ? String(args.coin) : undefined;
      const c = client(args);
      if (
        !(await confirmOrThrow(
          `flatten ${coin ? `the live ${coin} position` : "EVERY live position"}`,
          args.yes === true,
        ))
      ) {
        console.log("not confirmed: nothing sent");
        return 1;
      }
      return print(await c.flatten(coin), args.json);
    }),
});

const close = defineCommand({
  meta: {
    name: "close",
    description: "close one position by its id: live by reduce-only IOCs until flat, shadow at the mid",
  },
  args: {
    ...common,
    position: { type: "positional", required: true, description: "position id (hlbot status shows it)" },
    yes: { type: "boolean", description: "do not ask for confirmation" },
  },
  run: ({ args }) =>
    runAction(async () => {
      const id = Number(args.position);
      if (!Number.isInteger(id) || id <= 0)
        throw new UsageError(`POSITION_ID ${args.position}: expected a positive whole number`);
      const c = client(args);
      if (!(await confirmOrThrow(`close position ${id}`, args.yes === true))) {
        console.log("not confirmed: nothing sent");
        return 1;
      }
      return print(await c.close(id), args.json);
    }),
});

export const ctlCommand = defineCommand({
  meta: {
    name: "ctl",
    description: "control the running daemon over its local socket (pause, resume, flatten, close)",
  },
  subCommands: { status, pause, resume, flatten, close },
});
