import { afterAll, describe, expect, test } from "bun:test";
import { feedSql } from "../../../src/api/queries/decisions.ts";
import { fixtureApp } from "../support/fixture-app.ts";

const f = fixtureApp({ bars: 24 * 4 });
afterAll(() => f.fixture.db.close());

describe("DecisionQueries", () => {
  test("every filter combination pages by index, never with a sort", () => {
    for (let mask = 0; mask < 8; mask++) {
      const sql = feedSql(mask);
      const plan = (f.fixture.db.query(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join(" | ");
      expect(plan, `mask ${mask}`).toMatch(/^SEARCH decisions USING (COVERING )?INDEX decisions_feed/);
      expect(plan, `mask ${mask}`).toContain("positions_decision");
      expect(plan, `mask ${mask}`).not.toContain("TEMP B-TREE");
    }
  });

  test("a damaged features value is served as null instead of failing the page", async () => {
    const { id } = f.fixture.db.query("SELECT MAX(id) AS id FROM decisions").get() as { id: number };
    f.fixture.db.run("UPDATE decisions SET features = '{broken' WHERE id = ?1", [id]);
    const page = await f.json("/decisions?limit=500");
    const d = page.decisions.find((x: { id: number }) => x.id === id);
    expect(d.features).toBeNull();
    expect(page.decisions.length).toBeGreaterThan(1);
  });
});
