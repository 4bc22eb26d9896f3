/**
 * `hlbot trade [--live] [--once] [--force] [--allow-remote]`: the daemon. Shadow by default (every
 * candidate recorded, trades simulated under the configured friction model); `--live` adds the
 * Hyperliquid execution path and needs HL_PRIVATE_KEY / HL_ACCOUNT_ADDRESS. Serves the read-only API
 * when `api.enabled`. SIGTERM/SIGINT stop it cleanly (exit 0). One daemon per ledger (an flock on the
 * ledger and a lock file beside it; a second start exits 75). The limiter's weight window is kept in the
 * ledger, so a restart at once stays inside Hyperliquid's per-minute budget. The process itself is
 * src/daemon/run-daemon.ts, shared with `hlbot demo`.
 */
import { defineCommand } from "citty";
import { requireLiveSecrets } from "../config/secrets.ts";
import { exitAfterGrace, runDaemon } from "../daemon/run-daemon.ts";
import { createContext, globalArgs, runAction } from "./context.ts";

export const tradeCommand = defineCommand({
  meta: {
    name: "trade",
    description: "run the trading daemon: shadow by default, --live to also trade the promoted buckets",
  },
  args: {
    ...globalArgs,
    live: { type: "boolean", description: "add the live path (needs HL_PRIVATE_KEY and HL_ACCOUNT_ADDRESS)" },
    once: { type: "boolean", description: "run exactly one tick after the warm-up, then exit" },
    force: { type: "boolean", description: "start despite the consecutive-losing-weeks halt" },
    "allow-remote": {
      type: "boolean",
      description: "allow the API to bind beyond loopback (also needs a token: HLBOT_API__TOKEN)",
    },
  },
  run: ({ args }) =>
    runAction(async () => {
      const ctx = createContext(args);
      const secrets = args.live ? requireLiveSecrets(ctx.secrets) : undefined;
      try {
        return await runDaemon({
          config: ctx.config,
          openDb: () => ctx.openDb(),
          secrets,
          alertSecrets: ctx.secrets.alerts,
          once: args.once === true,
          force: args.force === true,
          allowRemote: args["allow-remote"] === true,
          name: "hlbot trade",
        });
      } finally {
        exitAfterGrace();
      }
    }),
});
