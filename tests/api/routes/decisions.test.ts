import { afterAll, describe, expect, test } from "bun:test";
import { fixtureApp } from "../support/fixture-app.ts";

const f = fixtureApp();
afterAll(() => f.fixture.db.close());

interface D {
  id: number;
  created_at: number;
  mode: string;
  coin: string;
  strategy: string;
  verdict: string;
  features: Record<string, number>;
  reasons: string[];
  trade: { position_id: number; status: string; r_multiple: number | null } | null;
}

async function walk(query: string, limit: number): Promise<D[]> {
  const out: D[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page: { decisions: D[]; next_cursor: string | null } = await f.json(
      `/decisions?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ""}`,
    );
    expect(page.decisions.length).toBeLessThanOrEqual(limit);
    out.push(...page.decisions);
    cursor = page.next_cursor;
    if (!cursor) return out;
  }
  throw new Error("pagination did not end");
}

describe("GET /decisions", () => {
  test("cursor pages cover every decision exactly once, newest first (ties by id)", async () => {
    const expected = f.fixture.db
      .query("SELECT id FROM decisions WHERE run_id = 0 ORDER BY created_at DESC, id DESC")
      .all() as { id: number }[];
    expect(expected.length).toBeGreaterThan(300);
    const got = await walk("", 37);
    expect(got.map((d) => d.id)).toEqual(expected.map((r) => r.id));
  });

  test("filters by mode, coin, strategy and since, alone and combined", async () => {
    const since = f.fixture.end - 5 * 86_400_000;
    const cases: [string, string, unknown[]][] = [
      ["&mode=live", "mode = ?1", ["live"]],
      ["&coin=ETH", "coin = ?1", ["ETH"]],
      ["&strategy=mean_reversion", "strategy = ?1", ["mean_reversion"]],
      [
        "&coin=SOL&strategy=momentum&mode=shadow",
        "coin = ?1 AND strategy = ?2 AND mode = ?3",
        ["SOL", "momentum", "shadow"],
      ],
      [`&since=${since}`, "created_at >= ?1", [since]],
      [`&since=${new Date(since).toISOString()}&coin=BTC`, "created_at >= ?1 AND coin = ?2", [since, "BTC"]],
    ];
    for (const [query, where, args] of cases) {
      const ids = (
        f.fixture.db
          .query(`SELECT id FROM decisions WHERE run_id = 0 AND ${where} ORDER BY created_at DESC, id DESC`)
          .all(...(args as [string])) as { id: number }[]
      ).map((r) => r.id);
      expect(ids.length, query).toBeGreaterThan(0);
      expect(
        (await walk(query, 50)).map((d) => d.id),
        query,
      ).toEqual(ids);
    }
  });

  test("each decision carries parsed features, reasons, and its linked trade", async () => {
    const { decisions } = (await f.json("/decisions?limit=500")) as { decisions: D[] };
    const opened = decisions.filter((d) => d.verdict === "open");
    expect(opened.length).toBeGreaterThan(10);
    for (const d of opened) {
      expect(d.trade, `decision ${d.id}`).not.toBeNull();
      const row = f.fixture.db
        .query("SELECT id, status, r_multiple FROM positions WHERE decision_id = ?1")
        .get(d.id) as { id: number; status: string; r_multiple: number | null };
      expect(d.trade!.position_id).toBe(row.id);
      expect(d.trade!.status).toBe(row.status);
      if (row.r_multiple !== null) expect(d.trade!.r_multiple!).toBeCloseTo(row.r_multiple, 4);
    }
    for (const d of decisions.filter((x) => x.verdict !== "open")) {
      expect(d.trade).toBeNull();
      expect(d.reasons.length).toBeGreaterThan(0);
    }
    expect(typeof decisions[0]!.features.atr).toBe("number");
  });

  test("an unknown run_id is a 404 naming it, not an empty page", async () => {
    const res = await f.app.request("/decisions?run_id=42");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toContain("run_id");
  });

  test("GET /decisions/:id: one decision with features, gate verdict, reasons and its trade; 404 when unknown", async () => {
    const row = f.fixture.db
      .query("SELECT d.id, p.id AS pid FROM decisions d JOIN positions p ON p.decision_id = d.id LIMIT 1")
      .get() as { id: number; pid: number };
    const body = await f.json(`/decisions/${row.id}`);
    expect(body.run_status).toBe("daemon");
    expect(body.decision.id).toBe(row.id);
    expect(Object.keys(body.decision.features).length).toBeGreaterThan(0);
    expect(Array.isArray(body.decision.reasons)).toBe(true);
    expect(body.decision.trade.position_id).toBe(row.pid);
    expect((await f.app.request("/decisions/999999999")).status).toBe(404);
  });

  test("default page is 50 rows", async () => {
    const page = await f.json("/decisions");
    expect(page.decisions).toHaveLength(50);
    expect(typeof page.next_cursor).toBe("string");
  });
});
