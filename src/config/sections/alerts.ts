/**
 * Alerts: the notifiers (Telegram, Discord, a generic JSON webhook — any number at once), the
 * heartbeat to a dead-man URL, per-event throttles and the delivery queue. The tokens and URLs that
 * carry a secret are read ONLY from the environment or the .env beside the config (the variable
 * names below); the YAML holds switches and ids, never a secret.
 */
import * as z from "zod";
import { ALERT_KINDS, isAlertKind } from "../../alerts/kinds.ts";

export const SEVERITIES = ["info", "warning", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Environment variables holding the alert secrets (never `HLBOT_…`: those are config overrides). */
export const ALERT_SECRET_VARS = {
  telegramToken: "TELEGRAM_BOT_TOKEN",
  discordWebhookUrl: "DISCORD_WEBHOOK_URL",
  webhookUrl: "ALERTS_WEBHOOK_URL",
  webhookToken: "ALERTS_WEBHOOK_TOKEN",
  heartbeatUrl: "HEARTBEAT_URL",
} as const;

export type AlertSecrets = Partial<Record<keyof typeof ALERT_SECRET_VARS, string>>;

export function readAlertSecrets(env: Record<string, string | undefined>): AlertSecrets {
  const out: AlertSecrets = {};
  for (const [key, name] of Object.entries(ALERT_SECRET_VARS) as [keyof AlertSecrets, string][]) {
    const value = env[name]?.trim();
    if (value) out[key] = value;
  }
  return out;
}

/** A Telegram chat id: a number (negative for groups) given as a YAML number or string. */
const ChatId = z
  .union([z.number().int(), z.string().regex(/^-?\d+$/, "expected a numeric chat id")])
  .transform((v) => String(v));

const TelegramSection = z.strictObject({
  /** Send alerts through the Bot API (token: env TELEGRAM_BOT_TOKEN). */
  enabled: z.boolean().default(false),
  /** Chats the alerts go to. */
  chat_ids: z.array(ChatId).default([]),
  /** Chats allowed to ask /status, /positions, /daily (read-only; getUpdates long-poll); empty = off. */
  command_chat_ids: z.array(ChatId).default([]),
  /** Bot API base URL (a local Bot API server, or a test's fake). */
  api_url: z.url().default("https://api.telegram.org"),
  /** Seconds one getUpdates long-poll waits for a message. */
  poll_timeout_seconds: z.number().int().min(1).max(50).default(25),
});

const Switch = z.strictObject({ enabled: z.boolean().default(false) });

export const AlertsSection = z
  .strictObject({
    /** Lowest severity that reaches the notifiers: info | warning | critical. */
    min_severity: z.enum(SEVERITIES).default("info"),
    telegram: TelegramSection.prefault({}),
    /** Discord webhook (URL: env DISCORD_WEBHOOK_URL); 429s are retried after `retry_after`. */
    discord: Switch.prefault({}),
    /** JSON POST of every alert (URL: env ALERTS_WEBHOOK_URL, optional bearer ALERTS_WEBHOOK_TOKEN). */
    webhook: Switch.prefault({}),
    heartbeat: z
      .strictObject({
        /** GET the dead-man URL (env HEARTBEAT_URL, e.g. a healthchecks.io check) while the daemon ticks. */
        enabled: z.boolean().default(false),
        interval_minutes: z.number().min(0.1).max(1440).default(5),
      })
      .prefault({}),
    /** Per-event throttle overrides, seconds (e.g. `feed_down: 600`); see docs/operations.md. */
    throttle_seconds: z.record(z.string(), z.number().min(0)).default({}),
    /** Alerts waiting per notifier; beyond it the oldest non-critical one is dropped (counted). */
    queue_size: z.number().int().min(1).max(10_000).default(200),
    /** Attempts per alert before it is dropped (counted). */
    max_attempts: z.number().int().min(1).max(20).default(6),
    /** First retry delay, ms (doubles per attempt up to `retry_max_ms`; a 429's retry_after wins). */
    retry_initial_ms: z.number().int().min(1).default(2_000),
    retry_max_ms: z.number().int().min(1).default(120_000),
    /** Timeout of one HTTP request to a notifier, ms. */
    timeout_ms: z.number().int().min(100).max(120_000).default(10_000),
    /** The feed must be down this long before `feed_down` is sent, seconds. */
    feed_down_after_seconds: z.number().int().min(0).default(90),
    /** Send yesterday's summary at the first tick after this UTC hour; null = no daily summary. */
    daily_summary_hour_utc: z.number().int().min(0).max(23).nullable().default(0),
  })
  .superRefine((a, ctx) => {
    if (a.telegram.enabled && a.telegram.chat_ids.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["telegram", "chat_ids"],
        message: "telegram is enabled: list at least one chat id",
      });
    }
    for (const name of Object.keys(a.throttle_seconds)) {
      if (!isAlertKind(name)) {
        ctx.addIssue({
          code: "custom",
          path: ["throttle_seconds", name],
          message: `unknown event; one of ${Object.keys(ALERT_KINDS).join(", ")}`,
        });
      }
    }
    if (a.retry_max_ms < a.retry_initial_ms) {
      ctx.addIssue({ code: "custom", path: ["retry_max_ms"], message: "must be ≥ retry_initial_ms" });
    }
  });

export type AlertsConfig = z.output<typeof AlertsSection>;
