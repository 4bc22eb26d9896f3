import { afterAll, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createApiApp } from "../../../src/api/app.ts";
import { scratchDir } from "../../support/paths.ts";
import { fixtureApp } from "../support/fixture-app.ts";

const f = fixtureApp();
afterAll(() => f.fixture.db.close());

const at = (path: string) => createApiApp({ ...f.deps, candidatesPath: path });

describe("GET /candidates", () => {
  test("promoted buckets with their latest gate statistics and state", async () => {
    const body = await f.json("/candidates");
    expect(body.file).toMatchObject({
      status: "ok",
      path: f.fixture.candidatesPath,
      sim_model_version: "v4",
    });
    expect(body.buckets).toHaveLength(2);
    for (const b of body.buckets) {
      const row = f.fixture.db
        .query("SELECT n_raw, mean_r, mining_run_id FROM bucket_stats WHERE bucket_key = ?1")
        .get(b.key) as { n_raw: number; mean_r: number; mining_run_id: number };
      expect(b.gate).toMatchObject({ n_raw: row.n_raw, mining_run_id: row.mining_run_id, eligible: true });
      expect(b.gate.mean_r).toBeCloseTo(row.mean_r, 9);
      expect(b.bucket_state.state).toBe("PROBATION");
    }
  });

  test("a newer mining run's statistics replace older ones", async () => {
    const db = f.fixture.db;
    const key = (await f.json("/candidates")).buckets[0].key as string;
    const run = db
      .query(
        "INSERT INTO mining_runs (t, sim_model_version, n_trades, n_buckets, trades_sha256, config_hash, code_version, seed, params) VALUES (?1, 'v4', 1, 1, 'x', 'x', 'x', 1, '{}') RETURNING id",
      )
      .get(f.fixture.end) as { id: number };
    const [strategy, side, session, regime, vol] = key.split("|");
    db.run(
      "INSERT INTO bucket_stats (mining_run_id, bucket_key, strategy, side, session, regime, vol_bucket, n_raw, n_dedup, n_eff, days, mean_r, eligible, stats) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 99, 99, 99, 30, 0.42, 0, '{}')",
      [run.id, key, strategy!, side!, session!, regime!, vol!],
    );
    const b = (await f.json("/candidates")).buckets.find((x: { key: string }) => x.key === key);
    expect(b.gate).toMatchObject({ mining_run_id: run.id, n_raw: 99, mean_r: 0.42, eligible: false });
  });

  test("a missing file is reported as missing with no buckets", async () => {
    const body = await (await at(join(scratchDir(), "none.json")).request("/candidates")).json();
    expect(body).toEqual({ file: { path: expect.any(String), status: "missing" }, buckets: [] });
  });

  test("an invalid file is reported with the schema error, never half-used", async () => {
    const path = join(scratchDir(), "bad.json");
    writeFileSync(path, JSON.stringify({ version: 2, buckets: [] }));
    const res = await at(path).request("/candidates");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.file.status).toBe("invalid");
    expect(body.file.error).toContain("version");
    expect(body.buckets).toEqual([]);
    writeFileSync(path, "{not json");
    expect((await (await at(path).request("/candidates")).json()).file.status).toBe("invalid");
  });
});
