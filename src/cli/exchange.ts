/**
 * `hlbot exchange [--port 8930] [--from DATE] [--speed N] [--replay-dates] [--account-usdc N] [--data DIR]`:
 * the local Hyperliquid venue on its own (src/local-venue/, the one the demo and the tests use), for
 * dry runs of hlbot's live path against something that signs, matches and answers like Hyperliquid.
 * At the default speed it replays the day of --from AS TODAY (every time shifted by whole days, the
 * venue on the wall clock), so `hlbot trade` pointed at it sees fresh bars and trades; with another
 * --speed (or --replay-dates) it replays the data at its own dates on an accelerated clock. Runs
 * until SIGINT/SIGTERM (exit 0). See docs/local-venue.md.
 */
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { defineCommand } from "citty";
import { DAY_MS, utcDayStart, wallClock } from "../core/clock.ts";
import { UsageError } from "../core/errors.ts";
import { DEMO_DEFAULT_FROM } from "../demo/run-demo.ts";
import {
  checkReplayStart,
  embeddedSample,
  SAMPLE_COINS,
  SAMPLE_END,
  SAMPLE_REPLAY_FROM,
} from "../demo/sample.ts";
import { AcceleratedClock } from "../local-venue/accelerated-clock.ts";
import { type DataSource, directorySource } from "../local-venue/data-source.ts";
import { DEFAULT_REPLAY_TIME, startLocalVenue } from "../local-venue/server.ts";
import { parseDate } from "./args.ts";
import { runAction } from "./context.ts";
import { parsePort, untilSignal } from "./serve.ts";

const DEFAULT_PORT = 8930;

export const exchangeCommand = defineCommand({
  meta: {
    name: "exchange",
    description:
      "run the local Hyperliquid venue on its own (replayed real data) for dry runs of the live path",
  },
  args: {
    port: { type: "string", description: `port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 = any free port)` },
    from: {
      type: "string",
      description: `replay start, UTC (default ${new Date(DEMO_DEFAULT_FROM).toISOString()}; with --data ${DEFAULT_REPLAY_TIME})`,
    },
    speed: {
      type: "string",
      description:
        "1 (default): the day of --from replayed as today on the wall clock; N: its own dates at N×; 0: held",
    },
    "replay-dates": {
      type: "boolean",
      description: "serve the data at its own dates (clock from --from), also at --speed 1",
    },
    "account-usdc": {
      type: "string",
      description: "register a funded account and print its (venue-only) key",
    },
    data: {
      type: "string",
      description:
        "directory of COIN-15m/1h/4h.csv[.gz] and COIN-funding-1h.csv[.gz] files (default: the bundled sample)",
    },
  },
  run: ({ args }) =>
    runAction(async () => {
      const port = args.port === undefined ? DEFAULT_PORT : parsePort(args.port);
      const speed = parseNumber("speed", args.speed, 1, { min: 0, max: 10_000 });
      const usdc =
        args["account-usdc"] === undefined
          ? null
          : parseNumber("account-usdc", args["account-usdc"], 0, { min: 1, max: 1e12 });
      const today = speed === 1 && args["replay-dates"] !== true;
      const { data, label, from } = dataSource(args.data, parseDate("from", args.from), today);
      // Today: data shifted by whole days so --from's day plays now; else the data's own dates.
      const now = wallClock.now();
      const shift = today ? utcDayStart(now) - utcDayStart(from) : 0;
      const clock = today ? wallClock : speed > 0 ? new AcceleratedClock(from, speed) : null;
      const venue = startLocalVenue({
        data,
        port,
        time: today ? now : from,
        timeShiftMs: shift,
        // A bot run by hand signs nonces with its wall clock, whatever the replay time.
        nonceClock: "wall",
        ...(clock ? { clock } : {}),
      });
      const replay = today
        ? `${iso(now - shift)} replayed as today (every time +${shift / DAY_MS} days), on the wall clock`
        : `from ${iso(from)} at its own dates, ${clock ? `${speed}× wall time` : "held (moves only via POST /admin/clock)"}`;
      const account = usdc === null ? null : venue.createAccount({ usdc });
      const lines = [
        "",
        "hlbot exchange — a local Hyperliquid venue on 127.0.0.1 (not Hyperliquid: no real money, no real orders)",
        `  data      ${label}`,
        `  replay    ${replay}`,
        `  api       POST ${venue.url}/info   POST ${venue.url}/exchange   ${venue.wsUrl}`,
        `  admin     ${venue.url}/admin/stats, /admin/time, /admin/clock, /admin/faults, /admin/accounts, /admin/agents`,
        ...(account
          ? [
              `  account   ${account.address} with ${usdc} USDC`,
              `            HL_ACCOUNT_ADDRESS=${account.address}`,
              `            HL_PRIVATE_KEY=${account.privateKey}   (made by this venue from its seed: never fund it anywhere)`,
            ]
          : []),
        "  point hlbot at it:",
        `    HLBOT_HYPERLIQUID__NETWORK=custom HLBOT_HYPERLIQUID__HTTP_URL=${venue.url} \\`,
        `    HLBOT_HYPERLIQUID__WS_URL=${venue.wsUrl} hlbot trade${account ? " --live" : ""}`,
        ...(today
          ? [
              "  (live orders need promoted buckets in live.candidates_path: `hlbot promote` writes them; `hlbot demo`",
              "   writes a demo set promoting every bucket, demo_live_candidates.json in its folder)",
            ]
          : [
              "  (the daemon ticks on the wall clock while this venue replays past dates, so it sees their bars as",
              "   old and opens no trade; use the default --speed 1 for a dry run of `hlbot trade`)",
            ]),
        "  stop      Ctrl-C",
        "",
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
      await untilSignal();
      await venue.stop();
      return 0;
    }),
});

/** The data and the replay start; `today` starts at the current time of day of --from's day. */
function dataSource(
  dir: string | undefined,
  fromFlag: number | null,
  today: boolean,
): { data: DataSource; label: string; from: number } {
  const startOf = (day: number) =>
    today ? utcDayStart(day) + (wallClock.now() - utcDayStart(wallClock.now())) : day;
  if (dir === undefined) {
    return {
      data: embeddedSample(),
      label: `bundled sample: ${SAMPLE_COINS.length} perps, real Hyperliquid data, replayable ${iso(SAMPLE_REPLAY_FROM)} .. ${iso(SAMPLE_END)}`,
      from: checkReplayStart("from", startOf(fromFlag ?? DEMO_DEFAULT_FROM)),
    };
  }
  const path = resolve(dir);
  if (!existsSync(path) || !statSync(path).isDirectory())
    throw new UsageError(`--data ${dir}: not a directory`);
  const data = directorySource(path);
  if (!SAMPLE_COINS.some((c) => data.file(`${c}-15m`) || data.file(`${c}-1h`) || data.file(`${c}-4h`)))
    throw new UsageError(`--data ${dir}: no COIN-15m/1h/4h.csv[.gz] file of a known perp in it`);
  return { data, label: `directory ${path}`, from: startOf(fromFlag ?? Date.parse(DEFAULT_REPLAY_TIME)) };
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

function parseNumber(
  flag: string,
  text: string | undefined,
  fallback: number,
  range: { min: number; max: number },
): number {
  if (text === undefined) return fallback;
  const n = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= range.min && n <= range.max))
    throw new UsageError(`--${flag} ${text}: expected a number in ${range.min}..${range.max}`);
  return n;
}
