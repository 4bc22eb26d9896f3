import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { DAY_MS, ManualClock } from "../../src/core/clock.ts";
import { UsageError } from "../../src/core/errors.ts";
import { BucketStatesRepo } from "../../src/ledger/repos/bucket-states.ts";
import { PromotionAuditRepo, type PromotionAuditRow } from "../../src/ledger/repos/promotion-audit.ts";
import { type AuditInputs, replayDecision } from "../../src/mining/audit.ts";
import { loadLiveCandidates } from "../../src/mining/live-candidates-file.ts";
import { runMining } from "../../src/mining/mine.ts";
import { runPromotion } from "../../src/mining/promote.ts";
import { keyOf, type MiningFixture, miningFixture, specs, T0 } from "./support/ledger.ts";

const at = (day: number) => new ManualClock(T0 + day * DAY_MS);

function cycle(fx: MiningFixture, day: number) {
  runMining(fx.db, fx.config, { clock: at(day) });
  return runPromotion(fx.db, fx.config, { clock: at(day) });
}

function stateOf(fx: MiningFixture, key: string) {
  return new BucketStatesRepo(fx.db).all().find((s) => s.bucket_key === key);
}

function auditRows(fx: MiningFixture): PromotionAuditRow[] {
  const ids = fx.db.query("SELECT DISTINCT promote_run_id AS id FROM promotion_audit").all() as {
    id: string;
  }[];
  const repo = new PromotionAuditRepo(fx.db);
  return ids.flatMap((r) => repo.listByPromoteRun(r.id));
}

