// The interval note printed under every backtest's R table says how the intervals were made, from
// the constants that make them (it once claimed 1,000 draws while 200 were drawn), and the docs that
// describe the same intervals say the same.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CI_NOTE } from "../../src/cli/backtest-print.ts";
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
