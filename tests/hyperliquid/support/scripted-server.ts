/**
 * A tiny local HTTP server (127.0.0.1, port 0) for transport tests: each request to a path takes
 * the next scripted reply for that path (the last one repeats) and is recorded with its JSON body.
 */
export type Reply =
  | { status?: number; json?: unknown; text?: string; headers?: Record<string, string>; delayMs?: number }
  | ((body: unknown) => Reply);

export interface ScriptedServer {
  url: string;
  requests: { path: string; body: unknown }[];
  script(path: string, ...replies: Reply[]): void;
  stop(): void;
}

export function scriptedServer(): ScriptedServer {
  const scripts = new Map<string, Reply[]>();
  const requests: { path: string; body: unknown }[] = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const path = new URL(req.url).pathname;
      const text = await req.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {}
      requests.push({ path, body });
      const queue = scripts.get(path) ?? [];
      let reply = (queue.length > 1 ? queue.shift() : queue[0]) ?? { status: 404, text: "no script" };
      while (typeof reply === "function") reply = reply(body);
      if (reply.delayMs) await Bun.sleep(reply.delayMs);
      const payload = reply.text ?? JSON.stringify(reply.json ?? null);
      return new Response(payload, { status: reply.status ?? 200, headers: reply.headers });
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    requests,
    script(path, ...replies) {
      scripts.set(path, replies);
    },
    stop() {
      server.stop(true);
    },
  };
}
