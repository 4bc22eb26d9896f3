// Delivery to the three notifiers against local fakes with the real request shapes, retries that
// honour 429 retry_after, throttling, min severity, and a notifier that is down while events keep
// coming: emit never blocks or throws, the queue stays bounded, drops are counted.
import { afterAll, describe, expect, test } from "bun:test";
import type { Alert } from "../../src/alerts/alert.ts";
import type { AbortableSleep } from "../../src/alerts/queue.ts";
import { setupAlerts } from "../../src/alerts/setup.ts";
import { AlertsSection } from "../../src/config/sections/alerts.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { SecretError } from "../../src/core/errors.ts";
import { DISCORD_PATH, deadUrl, startFakeNotifiers, TOKEN } from "./support/fake-notifiers.ts";

const fake = startFakeNotifiers();
afterAll(() => fake.stop());

/** A sleep that records what it was asked and returns at once (no real waiting in unit tests). */
function recordingSleep() {
  const asked: number[] = [];
  return { asked, sleep: async (ms: number) => void asked.push(ms) };
}

function build(
  raw: Record<string, unknown>,
  env: Record<string, string>,
  sleep: AbortableSleep = recordingSleep().sleep,
) {
  const config = AlertsSection.parse(raw);
  const clock = new ManualClock(Date.UTC(2025, 5, 1, 12));
  const secrets = {
    alerts: {
      ...(env.telegram ? { telegramToken: env.telegram } : {}),
      ...(env.discord ? { discordWebhookUrl: env.discord } : {}),
      ...(env.webhook ? { webhookUrl: env.webhook } : {}),
      ...(env.webhookToken ? { webhookToken: env.webhookToken } : {}),
      ...(env.heartbeat ? { heartbeatUrl: env.heartbeat } : {}),
    },
  };
  return { ...setupAlerts(config, secrets, { clock, label: "testnet LIVE", sleep }), clock };
}

