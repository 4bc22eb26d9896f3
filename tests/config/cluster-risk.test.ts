import { describe, expect, test } from "bun:test";
import { loadConfig } from "../../src/config/loader.ts";
import { clusterRiskSettings, clusterTrackerSettings } from "../../src/config/sections/cluster-risk.ts";
import { ConfigError } from "../../src/core/errors.ts";
import { scratchDir } from "../support/paths.ts";

describe("risk.cluster_* keys", () => {
  test("defaults: off, 1h bars over a week, ρ ≥ 0.7, at most 2 same-side positions, scaled", () => {
    const { config } = loadConfig({ cwd: scratchDir(), env: {} });
    expect(clusterRiskSettings(config.risk)).toEqual({
      enabled: false,
      maxSameSide: 2,
      scaleByEffectiveBets: true,
    });
    expect(clusterTrackerSettings(config.risk)).toEqual({
      barMs: 3_600_000,
      windowBars: 168,
      minCorrelation: 0.7,
      minOverlap: 84,
      everyMs: 3_600_000,
    });
  });

  test("a bad value is a ConfigError naming the key (exit 2)", () => {
    try {
      loadConfig({ cwd: scratchDir(), env: { HLBOT_RISK__CLUSTER_MIN_CORRELATION: "1.5" } });
      throw new Error("expected a ConfigError");
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).exitCode).toBe(2);
      expect((e as ConfigError).issues.map((i) => i.path)).toContain("risk.cluster_min_correlation");
    }
  });
});
