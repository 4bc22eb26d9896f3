/**
 * Discord through a channel webhook: `POST {webhook}?wait=true` with `{username, embeds: [...]}`.
 * A 429 answers `{message, retry_after, global}` (seconds, maybe fractional) and a Retry-After
 * header: the next attempt waits that long. The webhook URL holds its token, so it never leaves here.
 */
import type { Alert, Notifier } from "../alert.ts";
import { fieldText, SEVERITY_MARK, suppressedNote } from "../format.ts";
import { bodyExcerpt, type FetchFn, notifierRequest, retryAfterHeader, statusError } from "../http.ts";

export interface DiscordOptions {
  webhookUrl: string;
  timeoutMs: number;
  fetch?: FetchFn;
}

const COLOR = { info: 0x3b82f6, warning: 0xf59e0b, critical: 0xdc2626 } as const;

/** Discord's limits: 256-character titles, 4096 descriptions, 25 fields of 1024. */
export function discordBody(a: Alert): Record<string, unknown> {
  const description = [a.text, suppressedNote(a)].filter(Boolean).join("\n");
  return {
    username: "hlbot",
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: `${SEVERITY_MARK[a.severity]} ${a.title}`.slice(0, 256),
        ...(description ? { description: description.slice(0, 4096) } : {}),
        color: COLOR[a.severity],
        fields: Object.entries(a.fields)
          .slice(0, 25)
          .map(([name, v]) => ({
            name: name.slice(0, 256),
            value: fieldText(v).slice(0, 1024),
            inline: true,
          })),
        footer: { text: `hlbot ${a.label} · ${a.severity} · ${a.kind}` },
        timestamp: new Date(a.t).toISOString(),
      },
    ],
  };
}

export function discordNotifier(o: DiscordOptions): Notifier {
  const name = "discord";
  const url = `${o.webhookUrl}${o.webhookUrl.includes("?") ? "&" : "?"}wait=true`;
  return {
    name,
    async send(a, signal) {
      const res = await notifierRequest(url, {
        notifier: name,
        body: discordBody(a),
        timeoutMs: o.timeoutMs,
        signal,
        ...(o.fetch ? { fetch: o.fetch } : {}),
      });
      if (res.ok) return;
      const text = await bodyExcerpt(res, 2000);
      let retryAfter = retryAfterHeader(res);
      let detail = text.slice(0, 200);
      try {
        const j = JSON.parse(text) as { message?: string; retry_after?: number };
        if (typeof j.retry_after === "number") retryAfter = Math.ceil(j.retry_after * 1000);
        if (typeof j.message === "string") detail = j.message.slice(0, 200);
      } catch {
        // not JSON: keep the excerpt
      }
      throw statusError(name, res, detail, retryAfter);
    },
  };
}