describe("runPromotion: SHADOW → PROBATION → LIVE → demotion", () => {
  const fx = miningFixture();
  const s = specs("momentum", [0.8, 0, 0, 0]);
  const star = keyOf(s[0]!);
  fx.feed(s, 0, 40, 11);

  test("a strong bucket enters PROBATION at reduced size; the file carries provenance", () => {
    const r = cycle(fx, 40);
    expect(r.status).toBe("applied");
    expect(r.decisions.find((d) => d.key === star)).toMatchObject({
      prev: "SHADOW",
      next: "PROBATION",
      reasons: ["promote_probation"],
    });
    const loaded = loadLiveCandidates(fx.config.live.candidates_path);
    if (!loaded.ok) throw loaded.error;
    expect(loaded.file.mining_run_id).toBe(r.miningRunId);
    expect(loaded.file.promote_run_id).toBe(r.promoteRunId);
    expect(loaded.file.sim_model_version).toBe("v4");
    expect(loaded.file.buckets).toHaveLength(1);
    expect(loaded.file.buckets[0]).toMatchObject({
      key: star,
      state: "PROBATION",
      size_multiplier: 0.25,
      side: "long",
    });
    const st = stateOf(fx, star)!;
    expect(st.monitor.mu_p).toBeGreaterThan(0.3);
    expect(st.monitor.h).toBeGreaterThan(0);
    expect(st.monitor.cursor).toBe(T0 + 40 * DAY_MS);
  });

  test("a second run on the same mining run changes nothing and writes no audit rows", () => {
    const before = fx.db.query("SELECT COUNT(*) AS n FROM promotion_audit").get();
    const file = readFileSync(fx.config.live.candidates_path, "utf8");
    const again = runPromotion(fx.db, fx.config, { clock: at(40.01) });
    expect(again.status).toBe("already_applied");
    expect(fx.db.query("SELECT COUNT(*) AS n FROM promotion_audit").get()).toEqual(before);
    expect(readFileSync(fx.config.live.candidates_path, "utf8")).toBe(file);
  });

  test("after 30+ probation trades with positive mean and DSR ≥ 0.95 it goes LIVE at full size", () => {
    fx.feed(s, 40, 50, 12);
    const r = cycle(fx, 50);
    expect(r.decisions.find((d) => d.key === star)).toMatchObject({
      prev: "PROBATION",
      next: "LIVE",
      reasons: ["promote_live"],
    });
    const loaded = loadLiveCandidates(fx.config.live.candidates_path);
    if (!loaded.ok) throw loaded.error;
    expect(loaded.file.buckets[0]).toMatchObject({ key: star, state: "LIVE", size_multiplier: 1 });
    expect(stateOf(fx, star)!.monitor.n).toBeGreaterThanOrEqual(30);
  });

  test("when its edge turns negative the monitors demote it to SHADOW and it leaves the file", () => {
    fx.feed([{ ...s[0]!, edge: -1.2 }, ...s.slice(1)], 50, 65, 13);
    const r = cycle(fx, 65);
    const d = r.decisions.find((x) => x.key === star)!;
    expect(d).toMatchObject({ prev: "LIVE", next: "SHADOW" });
    expect(d.reasons.some((x) => x === "alarm_cusum" || x === "alarm_sprt" || x === "alarm_p_theta")).toBe(
      true,
    );
    const st = stateOf(fx, star)!;
    expect(st.monitor.demoted_at).toBe(T0 + 65 * DAY_MS);
    expect(st.monitor.demotions).toBe(1);
    const loaded = loadLiveCandidates(fx.config.live.candidates_path);
    if (!loaded.ok) throw loaded.error;
    expect(loaded.file.buckets).toEqual([]);
  });

  test("hysteresis: no re-promotion during the cool-down, judged on post-demotion trades only", () => {
    fx.feed(s, 65, 68, 14);
    const r = cycle(fx, 70);
    const d = r.decisions.find((x) => x.key === star)!;
    expect(d.next).toBe("SHADOW");
    expect(d.reasons).toContain("cooldown");
    expect(d.reasons).toContain("few_new_trades");
    expect(r.status).toBe("no_changes");
  });

  test("every audit row replays to the same decision from its recorded inputs", () => {
    const rows = auditRows(fx);
    expect(rows.length).toBe(4 * 4); // four buckets, four promote runs (the repeated run wrote none)
    for (const row of rows) {
      const inputs = row.inputs as AuditInputs;
      const replay = replayDecision(inputs);
      expect(replay.state).toBe(row.new_state as typeof replay.state);
      expect(replay.reasons).toEqual(row.reasons);
      expect(JSON.parse(JSON.stringify(replay))).toEqual(JSON.parse(JSON.stringify(inputs.decision)));
      expect(inputs.run.config_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(inputs.data.trades_sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(inputs.data.family_size).toBeGreaterThanOrEqual(2);
      expect(inputs.data.family_size).toBeLessThanOrEqual(4);
    }
    const demotion = rows.find((r) => r.prev_state === "LIVE" && r.new_state === "SHADOW")!;
    const inputs = demotion.inputs as AuditInputs;
    expect(inputs.decision_input.post.length).toBeGreaterThan(0);
    expect(inputs.post_trade_ids.length).toBe(inputs.decision_input.post.length);
    expect(inputs.decision_input.prev.monitor.mu_p).not.toBeNull();
    expect(inputs.stats?.theta).not.toBeUndefined();
  });
});

describe("runPromotion: safety", () => {
  test("--dry-run computes the changes and writes nothing", () => {
    const fx = miningFixture();
    const s = specs("momentum", [0.8, 0, 0, 0]);
    fx.feed(s, 0, 40, 11);
    runMining(fx.db, fx.config, { clock: at(40) });
    const r = runPromotion(fx.db, fx.config, { clock: at(40), dryRun: true });
    expect(r.status).toBe("applied");
    expect(r.wrote).toBe(false);
    expect(r.file?.buckets).toHaveLength(1);
    expect(existsSync(fx.config.live.candidates_path)).toBe(false);
    expect(fx.db.query("SELECT COUNT(*) AS n FROM promotion_audit").get()).toEqual({ n: 0 });
    expect(fx.db.query("SELECT COUNT(*) AS n FROM bucket_states").get()).toEqual({ n: 0 });
  });

  test("a failed run leaves the ledger and the previous live_candidates.json untouched", () => {
    const fx = miningFixture();
    const s = specs("momentum", [0.8, 0, 0, 0]);
    fx.feed(s, 0, 40, 11);
    cycle(fx, 40);
    const path = fx.config.live.candidates_path;
    const before = readFileSync(path, "utf8");
    const mtime = statSync(path).mtimeMs;
    const states = JSON.stringify(new BucketStatesRepo(fx.db).all());
    fx.feed(s, 40, 50, 12);
    runMining(fx.db, fx.config, { clock: at(50) });
    fx.db.run(
      "CREATE TRIGGER fail_audit BEFORE INSERT ON promotion_audit BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    expect(() => runPromotion(fx.db, fx.config, { clock: at(50) })).toThrow("disk full");
    expect(readFileSync(path, "utf8")).toBe(before);
    expect(statSync(path).mtimeMs).toBe(mtime);
    expect(readdirSync(dirname(path))).toEqual(["live_candidates.json"]); // no temp file left behind
    expect(JSON.stringify(new BucketStatesRepo(fx.db).all())).toBe(states);
    fx.db.run("DROP TRIGGER fail_audit");
    expect(runPromotion(fx.db, fx.config, { clock: at(50) }).status).toBe("applied");
  });

  test("no mining run: nothing to do; an unknown or stale mining run is a usage error", () => {
    const fx = miningFixture();
    expect(runPromotion(fx.db, fx.config, { clock: at(1) }).status).toBe("no_mining_run");
    expect(() => runPromotion(fx.db, fx.config, { clock: at(1), miningRunId: 99 })).toThrow(UsageError);
    const s = specs("momentum", [0.8, 0, 0, 0]);
    fx.feed(s, 0, 40, 11);
    const first = runMining(fx.db, fx.config, { clock: at(40) }).miningRunId!;
    runMining(fx.db, fx.config, { clock: at(41) });
    expect(runPromotion(fx.db, fx.config, { clock: at(41) }).status).toBe("applied");
    expect(() => runPromotion(fx.db, fx.config, { clock: at(41), miningRunId: first })).toThrow(UsageError);
  });
});
