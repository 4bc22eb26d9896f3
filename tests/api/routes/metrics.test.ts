import { afterAll, describe, expect, test } from "bun:test";
import { createApiApp } from "../../../src/api/app.ts";
import { fixtureApp } from "../support/fixture-app.ts";

const f = fixtureApp();
afterAll(() => f.fixture.db.close());

/** name{labels} → value, checking every line is valid exposition format. */
function parse(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.trimEnd().split("\n")) {
    if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) continue;
    const m = /^([a-z_]+)(\{[^}]*\})? (-?[0-9.e+-]+|NaN)$/.exec(line);
    if (!m) throw new Error(`bad exposition line: ${line}`);
    out.set(`${m[1]}${m[2] ?? ""}`, Number(m[3]));
  }
  return out;
}

describe("GET /metrics", () => {
  test("Prometheus text with ledger-derived gauges and counters", async () => {
    const res = await f.app.request("/metrics");
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await res.text();
    expect(text).toContain("# TYPE hlbot_decisions_total counter");
    const m = parse(text);
    const db = f.fixture.db;
    const count = (sql: string) => (db.query(sql).get() as { n: number }).n;
    expect(m.get('hlbot_decisions_total{mode="shadow"}')).toBe(
      count("SELECT COUNT(*) AS n FROM decisions WHERE mode = 'shadow'"),
    );
    expect(m.get('hlbot_open_positions{mode="shadow"}')).toBe(
      count("SELECT COUNT(*) AS n FROM positions WHERE status = 'open' AND mode = 'shadow'"),
    );
    const eq = db
      .query("SELECT equity FROM equity_snapshots WHERE mode = 'live' ORDER BY t DESC LIMIT 1")
      .get() as { equity: number };
    expect(m.get('hlbot_equity_usd{mode="live"}')).toBe(eq.equity);
    expect(m.get("hlbot_tick_age_seconds")).toBe(20);
    expect(m.get("hlbot_degraded")).toBe(0);
    expect(m.get('hlbot_feed_state{state="unknown"}')).toBe(1);
    expect(text).not.toContain("hlbot_errors_total");
  });

  test("daemon counters (errors, 429s, ticks) appear when the daemon supplies them", async () => {
    const app = createApiApp({
      ...f.deps,
      metrics: { counters: () => ({ errorsTotal: 3, rateLimitedTotal: 7, ticksTotal: 120 }) },
    });
    const m = parse(await (await app.request("/metrics")).text());
    expect(m.get("hlbot_errors_total")).toBe(3);
    expect(m.get("hlbot_rate_limited_total")).toBe(7);
    expect(m.get("hlbot_ticks_total")).toBe(120);
  });
});
