/**
 * The HTTP side of the fake: POST /info and POST /exchange with Hyperliquid's status codes (422 for
 * a body it cannot read, 429 when the IP weight budget is spent), counting every request, and the
 * injected faults that change how (or whether) an answer is delivered.
 */
import { type ExchangeContext, exchangeBatch, executeExchange, parseExchange } from "./exchange.ts";
import type { FaultRule, Faults } from "./faults.ts";
import { handleInfo, InfoBadRequest, type InfoLimits } from "./info.ts";
import { exchangeWeight, infoBaseWeight, infoItemWeight, type WeightLimiter } from "./limiter.ts";
import type { FakeState } from "./state.ts";
import type { FakeStats } from "./stats.ts";

export interface HttpContext {
  state: FakeState;
  faults: Faults;
  stats: FakeStats;
  limiter: WeightLimiter;
  limits: InfoLimits;
  exchange: ExchangeContext;
  /** Answers held back by slow/timeout faults; released when the fake stops. */
  held: Set<() => void>;
}

const DESERIALIZE = "Failed to deserialize the JSON body into the target type";
const SLOW_DEFAULT_MS = 2_000;
const TIMEOUT_DEFAULT_MS = 120_000;

type Answer = { status: number; body: string };

export async function handleRequest(ctx: HttpContext, req: Request, path: string): Promise<Response> {
  if (req.method !== "POST" || (path !== "/info" && path !== "/exchange")) {
    return new Response("Not Found", { status: 404 });
  }
  const endpoint = path === "/info" ? "info" : "exchange";
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    ctx.stats.badRequest();
    return text(422, DESERIALIZE);
  }
  const answer = await answerFor(ctx, endpoint, raw);
  return new Response(answer.body, {
    status: answer.status,
    headers: { "content-type": answer.status === 200 ? "application/json" : "text/plain" },
  });
}

/** A websocket `post` request: the same handlers, answered in the post envelope. */
export async function handlePost(
  ctx: HttpContext,
  request: unknown,
): Promise<{ type: string; payload: unknown }> {
  const r = request as { type?: string; payload?: unknown } | undefined;
  const endpoint = r?.type === "info" ? "info" : r?.type === "action" ? "exchange" : null;
  if (!endpoint) return { type: "error", payload: DESERIALIZE };
  const answer = await answerFor(ctx, endpoint, r?.payload);
  if (answer.status !== 200) return { type: "error", payload: answer.body };
  const body = JSON.parse(answer.body);
  if (endpoint === "exchange") return { type: "action", payload: body };
  const type = (r?.payload as { type?: string } | undefined)?.type;
  return { type: "info", payload: { type, data: body } };
}

async function answerFor(ctx: HttpContext, endpoint: "info" | "exchange", raw: unknown): Promise<Answer> {
  const type =
    endpoint === "info"
      ? String((raw as { type?: unknown } | null)?.type ?? "")
      : String((raw as { action?: { type?: unknown } } | null)?.action?.type ?? "");
  const faults = ctx.faults.take(endpoint, type);
  if (faults.some((f) => f.kind === "http429")) return { status: 429, body: "Too Many Requests" };
  if (faults.some((f) => f.kind === "http500")) return { status: 500, body: "Internal Server Error" };
  const answer = endpoint === "info" ? info(ctx, type, raw) : exchange(ctx, type, raw, faults);
  return deliver(ctx, answer, faults);
}

function info(ctx: HttpContext, type: string, raw: unknown): Answer {
  const base = infoBaseWeight(type);
  if (!ctx.limiter.admit(base)) {
    ctx.stats.rateLimited();
    return { status: 429, body: "Too Many Requests" };
  }
  try {
    const answer = handleInfo(ctx.state, raw, ctx.limits);
    const extra = infoItemWeight(type, answer.items);
    ctx.limiter.charge(extra);
    ctx.stats.record("info", type, base + extra, answer.coin);
    return { status: 200, body: JSON.stringify(answer.body) };
  } catch (error) {
    if (!(error instanceof InfoBadRequest)) throw error;
    ctx.stats.badRequest();
    ctx.stats.record("info", type || "(none)", base);
    return { status: 422, body: DESERIALIZE };
  }
}

function exchange(ctx: HttpContext, type: string, raw: unknown, faults: FaultRule[]): Answer {
  const req = parseExchange(raw);
  if (!req) {
    ctx.stats.badRequest();
    return { status: 422, body: DESERIALIZE };
  }
  const weight = exchangeWeight(exchangeBatch(req));
  if (!ctx.limiter.admit(weight)) {
    ctx.stats.rateLimited();
    return { status: 429, body: "Too Many Requests" };
  }
  ctx.stats.record("exchange", type, weight);
  return { status: 200, body: JSON.stringify(executeExchange(ctx.exchange, req, faults)) };
}

/** Delivery faults: late, never (until the fake stops), or cut in half. */
async function deliver(ctx: HttpContext, answer: Answer, faults: FaultRule[]): Promise<Answer> {
  for (const f of faults) {
    if (f.kind === "slow") await hold(ctx, f.delayMs ?? SLOW_DEFAULT_MS);
    if (f.kind === "timeout") await hold(ctx, f.delayMs ?? TIMEOUT_DEFAULT_MS);
  }
  if (faults.some((f) => f.kind === "malformed") && answer.status === 200) {
    return { status: 200, body: answer.body.slice(0, Math.max(1, Math.floor(answer.body.length / 2))) };
  }
  return answer;
}

function hold(ctx: HttpContext, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const release = () => {
      clearTimeout(timer);
      ctx.held.delete(release);
      resolve();
    };
    const timer = setTimeout(release, ms);
    ctx.held.add(release);
  });
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { "content-type": "text/plain" } });
}
