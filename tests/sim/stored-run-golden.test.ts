// A stored backtest writes exactly the rows it wrote before the write path was made fast: the
// digests of every stored table and of the returned result equal the ones computed with the code
// of main before the fast write path (re-pinned after the workbench/signals merges by running this
// generator on main just before wt-speed merged — identical to the fast path; tests/fixtures/
// stored-run-golden.json), for a full real-data run on both
// paths and a second run into the same ledger.
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { GOLDEN_FILE, type GoldenRun, goldenRuns } from "./support/golden-runs.ts";

test("stored runs are bit-identical to the golden digests", async () => {
  const golden = JSON.parse(readFileSync(GOLDEN_FILE, "utf8")) as GoldenRun[];
  const runs = await goldenRuns();
  expect(runs).toEqual(golden);
});
