// `hlbot alerts test` against the fake servers (a result per notifier, exit 1 when one failed, 2
// when none is enabled), `config check` never printing an alert secret, and the promotion alerts.
import { afterAll, describe, expect, test } from "bun:test";
import { promotionEvents } from "../../src/alerts/promotion.ts";
import type { PromoteResult } from "../../src/mining/promote.ts";
import { runHlbot, writeConfig } from "../cli/support/daemon-process.ts";
import { DISCORD_PATH, deadUrl, startFakeNotifiers, TOKEN } from "./support/fake-notifiers.ts";

const fake = startFakeNotifiers();
afterAll(() => fake.stop());

describe("hlbot alerts test", () => {
  test("one line per notifier; exit 0 when all arrived", async () => {
    const config = writeConfig({
      alerts: { telegram: { enabled: true, chat_ids: [42], api_url: fake.url }, discord: { enabled: true } },
    });
    const dir = config.slice(0, config.lastIndexOf("/"));
    const out = await runHlbot(["alerts", "test", "--config", config], dir, {
      TELEGRAM_BOT_TOKEN: TOKEN,
      DISCORD_WEBHOOK_URL: `${fake.url}${DISCORD_PATH}`,
    });
    expect(out.code).toBe(0);
    expect(out.out).toContain("ok      telegram:42");
    expect(out.out).toContain("ok      discord");
    const msg = fake.requests.telegram.splice(0)[0]!.body as { chat_id: string; text: string };
    expect(msg.chat_id).toBe("42");
    expect(msg.text).toContain("test alert: this notifier works");
    expect(fake.requests.discord.splice(0)).toHaveLength(1);
  }, 60_000);

  test("a notifier that is down: FAILED line, exit 1; the secret never printed", async () => {
    const config = writeConfig({ alerts: { webhook: { enabled: true }, heartbeat: { enabled: true } } });
    const dir = config.slice(0, config.lastIndexOf("/"));
    const out = await runHlbot(["alerts", "test", "--config", config, "--json"], dir, {
      ALERTS_WEBHOOK_URL: `${deadUrl()}/hook?key=s3cr3t`,
      HEARTBEAT_URL: `${fake.url}/ping/uuid-1`,
    });
    expect(out.code).toBe(1);
    const results = JSON.parse(out.out) as { notifier: string; ok: boolean }[];
    expect(results.map((r) => [r.notifier, r.ok])).toEqual([
      ["webhook", false],
      ["heartbeat", true],
    ]);
    expect(out.out + out.err).not.toContain("s3cr3t");
    expect(fake.requests.ping.splice(0)).toHaveLength(1);
  }, 60_000);

  test("nothing enabled is exit 2; an enabled notifier without its secret is exit 2 naming the variable", async () => {
    const none = writeConfig({ alerts: { min_severity: "info" } });
    const r1 = await runHlbot(["alerts", "test", "--config", none], none.slice(0, none.lastIndexOf("/")));
    expect(r1.code).toBe(2);
    expect(r1.err).toContain("no notifier is enabled");
    const missing = writeConfig({ alerts: { discord: { enabled: true } } });
    const r2 = await runHlbot(
      ["alerts", "test", "--config", missing],
      missing.slice(0, missing.lastIndexOf("/")),
    );
    expect(r2.code).toBe(2);
    expect(r2.err).toContain("DISCORD_WEBHOOK_URL is not set");
  }, 60_000);

  test("config check shows alert secrets as <redacted>, never their value", async () => {
    const config = writeConfig({ alerts: { telegram: { enabled: true, chat_ids: [1] } } });
    const out = await runHlbot(
      ["config", "check", "--config", config, "--json"],
      config.slice(0, config.lastIndexOf("/")),
      {
        TELEGRAM_BOT_TOKEN: TOKEN,
      },
    );
    expect(out.code).toBe(0);
    expect(out.out).not.toContain(TOKEN);
    expect(JSON.parse(out.out).secrets).toMatchObject({
      TELEGRAM_BOT_TOKEN: "<redacted>",
      DISCORD_WEBHOOK_URL: "<not set>",
    });
  }, 60_000);
});

describe("promotion alerts", () => {
  test("one per changed bucket: up is promoted, down is demoted; holds and dry runs say nothing", () => {
    const result: PromoteResult = {
      status: "applied",
      promoteRunId: "p1",
      miningRunId: 3,
      file: null,
      wrote: true,
      decisions: [
        { key: "breakout|long|eu|trend_up|high", prev: "SHADOW", next: "PROBATION", reasons: [] },
        { key: "meanrev|short|us|range|low", prev: "LIVE", next: "SHADOW", reasons: ["cusum_alarm"] },
        { key: "momentum|long|asia|trend_up|mid", prev: "LIVE", next: "LIVE", reasons: ["hold"] },
      ],
    };
    expect(promotionEvents(result).map((e) => [e.kind, e.title, e.text])).toEqual([
      ["bucket_promoted", "breakout|long|eu|trend_up|high: SHADOW → PROBATION", "gate passed"],
      ["bucket_demoted", "meanrev|short|us|range|low: LIVE → SHADOW", "cusum_alarm"],
    ]);
    expect(promotionEvents({ ...result, status: "no_changes" })).toEqual([]);
  });
});