describe("notifiers against fake servers", () => {
  test("Telegram: sendMessage per chat with {chat_id, text}; a 429's retry_after sets the retry", async () => {
    const rec = recordingSleep();
    const { alerter } = build(
      { telegram: { enabled: true, chat_ids: [111, "-222"], api_url: fake.url } },
      { telegram: TOKEN },
      rec.sleep,
    );
    expect(alerter.notifierNames).toEqual(["telegram:111", "telegram:-222"]);
    fake.script("telegram", [{ status: 429, retryAfter: 3 }]);
    alerter.emit({
      kind: "order_unknown",
      title: "entry order on BTC: outcome unknown",
      fields: { cloid: "0xab" },
    });
    await alerter.close(5_000);
    const sent = fake.requests.telegram.splice(0);
    expect(sent).toHaveLength(3);
    for (const r of sent) expect(r.path).toBe(`/bot${TOKEN}/sendMessage`);
    const bodies = sent.map((r) => r.body as { chat_id: string; text: string });
    expect(new Set(bodies.map((b) => b.chat_id))).toEqual(new Set(["111", "-222"]));
    expect(bodies[0]!.text).toContain("WARNING · hlbot testnet LIVE");
    expect(bodies[0]!.text).toContain("entry order on BTC: outcome unknown");
    expect(bodies[0]!.text).toContain("cloid: 0xab");
    expect(rec.asked, "the retry waited Telegram's retry_after (3 s), not the backoff").toEqual([3_000]);
    const s = alerter.stats().notifiers;
    expect(s["telegram:111"]!.sent + s["telegram:-222"]!.sent).toBe(2);
    expect(s["telegram:111"]!.failed + s["telegram:-222"]!.failed).toBe(1);
  });

  test("Telegram: 400 chat not found is final (no retry, counted as gave_up)", async () => {
    const rec = recordingSleep();
    const { alerter } = build(
      { telegram: { enabled: true, chat_ids: [333], api_url: fake.url } },
      { telegram: TOKEN },
      rec.sleep,
    );
    fake.script("telegram", [400]);
    alerter.emit({ kind: "test", title: "x" });
    await alerter.close(5_000);
    fake.requests.telegram.splice(0);
    expect(rec.asked).toEqual([]);
    expect(alerter.stats().notifiers["telegram:333"]!.dropped.gave_up).toBe(1);
  });

  test("Discord: webhook embed JSON; 429 with retry_after (fractional seconds) is honoured", async () => {
    const rec = recordingSleep();
    const { alerter } = build(
      { discord: { enabled: true } },
      { discord: `${fake.url}${DISCORD_PATH}` },
      rec.sleep,
    );
    fake.script("discord", [{ status: 429, retryAfter: 0.25 }]);
    alerter.emit({
      kind: "unprotected_position",
      key: "ETH",
      title: "live ETH position 7 has no exchange stop",
    });
    await alerter.close(5_000);
    const sent = fake.requests.discord.splice(0);
    expect(sent).toHaveLength(2);
    expect(sent[0]!.path).toBe(`${DISCORD_PATH}?wait=true`);
    const body = sent[1]!.body as {
      username: string;
      embeds: { title: string; color: number; footer: { text: string } }[];
    };
    expect(body.username).toBe("hlbot");
    expect(body.embeds[0]!.title).toContain("live ETH position 7 has no exchange stop");
    expect(body.embeds[0]!.color).toBe(0xdc2626);
    expect(body.embeds[0]!.footer.text).toContain("critical");
    expect(rec.asked).toEqual([250]);
    expect(alerter.stats().notifiers.discord!.sent).toBe(1);
  });

  test("webhook: the alert as JSON with the bearer token; a 500 is retried with backoff", async () => {
    const rec = recordingSleep();
    const { alerter } = build(
      { webhook: { enabled: true }, retry_initial_ms: 1_000 },
      { webhook: `${fake.url}/hook`, webhookToken: "hook-secret" },
      rec.sleep,
    );
    fake.script("webhook", [500, 503]);
    alerter.emit({
      kind: "reconcile_adopted",
      key: "SOL",
      title: "unknown SOL position adopted",
      fields: { stop: 140.5 },
    });
    await alerter.close(5_000);
    const sent = fake.requests.webhook.splice(0);
    expect(sent).toHaveLength(3);
    expect(sent[2]!.auth).toBe("Bearer hook-secret");
    expect(sent[2]!.body).toMatchObject({
      source: "hlbot",
      kind: "reconcile_adopted",
      severity: "warning",
      key: "SOL",
      fields: { stop: 140.5 },
      label: "testnet LIVE",
      time: "2025-06-01T12:00:00.000Z",
    });
    expect(rec.asked, "exponential backoff from retry_initial_ms").toEqual([1_000, 2_000]);
  });
});

describe("throttle and severity", () => {
  test("same kind and key inside the throttle is held back and counted; the next one says so", async () => {
    const { alerter, clock } = build({ webhook: { enabled: true } }, { webhook: `${fake.url}/hook` });
    for (let i = 0; i < 5; i++) alerter.emit({ kind: "order_rejected", key: "BTC", title: `rejected ${i}` });
    alerter.emit({ kind: "order_rejected", key: "ETH", title: "rejected eth" });
    clock.advance(61_000);
    alerter.emit({ kind: "order_rejected", key: "BTC", title: "rejected later" });
    await alerter.close(5_000);
    const bodies = fake.requests.webhook.splice(0).map((r) => r.body as Alert);
    expect(bodies.map((b) => b.title)).toEqual(["rejected 0", "rejected eth", "rejected later"]);
    expect(bodies[2]!.suppressed).toBe(4);
    expect(alerter.stats().throttled).toBe(4);
  });

  test("a config override changes the throttle; min_severity filters", async () => {
    const { alerter } = build(
      { webhook: { enabled: true }, throttle_seconds: { order_rejected: 0 }, min_severity: "warning" },
      { webhook: `${fake.url}/hook` },
    );
    alerter.emit({ kind: "order_rejected", key: "BTC", title: "a" });
    alerter.emit({ kind: "order_rejected", key: "BTC", title: "b" });
    alerter.emit({ kind: "daemon_start", title: "info is below warning" });
    await alerter.close(5_000);
    expect(fake.requests.webhook.splice(0).map((r) => (r.body as Alert).title)).toEqual(["a", "b"]);
    expect(alerter.stats().belowSeverity).toBe(1);
  });
});

