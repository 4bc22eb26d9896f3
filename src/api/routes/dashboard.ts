/** GET / — the dashboard page (no data inside; it fetches the JSON routes itself). */
import { Hono } from "hono";
import type { ApiContext } from "../context.ts";
import { dashboardPage } from "../dashboard/page.ts";

export function dashboardRoutes(ctx: ApiContext): Hono {
  const page = dashboardPage(ctx.deps.api.dashboardRefreshSeconds);
  return new Hono().get("/", (c) => {
    c.header("Content-Security-Policy", page.csp);
    c.header("X-Frame-Options", "DENY");
    c.header("Cache-Control", "no-cache");
    return c.html(page.html);
  });
}
