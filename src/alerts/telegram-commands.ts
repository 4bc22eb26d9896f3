/**
 * Read-only Telegram commands: a getUpdates long-poll loop that answers /status, /positions, /daily
 * (and /help) for the allow-listed chat ids only; every other chat is ignored (logged once, with its
 * id, so the operator can allow it). Nothing here can trade. Failures back off and go on; the loop
 * never touches the tick.
 */

import type { ApiReader } from "../control/api-reader.ts";
import type { Clock } from "../core/clock.ts";
import { log } from "../log.ts";
import type { TelegramBot } from "./notifiers/telegram.ts";
import { type AbortableSleep, abortableSleep } from "./queue.ts";
import { commandReply, parseCommand } from "./telegram-replies.ts";

const tlog = () => log.withTag("telegram");

export interface TelegramUpdate {
  update_id: number;
  message?: { chat?: { id?: number | string }; text?: string };
}

export interface TelegramCommandsOptions {
  bot: TelegramBot;
  allowChatIds: string[];
  reader: ApiReader;
  clock: Clock;
  pollTimeoutSeconds: number;
  /** Pause after a failed poll, ms (doubles up to 60 s). */
  retryMs?: number;
  sleep?: AbortableSleep;
}

export class TelegramCommands {
  readonly #o: TelegramCommandsOptions;
  readonly #allow: Set<string>;
  readonly #ignored = new Set<string>();
  readonly #abort = new AbortController();
  #offset = 0;
  #loop: Promise<void> | null = null;
  answered = 0;

  constructor(o: TelegramCommandsOptions) {
    this.#o = o;
    this.#allow = new Set(o.allowChatIds);
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#loop;
  }

  /** One getUpdates round: answers what came; returns the number of updates seen. */
  async pollOnce(signal: AbortSignal = this.#abort.signal): Promise<number> {
    const timeout = this.#o.pollTimeoutSeconds;
    const updates = await this.#o.bot.call<TelegramUpdate[]>(
      "getUpdates",
      { offset: this.#offset, timeout, allowed_updates: ["message"] },
      signal,
      "telegram:getUpdates",
      (timeout + 10) * 1000,
    );
    for (const u of updates ?? []) {
      this.#offset = Math.max(this.#offset, u.update_id + 1);
      await this.#handle(u, signal);
    }
    return updates?.length ?? 0;
  }

  async #handle(u: TelegramUpdate, signal: AbortSignal): Promise<void> {
    const chat = u.message?.chat?.id;
    if (chat === undefined) return;
    const id = String(chat);
    const command = parseCommand(u.message?.text);
    if (!this.#allow.has(id)) {
      if (!this.#ignored.has(id)) {
        this.#ignored.add(id);
        tlog().info(`ignoring chat ${id}: not in alerts.telegram.command_chat_ids`);
      }
      return;
    }
    if (!command) return;
    let reply: string;
    try {
      reply = await commandReply(command, this.#o.reader, this.#o.clock.now());
    } catch (error) {
      tlog().warn(`${command} could not be answered`, error);
      reply = `${command}: the figures could not be read (${(error as Error).message})`;
    }
    try {
      await this.#o.bot.sendMessage(id, reply, signal, "telegram:reply", { parse_mode: "HTML" });
      this.answered++;
    } catch (error) {
      tlog().warn(`reply to ${command} failed: ${(error as Error).message}`);
    }
  }

  async #run(): Promise<void> {
    const sleep = this.#o.sleep ?? abortableSleep;
    const base = this.#o.retryMs ?? 2_000;
    let delay = base;
    while (!this.#abort.signal.aborted) {
      try {
        await this.pollOnce();
        delay = base;
      } catch (error) {
        if (this.#abort.signal.aborted) break;
        tlog().warn(
          `getUpdates failed: ${(error as Error).message}; retrying in ${Math.round(delay / 1000)} s`,
        );
        await sleep(delay, this.#abort.signal);
        delay = Math.min(delay * 2, 60_000);
      }
    }
  }
}
