/**
 * Local fake Telegram Bot API, Discord webhook, JSON webhook and dead-man heartbeat on 127.0.0.1,
 * answering with the real services' shapes: Telegram `{ok, result}` / `{ok:false, error_code,
 * description, parameters:{retry_after}}`, Discord 204/200 or 429 `{message, retry_after, global}`
 * with Retry-After. Each route answers from a script of statuses (then 200) and records requests.
 */
export const TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuv";
export const DISCORD_PATH = "/api/webhooks/1111/discord-secret-token";

export interface Recorded {
  path: string;
  method: string;
  auth: string | null;
  body: unknown;
}

type Route = "telegram" | "discord" | "webhook" | "ping";

export interface FakeNotifiers {
  url: string;
  requests: Record<Route, Recorded[]>;
  /** Next answers of a route: a status, or 429 with a retry_after in seconds. */
  script(route: Route, answers: (number | { status: 429; retryAfter: number })[]): void;
  /** Telegram updates handed out by getUpdates (offset honoured). */
  updates: unknown[];
  stop(): void;
}

export function startFakeNotifiers(): FakeNotifiers {
  const requests: Record<Route, Recorded[]> = { telegram: [], discord: [], webhook: [], ping: [] };
  const scripts: Record<Route, (number | { status: 429; retryAfter: number })[]> = {
    telegram: [],
    discord: [],
    webhook: [],
    ping: [],
  };
  const updates: { update_id: number }[] = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      const text = req.method === "POST" ? await req.text() : "";
      const body = text ? JSON.parse(text) : null;
      const route: Route | null = url.pathname.startsWith(`/bot${TOKEN}/`)
        ? "telegram"
        : url.pathname === DISCORD_PATH
          ? "discord"
          : url.pathname === "/hook"
            ? "webhook"
            : url.pathname.startsWith("/ping/")
              ? "ping"
              : null;
      if (route === null) {
        if (url.pathname.startsWith("/bot")) {
          return Response.json({ ok: false, error_code: 401, description: "Unauthorized" }, { status: 401 });
        }
        return new Response("not found", { status: 404 });
      }
      const method = url.pathname.split("/").at(-1) ?? "";
      if (route === "telegram" && method === "getUpdates") {
        const offset = (body as { offset?: number } | null)?.offset ?? 0;
        return Response.json({ ok: true, result: updates.filter((u) => u.update_id >= offset) });
      }
      requests[route].push({
        path: url.pathname + url.search,
        method: req.method,
        auth: req.headers.get("authorization"),
        body,
      });
      const next = scripts[route].shift() ?? 200;
      const status = typeof next === "number" ? next : next.status;
      const retryAfter = typeof next === "number" ? 1 : next.retryAfter;
      if (route === "telegram") {
        if (status === 200)
          return Response.json({ ok: true, result: { message_id: requests.telegram.length } });
        return Response.json(
          {
            ok: false,
            error_code: status,
            description:
              status === 429 ? `Too Many Requests: retry after ${retryAfter}` : "Bad Request: chat not found",
            ...(status === 429 ? { parameters: { retry_after: retryAfter } } : {}),
          },
          { status },
        );
      }
      if (route === "discord") {
        if (status === 200) return new Response(JSON.stringify({ id: "1" }), { status: 200 });
        if (status === 429) {
          return Response.json(
            { message: "You are being rate limited.", retry_after: retryAfter, global: false },
            { status, headers: { "Retry-After": String(Math.ceil(retryAfter)) } },
          );
        }
        return Response.json({ message: "Unknown Webhook", code: 10015 }, { status });
      }
      if (status === 429)
        return new Response("slow down", { status, headers: { "Retry-After": String(retryAfter) } });
      return new Response(status === 200 ? "OK" : "error", { status });
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    requests,
    updates,
    script: (route, answers) => scripts[route].push(...answers),
    stop: () => server.stop(true),
  };
}

/** A TCP port with nothing listening (a notifier that is down). */
export function deadUrl(): string {
  const s = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("") });
  const port = s.port;
  s.stop(true);
  return `http://127.0.0.1:${port}`;
}
