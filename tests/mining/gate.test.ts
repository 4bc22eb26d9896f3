import { describe, expect, test } from "bun:test";
import { MiningSection } from "../../src/config/sections/mining.ts";
import { DAY_MS } from "../../src/core/clock.ts";
import { decide, type GateStats } from "../../src/mining/gate.ts";
import { cusumThreshold, EMPTY_MONITOR, type MonitorState } from "../../src/mining/monitor.ts";

const rules = MiningSection.parse({});
const NOW = Date.UTC(2025, 5, 1);
const GOOD: GateStats = {
  eligible: true,
  ineligible: [],
  window_from: null,
  n_dedup: 400,
  n_eff: 380,
  sd_r: 1.5,
  oos_mean: 0.2,
  q: 0.01,
  z: 4,
  dsr: 0.99,
  theta: 0.3,
  p_edge: 0.99,
};
const promoted = (over: Partial<MonitorState> = {}): MonitorState => ({
  ...EMPTY_MONITOR,
  promoted_at: NOW - DAY_MS,
  cursor: NOW - DAY_MS,
  mu_p: 0.3,
  sigma_p: 1.5,
  k: 0.1,
  h: cusumThreshold(0.1, 500),
  ...over,
});

describe("decide (the state machine)", () => {
  test("SHADOW → PROBATION freezes μp = θ̂ and σp = s, with h for ARL0 = 500", () => {
    const d = decide({
      prev: { state: "SHADOW", monitor: EMPTY_MONITOR },
      stats: GOOD,
      post: [],
      data_until: NOW,
      rules,
    });
    expect(d.state).toBe("PROBATION");
    expect(d.monitor).toMatchObject({
      mu_p: 0.3,
      sigma_p: 1.5,
      promoted_at: NOW,
      cursor: NOW,
      cusum: 0,
      n: 0,
    });
    expect(d.monitor.k).toBeCloseTo(0.1, 12);
    expect(d.monitor.h).toBeCloseTo(cusumThreshold(0.1, 500), 9);
  });

  test("each SHADOW → PROBATION condition blocks on its own, with its reason code", () => {
    const cases: [Partial<GateStats>, string][] = [
      [{ eligible: false, ineligible: ["days"] }, "ineligible_days"],
      [{ oos_mean: -0.01 }, "oos_not_positive"],
      [{ q: 0.11 }, "q_above_max"],
      [{ p_edge: 0.89 }, "p_edge_below_min"],
      [{ theta: -0.1 }, "no_edge"],
    ];
    for (const [over, reason] of cases) {
      const d = decide({
        prev: { state: "SHADOW", monitor: EMPTY_MONITOR },
        stats: { ...GOOD, ...over },
        post: [],
        data_until: NOW,
        rules,
      });
      expect(d.state).toBe("SHADOW");
      expect(d.reasons).toEqual([reason]);
    }
  });

  test("PROBATION → LIVE needs 30 probation trades with positive mean and every LIVE threshold", () => {
    const prev = { state: "PROBATION" as const, monitor: promoted() };
    const post = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 2 : -0.5));
    expect(decide({ prev, stats: GOOD, post: post.slice(0, 29), data_until: NOW, rules }).reasons).toEqual([
      "probation_trades",
    ]);
    const live = decide({ prev, stats: GOOD, post, data_until: NOW, rules });
    expect(live.state).toBe("LIVE");
    expect(live.monitor.live_at).toBe(NOW);
    const blocked = decide({
      prev,
      stats: { ...GOOD, n_eff: 99, dsr: 0.9, z: 2.9, p_edge: 0.94 },
      post,
      data_until: NOW,
      rules,
    });
    expect(blocked.state).toBe("PROBATION");
    expect(blocked.reasons).toEqual(["live_n_eff", "live_dsr", "live_z", "live_p_edge"]);
  });

  test("a run of losses trips CUSUM and SPRT and demotes to SHADOW with the demotion time", () => {
    const d = decide({
      prev: { state: "LIVE", monitor: promoted() },
      stats: GOOD,
      post: Array(60).fill(-1),
      data_until: NOW,
      rules,
    });
    expect(d.state).toBe("SHADOW");
    expect(d.reasons).toContain("alarm_cusum");
    expect(d.reasons).toContain("alarm_sprt");
    expect(d.monitor).toMatchObject({ demoted_at: NOW, demotions: 1, promoted_at: null, cursor: null });
  });

  test("P(θ > 0) < 0.5 after 30 post-promotion trades demotes on its own", () => {
    const post = Array.from({ length: 30 }, (_, i) => (i % 2 ? 0.3 : -0.32));
    const d = decide({
      prev: { state: "LIVE", monitor: promoted({ h: 1e9 }) },
      stats: GOOD,
      post,
      data_until: NOW,
      rules,
    });
    expect(d.reasons).toEqual(["alarm_p_theta"]);
  });

  test("hysteresis: cool-down, new trades and a post-demotion window are all required", () => {
    const monitor = { ...EMPTY_MONITOR, demoted_at: NOW - 5 * DAY_MS, demotions: 1 };
    const early = decide({
      prev: { state: "SHADOW", monitor },
      stats: { ...GOOD, n_dedup: 20 },
      post: [],
      data_until: NOW,
      rules,
    });
    expect(early.reasons).toEqual(["cooldown", "stale_window", "few_new_trades"]);
    const later = NOW + 6 * DAY_MS;
    const ok = decide({
      prev: { state: "SHADOW", monitor },
      stats: { ...GOOD, window_from: NOW - 5 * DAY_MS },
      post: [],
      data_until: later,
      rules,
    });
    expect(ok.state).toBe("PROBATION");
    expect(ok.monitor.demotions).toBe(1);
  });

  test("a bucket without statistics stays where it is", () => {
    expect(
      decide({
        prev: { state: "SHADOW", monitor: EMPTY_MONITOR },
        stats: null,
        post: [],
        data_until: NOW,
        rules,
      }).reasons,
    ).toEqual(["not_evaluated"]);
    const p = decide({
      prev: { state: "PROBATION", monitor: promoted() },
      stats: null,
      post: [0.1],
      data_until: NOW,
      rules,
    });
    expect(p.state).toBe("PROBATION");
    expect(p.reasons).toEqual(["not_evaluated", "probation_trades"]);
  });
});