describe("a notifier that is down", () => {
  test("events keep coming: emit returns at once, the queue stays bounded, drops are counted, the others deliver", async () => {
    // The dead notifier's backoff never ends by itself: it is stuck retrying for the whole test.
    const stuck = (_ms: number, signal: AbortSignal) =>
      new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve()));
    const { alerter } = build(
      {
        webhook: { enabled: true },
        discord: { enabled: true },
        queue_size: 20,
        throttle_seconds: { order_rejected: 0 },
      },
      { webhook: `${deadUrl()}/hook`, discord: `${fake.url}${DISCORD_PATH}` },
      stuck,
    );
    // 200 "ticks", each emitting critical and warning alerts synchronously.
    for (let tick = 0; tick < 200; tick++) {
      alerter.emit({ kind: "order_rejected", key: "BTC", title: `tick ${tick}` });
      if (tick % 50 === 0)
        alerter.emit({ kind: "unprotected_position", key: `C${tick}`, title: `critical ${tick}` });
      await Promise.resolve();
    }
    const mid = alerter.stats().notifiers;
    expect(mid.webhook!.sent).toBe(0);
    expect(mid.webhook!.queued).toBeLessThanOrEqual(20);
    expect(mid.webhook!.dropped.queue_full).toBeGreaterThan(150);
    for (let i = 0; i < 500 && alerter.stats().notifiers.discord!.queued > 0; i++) await Bun.sleep(10);
    const discord = alerter.stats().notifiers.discord!;
    await alerter.close(0);
    const delivered = fake.requests.discord.splice(0);
    expect(discord.sent).toBe(delivered.length);
    expect(discord.sent + discord.dropped.queue_full + discord.queued).toBe(204);
    const titles = delivered.map((r) => (r.body as { embeds: { title: string }[] }).embeds[0]!.title);
    expect(
      titles.some((t) => t.includes("critical 150")),
      "criticals survive a full queue",
    ).toBe(true);
  });
});

describe("alerts test and secrets", () => {
  test("test() reports each notifier; a failure names the notifier, never the token or URL", async () => {
    const { alerter } = build(
      { telegram: { enabled: true, chat_ids: [1], api_url: fake.url }, webhook: { enabled: true } },
      { telegram: "999:wrong-token-XYZ", webhook: `${deadUrl()}/hook?secret=abc` },
    );
    const results = await alerter.test(2_000);
    expect(results.map((r) => [r.notifier, r.ok])).toEqual([
      ["telegram:1", false],
      ["webhook", false],
    ]);
    const text = JSON.stringify(results);
    expect(text).toContain("HTTP 401");
    expect(text).not.toContain("wrong-token");
    expect(text).not.toContain("secret=abc");
    await alerter.close(0);
  });

  test("an enabled notifier without its secret is a SecretError naming the variable", () => {
    expect(() => build({ discord: { enabled: true } }, {})).toThrow(SecretError);
    expect(() => build({ discord: { enabled: true } }, {})).toThrow(/DISCORD_WEBHOOK_URL/);
    expect(() => build({ heartbeat: { enabled: true } }, { heartbeat: "not a url" })).toThrow(
      /HEARTBEAT_URL is malformed/,
    );
  });

  test("config: unknown throttle event and telegram without chats are errors naming the key", () => {
    const r = AlertsSection.safeParse({ throttle_seconds: { feed_dwn: 5 }, telegram: { enabled: true } });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toContain("throttle_seconds.feed_dwn");
    expect(paths).toContain("telegram.chat_ids");
  });
});
