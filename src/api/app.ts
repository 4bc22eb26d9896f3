/**
 * The read-only HTTP API and dashboard as a Hono app. Only GET and HEAD are answered (405
 * otherwise); bad parameters get 400 naming the parameter, unknown routes 404, and anything
 * unexpected a bare 500 (details go to the log, never to the client). With a token configured,
 * every route but the dashboard page itself needs `Authorization: Bearer <token>`.
 *
 * @example
 * const app = createApiApp({ db, ledgerPath, candidatesPath, tickSeconds: 30, health, clock: wallClock,
 *   api: { token: undefined, dashboardRefreshSeconds: 10 } });
 * const res = await app.request("/health");
 */
import { Hono } from "hono";
import { log } from "../log.ts";
import { bearerAuth } from "./auth.ts";
import { type ApiContext, createApiContext } from "./context.ts";
import { ApiRequestError } from "./errors.ts";
import { candidateRoutes } from "./routes/candidates.ts";
import { candleRoutes } from "./routes/candles.ts";
import { dashboardRoutes } from "./routes/dashboard.ts";
import { decisionRoutes } from "./routes/decisions.ts";
import { equityRoutes } from "./routes/equity.ts";
import { healthRoutes } from "./routes/health.ts";
import { metricsRoutes } from "./routes/metrics.ts";
import { performanceRoutes } from "./routes/performance.ts";
import { positionRoutes } from "./routes/positions.ts";
import { runRoutes } from "./routes/runs.ts";
import { summaryRoutes } from "./routes/summary.ts";
import { tradeRoutes } from "./routes/trades.ts";
import type { ApiDeps } from "./types.ts";

/** Paths served without a token: the dashboard page holds no data, it fetches it with the token. */
const PUBLIC_PATHS: ReadonlySet<string> = new Set(["/"]);

const ROUTES: ((ctx: ApiContext) => Hono)[] = [
  dashboardRoutes,
  healthRoutes,
  decisionRoutes,
  positionRoutes,
  tradeRoutes,
  performanceRoutes,
  equityRoutes,
  candidateRoutes,
  metricsRoutes,
  runRoutes,
  summaryRoutes,
  candleRoutes,
];

export function createApiApp(deps: ApiDeps): Hono {
  const ctx = createApiContext(deps);
  const app = new Hono();
  const apiLog = log.withTag("api");

  app.use(async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      c.header("Allow", "GET, HEAD");
      return c.json({ error: "method not allowed: the API is read-only" }, 405);
    }
    await next();
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
  });
  if (deps.api.token) app.use(bearerAuth(deps.api.token, PUBLIC_PATHS));
  for (const routes of ROUTES) app.route("/", routes(ctx));

  app.notFound((c) => c.json({ error: `no such route: ${c.req.path}` }, 404));
  app.onError((error, c) => {
    if (error instanceof ApiRequestError) return c.json({ error: error.message }, error.status);
    apiLog.error(`${c.req.method} ${c.req.path} failed`, error);
    return c.json({ error: "internal error" }, 500);
  });
  return app;
}
