import { describe, expect, test } from "bun:test";
import { MiningRunsRepo } from "../../../src/ledger/repos/mining-runs.ts";
import { PromotionAuditRepo } from "../../../src/ledger/repos/promotion-audit.ts";
import { miningFixture } from "../../mining/support/ledger.ts";

describe("PromotionAuditRepo and MiningRunsRepo", () => {
  test("append-only rows, which promote run applied a mining run, and the newest applied run", () => {
    const fx = miningFixture();
    const runs = new MiningRunsRepo(fx.db);
    const base = {
      t: 1,
      sim_model_version: "v4",
      source_run_id: 0,
      n_trades: 1,
      n_buckets: 1,
      trades_sha256: "x",
      config_hash: "y",
      code_version: "z",
      seed: 1,
      params: "{}",
    };
    const m1 = runs.insert(base);
    const m2 = runs.insert({ ...base, t: 2 });
    runs.insert({ ...base, t: 3, source_run_id: 4 });
    expect(runs.latest("v4", 0)?.id).toBe(m2);
    expect(runs.latest("v3", 0)).toBeNull();
    const audit = new PromotionAuditRepo(fx.db);
    expect(audit.lastAppliedMiningRun()).toBeNull();
    audit.insert({
      promote_run_id: "p1",
      mining_run_id: m1,
      t: 5,
      bucket_key: "k",
      prev_state: "SHADOW",
      new_state: "PROBATION",
      reasons: ["promote_probation"],
      inputs: { a: 1 },
    });
    expect(audit.appliedBy(m1)).toBe("p1");
    expect(audit.appliedBy(m2)).toBeNull();
    expect(audit.lastAppliedMiningRun()).toBe(m1);
    expect(audit.listByPromoteRun("p1")[0]).toMatchObject({
      reasons: ["promote_probation"],
      inputs: { a: 1 },
      new_state: "PROBATION",
    });
  });
});
