/**
 * Copies the summary table of the last full `make bench` run (bench/last-run.md, written by
 * bench/index.ts) into docs/benchmarks.md and the README, between their `<!-- bench:start -->` and
 * `<!-- bench:end -->` markers — so both quote one run, never figures from different days.
 * Run it right after `make bench`: `bun bench/publish.ts`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../tests/support/paths.ts";

const table = readFileSync(join(import.meta.dir, "last-run.md"), "utf8").trim();
const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";
for (const file of ["README.md", join("docs", "benchmarks.md")]) {
  const path = join(REPO_ROOT, file);
  const text = readFileSync(path, "utf8");
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${file}: no ${START} … ${END} block`);
  writeFileSync(path, `${text.slice(0, a + START.length)}\n${table}\n${text.slice(b)}`);
  console.log(`${file}: benchmark table replaced`);
}
