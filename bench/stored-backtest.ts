/**
 * The stored backtest as the user waits for it: the whole process `dist/hlbot backtest --model v4
 * --coins all` (both paths, everything stored: run, decisions, trades, exits, equity, events) on a
 * fresh copy of a ledger holding all of ../shared/data/hyperliquid, from exec to exit. Timed
 * alternately with a fixed CPython loop (`for i in range(20_000_000): s += i`), so both see the same
 * machine; the figure is the median of the per-pair ratios. Target: ≤ 0.4× the loop.
 * BENCH_BASELINE_BIN=<an older dist/hlbot> times that binary in the same rounds too (before/after in
 * one run) and checks that both print the same output.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLedger } from "../src/ledger/open.ts";
import { importDirectory } from "../src/market/importer.ts";
import { HL_DATA, REPO_ROOT } from "../tests/support/paths.ts";
import { median, recordFigure, secs } from "./results.ts";

const BIN = join(REPO_ROOT, "dist", "hlbot");
const PAIRS = Number(process.env.BENCH_PAIRS ?? 5);
const dir = mkdtempSync(join(tmpdir(), "hlbot-stored-"));
const master = join(dir, "master.db");
const db = openLedger(master);
await importDirectory(db, HL_DATA);
db.run("PRAGMA wal_checkpoint(TRUNCATE)");
db.close();

const BASELINE = process.env.BENCH_BASELINE_BIN ?? null;
const outputs = new Map<string, string>();
function timed(cmd: string[], cwd: string): number {
  const t0 = Bun.nanoseconds();
  const p = Bun.spawnSync(cmd, { cwd, stdout: "pipe", stderr: "pipe" });
  if (p.exitCode !== 0) throw new Error(`${cmd.join(" ")} exited ${p.exitCode}: ${p.stderr.toString()}`);
  const s = (Bun.nanoseconds() - t0) / 1e9;
  outputs.set(cmd[0]!, p.stdout.toString());
  return s;
}
// The interpreter itself, not a version manager's shim in front of it (pyenv's adds a shell script).
const PYTHON = Bun.spawnSync(["python3", "-c", "import sys; print(sys.executable)"]).stdout.toString().trim();
const python = () => timed([PYTHON, "-c", "s=0\nfor i in range(20_000_000): s += i"], dir);
const backtest = (i: number, bin = BIN) => {
  const path = join(dir, `run-${i}.db`);
  copyFileSync(master, path);
  const s = timed([bin, "backtest", "--model", "v4", "--coins", "all", "--db", path], dir);
  rmSync(path, { force: true });
  return s;
};

backtest(-1); // the first exec pulls the binary into the page cache
if (BASELINE) backtest(-1, BASELINE);
const pairs: { bt: number; py: number; base: number }[] = [];
for (let i = 0; i < PAIRS; i++) {
  const py = python();
  const bt = backtest(i);
  const base = BASELINE ? backtest(i, BASELINE) : Number.NaN;
  pairs.push({ bt, py, base });
}
rmSync(dir, { recursive: true, force: true });
const ratios = pairs.map((p) => p.bt / p.py);
const list = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(", ");
console.log(
  "\n== stored backtest, whole process: hlbot backtest --model v4 --coins all (both paths, stored) ==",
);
console.log(
  `hlbot backtest    median ${secs(median(pairs.map((p) => p.bt)))} (${list(pairs.map((p) => p.bt))} s)`,
);
console.log(
  `python loop       (${PYTHON}) median ${secs(median(pairs.map((p) => p.py)))} (${list(pairs.map((p) => p.py))} s)`,
);
console.log(`ratio per pair    median ${median(ratios).toFixed(2)}× (${list(ratios)}); target ≤ 0.40×`);
if (BASELINE) {
  const same = outputs.get(BIN) === outputs.get(BASELINE);
  console.log(
    `baseline ${BASELINE}: median ${secs(median(pairs.map((p) => p.base)))} (${list(pairs.map((p) => p.base))} s), ` +
      `${median(pairs.map((p) => p.base / p.py)).toFixed(2)}× the loop; this build / baseline ${median(pairs.map((p) => p.bt / p.base)).toFixed(2)}×; same output: ${same ? "yes" : "NO"}`,
  );
}
recordFigure({
  what: "stored backtest, whole process (`--model v4 --coins all`, both paths)",
  figure: `${secs(median(pairs.map((p) => p.bt)))} median`,
  target: "≤ 0.40× python loop",
  floor:
    `python loop ${secs(median(pairs.map((p) => p.py)))} → ${median(ratios).toFixed(2)}× (median of ${PAIRS} alternating rounds)` +
    (BASELINE
      ? `; baseline build ${secs(median(pairs.map((p) => p.base)))} → ${median(pairs.map((p) => p.base / p.py)).toFixed(2)}×`
      : ""),
  met: median(ratios) <= 0.4,
});
