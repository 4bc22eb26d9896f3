/**
 * Builds the notifiers and the heartbeat from the `alerts` config section and the alert secrets
 * (environment / .env only). A notifier that is enabled without its secret is a SecretError naming
 * the variable (exit 2), never a silent "no alerts".
 */

import type { Secrets } from "../config/secrets.ts";
import type { AlertsConfig } from "../config/sections/alerts.ts";
import { ALERT_SECRET_VARS } from "../config/sections/alerts.ts";
import type { Clock } from "../core/clock.ts";
import { SecretError } from "../core/errors.ts";
import type { Notifier } from "./alert.ts";
import { Alerter } from "./alerter.ts";
import { Heartbeat } from "./heartbeat.ts";
import type { FetchFn } from "./http.ts";
import { discordNotifier } from "./notifiers/discord.ts";
import { TelegramBot, telegramNotifier } from "./notifiers/telegram.ts";
import { webhookNotifier } from "./notifiers/webhook.ts";
import type { AbortableSleep } from "./queue.ts";

export interface AlertSetup {
  alerter: Alerter;
  heartbeat: Heartbeat | null;
  /** The Telegram bot, when Telegram is enabled (the read-only command poller uses it too). */
  telegram: TelegramBot | null;
}

export interface SetupOptions {
  clock: Clock;
  label: string;
  fetch?: FetchFn;
  sleep?: AbortableSleep;
}

/** How alerts name the bot: "DEMO", "mainnet LIVE", "testnet shadow" — real money is never ambiguous. */
export function alertLabel(o: { network: string; live: boolean; demo?: boolean }): string {
  if (o.demo) return "DEMO";
  return `${o.network} ${o.live ? "LIVE" : "shadow"}`;
}

function need(value: string | undefined, what: keyof typeof ALERT_SECRET_VARS, section: string): string {
  if (value) return value;
  throw new SecretError(
    `alerts.${section}.enabled is true but ${ALERT_SECRET_VARS[what]} is not set (environment or .env beside the config)`,
  );
}

function httpUrl(value: string, what: keyof typeof ALERT_SECRET_VARS): string {
  if (/^https?:\/\/[^/\s]+/.test(value)) return value;
  throw new SecretError(`${ALERT_SECRET_VARS[what]} is malformed: expected an http(s) URL`);
}

export function setupAlerts(config: AlertsConfig, secrets: Secrets, o: SetupOptions): AlertSetup {
  const s = secrets.alerts ?? {};
  const f = o.fetch ? { fetch: o.fetch } : {};
  const notifiers: Notifier[] = [];
  let telegram: TelegramBot | null = null;
  if (config.telegram.enabled) {
    const token = need(s.telegramToken, "telegramToken", "telegram");
    telegram = new TelegramBot({
      apiUrl: config.telegram.api_url,
      token,
      timeoutMs: config.timeout_ms,
      ...f,
    });
    for (const chat of config.telegram.chat_ids) notifiers.push(telegramNotifier(telegram, chat));
  }
  if (config.discord.enabled) {
    const url = httpUrl(need(s.discordWebhookUrl, "discordWebhookUrl", "discord"), "discordWebhookUrl");
    notifiers.push(discordNotifier({ webhookUrl: url, timeoutMs: config.timeout_ms, ...f }));
  }
  if (config.webhook.enabled) {
    const url = httpUrl(need(s.webhookUrl, "webhookUrl", "webhook"), "webhookUrl");
    notifiers.push(webhookNotifier({ url, token: s.webhookToken, timeoutMs: config.timeout_ms, ...f }));
  }
  const heartbeat = config.heartbeat.enabled
    ? new Heartbeat({
        url: httpUrl(need(s.heartbeatUrl, "heartbeatUrl", "heartbeat"), "heartbeatUrl"),
        intervalMs: config.heartbeat.interval_minutes * 60_000,
        timeoutMs: config.timeout_ms,
        ...f,
      })
    : null;
  const alerter = new Alerter({
    notifiers,
    config,
    clock: o.clock,
    label: o.label,
    ...(o.sleep ? { sleep: o.sleep } : {}),
  });
  return { alerter, heartbeat, telegram };
}
