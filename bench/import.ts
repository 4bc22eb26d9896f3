/**
 * `hlbot import` throughput: all of ../shared/data/hyperliquid (candles + funding, and the l2book hour
 * into book_snapshots) into a fresh ledger, then the idempotent re-run (every row already present).
 * Target ≥ 2M rows/s for the fresh import; rows/s counts candle and funding rows over the whole import
 * time (books included). CPU time is the process's, both threads, so it is comparable on a busy machine.
 * Beside it, the floor: SQLite writing the same, already parsed rows with plain INSERTs into the same
 * tables (bench/sqlite-insert-floor.ts), once per round, alternating with the import.
 * BENCH_BASELINE_SRC=<a checkout of an older commit> imports with its importer in the same rounds
 * (before/after in one run; the ledgers are compared row for row).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLedger } from "../src/ledger/open.ts";
import { importDirectory } from "../src/market/importer.ts";
import { HL_DATA } from "../tests/support/paths.ts";
import { recordFigure, secs } from "./results.ts";
import { parseAll, plainInsertSeconds } from "./sqlite-insert-floor.ts";

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const BASELINE = process.env.BENCH_BASELINE_SRC ?? null;
const baselineImport = BASELINE
  ? (
      (await import(join(BASELINE, "src", "market", "importer.ts"))) as {
        importDirectory: typeof importDirectory;
      }
    ).importDirectory
  : null;
const digest = (db: ReturnType<typeof openLedger>) =>
  Bun.hash(
    JSON.stringify([db.query("SELECT * FROM candles").values(), db.query("SELECT * FROM funding").values()]),
  );
const runs: { fresh: number; again: number; rows: number; cpu: number; books: number }[] = [];
const baseRuns: { seconds: number; cpu: number }[] = [];
const cpuSeconds = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
};
let sameRows = true;
const parsedTables = parseAll(HL_DATA);
const floors: number[] = [];
for (let i = 0; i < 3; i++) {
  const dir = mkdtempSync(join(tmpdir(), "hlbot-import-"));
  const db = openLedger(join(dir, "x.db"));
  const c0 = process.cpuUsage();
  const first = await importDirectory(db, HL_DATA);
  const cpu = cpuSeconds(c0);
  const second = await importDirectory(db, HL_DATA);
  if (baselineImport) {
    const other = openLedger(join(dir, "base.db"));
    const b0 = process.cpuUsage();
    const seconds = (await baselineImport(other, HL_DATA)).seconds;
    baseRuns.push({ seconds, cpu: cpuSeconds(b0) });
    if (i === 0) sameRows = digest(db) === digest(other);
    other.close();
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  floors.push(plainInsertSeconds(parsedTables).seconds);
  runs.push({ fresh: first.seconds, again: second.seconds, rows: first.rows, cpu, books: first.books.added });
}
const best = runs.reduce((a, b) => (b.fresh < a.fresh ? b : a));
const floor = Math.min(...floors);
console.log("\n== import: all of ../shared/data/hyperliquid ==");
console.log(`rows                 ${fmt(best.rows)} candle + funding, and ${fmt(best.books)} book snapshots`);
console.log(
  `fresh ledger         best ${best.fresh.toFixed(2)} s   ${fmt(best.rows / best.fresh)} rows/s (runs: ${runs.map((r) => r.fresh.toFixed(2)).join(", ")} s)`,
);
console.log(
  `  CPU (both threads) ${best.cpu.toFixed(2)} s in the best run (runs: ${runs.map((r) => r.cpu.toFixed(2)).join(", ")} s)`,
);
console.log(
  `re-run (idempotent)  ${best.again.toFixed(2)} s   ${fmt(best.rows / best.again)} rows/s checked, 0 added`,
);
console.log(
  `SQLite floor         best ${floor.toFixed(2)} s   ${fmt(best.rows / floor)} rows/s: the same rows, parsed beforehand, plain INSERTs in one transaction + checkpoint (runs: ${floors.map((x) => x.toFixed(2)).join(", ")} s)`,
);
console.log(`target ≥ 2,000,000 rows/s: ${(best.rows / best.fresh / 2e6).toFixed(2)}× of target`);
if (baselineImport) {
  const b = Math.min(...baseRuns.map((x) => x.seconds));
  console.log(
    `baseline (${BASELINE}) best ${b.toFixed(2)} s   ${fmt(best.rows / b)} rows/s (runs: ${baseRuns.map((x) => `${x.seconds.toFixed(2)} s / CPU ${x.cpu.toFixed(2)} s`).join(", ")}); same rows: ${sameRows ? "yes" : "NO"}`,
  );
}
recordFigure({
  what: `fresh import of ../shared/data/hyperliquid (${fmt(best.rows)} rows)`,
  figure: `${(best.rows / best.fresh / 1e6).toFixed(2)} M rows/s (${secs(best.fresh)}, CPU ${best.cpu.toFixed(2)} s, best of 3)`,
  target: "≥ 2 M rows/s",
  floor:
    `${(best.rows / best.fresh / 2e6).toFixed(2)}× of target; SQLite alone writing the same parsed rows (plain INSERTs): ${(best.rows / floor / 1e6).toFixed(2)} M rows/s; idempotent re-run ${(best.rows / best.again / 1e6).toFixed(2)} M rows/s` +
    (baseRuns.length
      ? `; baseline build ${(best.rows / Math.min(...baseRuns.map((x) => x.seconds)) / 1e6).toFixed(2)} M rows/s`
      : ""),
  met: best.rows / best.fresh >= 2e6,
});
