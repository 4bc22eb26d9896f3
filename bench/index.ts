/**
 * Benchmark runner: imports each benchmark file in turn (each prints its own figures and records its
 * headline figures in bench/results.ts), then prints one table of every recorded figure with its
 * target, floor and verdict, and writes that table to bench/last-run.md — the one run that
 * docs/benchmarks.md and the README's benchmark table quote. `BENCH_ONLY=backtest,mining` runs a subset.
 */
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { figuresTable, recordedFigures } from "./results.ts";

const PARTS = [
  "cold-start",
  "import",
  "hyperliquid",
  "backfill",
  "signals",
  "backtest",
  "stored-backtest",
  "sweep",
  "research",
  "mining",
  "api",
  "report",
  "daemon",
];
const only = process.env.BENCH_ONLY?.split(",").filter(Boolean);
const started = new Date();
for (const part of PARTS) {
  if (only && !only.includes(part)) continue;
  await import(`./${part}.ts`);
}

const rows = recordedFigures();
const stamp = `${started.toISOString().slice(0, 16).replace("T", " ")} UTC, commit ${Bun.spawnSync(["git", "rev-parse", "--short", "HEAD"]).stdout.toString().trim()}, load average at the end ${loadavg()
  .map((x) => x.toFixed(1))
  .join(" ")}`;
const table = figuresTable(rows);
console.log(`\n== summary: one run (${stamp}) ==\n`);
console.log(table);
if (!only)
  writeFileSync(join(import.meta.dir, "last-run.md"), `One \`make bench\` run: ${stamp}.\n\n${table}`);
