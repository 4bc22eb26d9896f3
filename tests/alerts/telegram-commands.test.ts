// Read-only Telegram commands against the fake Bot API: getUpdates with an advancing offset, answers
// for allow-listed chats only, rendered from the API's own JSON over a real-data ledger.
import { afterAll, describe, expect, test } from "bun:test";
import { TelegramBot } from "../../src/alerts/notifiers/telegram.ts";
import { TelegramCommands } from "../../src/alerts/telegram-commands.ts";
import { parseCommand } from "../../src/alerts/telegram-replies.ts";
import { appReader } from "../../src/control/api-reader.ts";
import { fixtureApp } from "../api/support/fixture-app.ts";
import { startFakeNotifiers, TOKEN } from "./support/fake-notifiers.ts";

const fake = startFakeNotifiers();
const fx = fixtureApp({ coins: ["BTC", "ETH"], bars: 24 * 4 });
afterAll(() => {
  fake.stop();
  fx.fixture.db.close();
});

describe("telegram commands", () => {
  test("parses commands with a bot suffix; anything else is not a command", () => {
    expect(parseCommand("/status@hlbot_bot")).toBe("/status");
    expect(parseCommand(" /Positions now")).toBe("/positions");
    expect(parseCommand("/start")).toBe("/help");
    expect(parseCommand("/flatten")).toBeNull();
    expect(parseCommand(undefined)).toBeNull();
  });

  test("answers allow-listed chats from the API's figures; ignores the rest; the offset advances", async () => {
    const bot = new TelegramBot({ apiUrl: fake.url, token: TOKEN, timeoutMs: 5_000 });
    const commands = new TelegramCommands({
      bot,
      allowChatIds: ["500"],
      reader: appReader(fx.app, fx.fixture.path),
      clock: fx.clock,
      pollTimeoutSeconds: 1,
    });
    fake.updates.push(
      { update_id: 10, message: { chat: { id: 500 }, text: "/positions" } },
      { update_id: 11, message: { chat: { id: 666 }, text: "/status" } },
      { update_id: 12, message: { chat: { id: 500 }, text: "/status" } },
      { update_id: 13, message: { chat: { id: 500 }, text: "/daily" } },
      { update_id: 14, message: { chat: { id: 500 }, text: "hello" } },
    );
    expect(await commands.pollOnce()).toBe(5);
    expect(await commands.pollOnce(), "updates are confirmed by the next offset").toBe(0);
    const sent = fake.requests.telegram
      .splice(0)
      .map((r) => r.body as { chat_id: string; text: string; parse_mode: string });
    expect(sent.map((m) => m.chat_id)).toEqual(["500", "500", "500"]);
    expect(sent.every((m) => m.parse_mode === "HTML" && m.text.startsWith("<pre>"))).toBe(true);
    const positions = (await fx.json("/positions")).positions as { coin: string; id: number }[];
    expect(positions.length, "the fixture holds an open position").toBeGreaterThan(0);
    expect(sent[0]!.text).toContain(`${positions.length} open (shadow = simulated)`);
    expect(sent[0]!.text).toContain(positions[0]!.coin);
    expect(sent[1]!.text).toContain("Open positions");
    expect(sent[1]!.text).toContain("read from the ledger");
    expect(sent[2]!.text).toContain("today since");
    expect(commands.answered).toBe(3);
  });
});
