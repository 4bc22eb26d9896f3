/**
 * Telegram through the Bot API: `POST {api}/bot{token}/sendMessage` with `{chat_id, text}` as JSON,
 * one notifier per chat. The answer is `{ok, result}` or `{ok: false, error_code, description,
 * parameters: {retry_after}}`; a 429's retry_after (seconds) sets the next attempt. The token is
 * part of the URL, so the URL never leaves this file.
 */
import type { Alert, Notifier } from "../alert.ts";
import { alertText } from "../format.ts";
import { type FetchFn, notifierRequest, statusError } from "../http.ts";

export interface TelegramOptions {
  apiUrl: string;
  token: string;
  timeoutMs: number;
  fetch?: FetchFn;
}

interface BotAnswer {
  ok?: boolean;
  description?: string;
  parameters?: { retry_after?: number };
}

/** Telegram caps a message at 4096 characters. */
const MAX_TEXT = 4096;

export class TelegramBot {
  constructor(private readonly o: TelegramOptions) {}

  /** Calls a Bot API method; returns its `result`, or throws NotifyError (never naming the token). */
  async call<T>(method: string, body: unknown, signal: AbortSignal, name = "telegram", timeoutMs?: number) {
    const url = `${this.o.apiUrl.replace(/\/+$/, "")}/bot${this.o.token}/${method}`;
    const res = await notifierRequest(url, {
      notifier: name,
      body,
      timeoutMs: timeoutMs ?? this.o.timeoutMs,
      signal,
      ...(this.o.fetch ? { fetch: this.o.fetch } : {}),
    });
    let answer: BotAnswer & { result?: T } = {};
    try {
      answer = (await res.json()) as BotAnswer & { result?: T };
    } catch {
      // a non-JSON answer is judged by its status alone
    }
    if (res.ok && answer.ok === true) return answer.result as T;
    const retryAfter = answer.parameters?.retry_after;
    throw statusError(
      name,
      res.ok ? new Response(null, { status: 502 }) : res,
      (answer.description ?? "not ok").slice(0, 200),
      typeof retryAfter === "number" ? retryAfter * 1000 : null,
    );
  }

  sendMessage(
    chatId: string,
    text: string,
    signal: AbortSignal,
    name = "telegram",
    extra: { parse_mode?: "HTML" } = {},
  ): Promise<unknown> {
    const body = { chat_id: chatId, text: text.slice(0, MAX_TEXT), disable_web_page_preview: true, ...extra };
    return this.call("sendMessage", body, signal, name);
  }
}

export function telegramNotifier(bot: TelegramBot, chatId: string): Notifier {
  const name = `telegram:${chatId}`;
  return {
    name,
    send: async (a: Alert, signal) => void (await bot.sendMessage(chatId, alertText(a), signal, name)),
  };
}
