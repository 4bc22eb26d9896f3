/**
 * Alerts from a short-lived command (`hlbot promote` from cron): build the notifiers up front — so a
 * missing secret fails the command before it changes anything — then deliver a batch of events and
 * wait for them, bounded, before the process exits. Delivery failures are logged, never fatal.
 */
import type { Config } from "../config/schema.ts";
import type { Secrets } from "../config/secrets.ts";
import { type Clock, wallClock } from "../core/clock.ts";
import { log } from "../log.ts";
import type { AlertEvent } from "./alert.ts";
import { setupAlerts } from "./setup.ts";

export type SendAlerts = (events: AlertEvent[]) => Promise<void>;

/** The sender for `job` (e.g. "promote"), or null when no notifier is enabled. */
export function oneShotAlerts(
  config: Config,
  secrets: Secrets,
  job: string,
  clock: Clock = wallClock,
): SendAlerts | null {
  const { alerter } = setupAlerts(config.alerts, secrets, {
    clock,
    label: `${config.hyperliquid.network} ${job}`,
  });
  if (alerter.notifierNames.length === 0) return null;
  return async (events) => {
    for (const e of events) alerter.emit(e);
    // Each alert may need its retries; the job still ends in bounded time.
    const delivered = await alerter.close(config.alerts.timeout_ms * 3);
    if (!delivered) log.withTag("alerts").warn(`${job}: some alerts were not delivered before the job ended`);
  };
}
