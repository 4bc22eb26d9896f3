/**
 * `hlbot alerts test`: sends one test message to every enabled notifier (and one heartbeat ping)
 * and prints each result. Exit 0 when all arrived, 1 when any failed, 2 when none is enabled or a
 * secret is missing.
 */
import { defineCommand } from "citty";
import { alertLabel, setupAlerts } from "../alerts/setup.ts";
import { wallClock } from "../core/clock.ts";
import { UsageError } from "../core/errors.ts";
import { createContext, globalArgs, runAction } from "./context.ts";

const test = defineCommand({
  meta: { name: "test", description: "send a test message to each configured notifier; report each result" },
  args: { ...globalArgs, json: { type: "boolean", description: "print the results as JSON" } },
  run: ({ args }) =>
    runAction(async () => {
      const ctx = createContext(args);
      const { alerts } = ctx.config;
      const label = alertLabel({ network: ctx.config.hyperliquid.network, live: false });
      const setup = setupAlerts(alerts, ctx.secrets, { clock: wallClock, label: `${label} (test)` });
      if (setup.alerter.notifierNames.length === 0 && !setup.heartbeat) {
        throw new UsageError(
          "no notifier is enabled: set alerts.telegram / discord / webhook / heartbeat .enabled (see docs/operations.md)",
        );
      }
      const results = await setup.alerter.test(alerts.timeout_ms);
      if (setup.heartbeat) {
        setup.heartbeat.beat(wallClock.now());
        await setup.heartbeat.settled();
        const ok = setup.heartbeat.stats.ok === 1;
        results.push({
          notifier: "heartbeat",
          ok,
          ...(ok ? {} : { error: "heartbeat: ping failed (see the log line above)" }),
        });
        setup.heartbeat.close();
      }
      await setup.alerter.close(0);
      if (args.json) console.log(JSON.stringify(results, null, 2));
      else
        for (const r of results)
          console.log(`${r.ok ? "ok    " : "FAILED"}  ${r.notifier}${r.error ? `  ${r.error}` : ""}`);
      return results.every((r) => r.ok) ? 0 : 1;
    }),
});

export const alertsCommand = defineCommand({
  meta: { name: "alerts", description: "alert notifiers (Telegram, Discord, webhook, heartbeat)" },
  subCommands: { test },
});
