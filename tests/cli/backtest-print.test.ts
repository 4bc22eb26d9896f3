// The interval note printed under every backtest's R table says how the intervals were made, from
// the constants that make them (it once claimed 1,000 draws while 200 were drawn), and the docs that
// describe the same intervals say the same.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CI_NOTE, refusalLine } from "../../src/cli/backtest-print.ts";
import { bootstrapCi, CI_DRAWS, CI_MIN_TRADES } from "../../src/report/bootstrap-ci.ts";
import { REPO_ROOT } from "../support/paths.ts";

describe("the printed interval note", () => {
  test("names the resample count and the minimum sample the summary's bootstrap uses", () => {
    expect(CI_NOTE).toContain(`${CI_DRAWS} resamples`);
    expect(CI_NOTE).toContain(`none under ${CI_MIN_TRADES} trades`);
    expect(CI_NOTE).not.toContain("1,000");
    // The minimum is the one bootstrapCi applies.
    const x = Float64Array.from({ length: CI_MIN_TRADES - 1 }, (_, i) => i - 10);
    expect(bootstrapCi(x, Float64Array.from(x).sort(), "t")).toBeNull();
    const y = Float64Array.from({ length: CI_MIN_TRADES }, (_, i) => i - 10);
    expect(bootstrapCi(y, Float64Array.from(y).sort(), "t")).not.toBeNull();
  });

  test("docs/backtesting.md and docs/api.md describe the same intervals", () => {
    for (const doc of ["docs/backtesting.md", "docs/api.md"]) {
      const text = readFileSync(join(REPO_ROOT, doc), "utf8").replace(/\s+/g, " ");
      expect(text, doc).toContain(`${CI_DRAWS} resamples`);
      expect(text, doc).toMatch(new RegExp(`(fewer than|none under) ${CI_MIN_TRADES} trades`));
    }
  });
});

describe("the live path's refusal line", () => {
  test("says when the per-reason counts add up to more than the refused candidates", () => {
    expect(refusalLine({ score_below_threshold: 1510, bucket_not_promoted: 2672 }, 2672)).toBe(
      "refused by reason: bucket_not_promoted 2,672 · score_below_threshold 1,510 (2,672 candidates; one refused for several reasons counts under each)",
    );
    expect(refusalLine({ max_positions: 3, cooldown: 2 }, 5)).toBe(
      "refused by reason: max_positions 3 · cooldown 2",
    );
    expect(refusalLine({}, 0)).toBeNull();
  });
});
