/**
 * The whole `hlbot research` run on the full shared data set: every question, all 23 coins, the
 * whole window, the real BTC book hour in the ledger, the default gate calibration (200 / 40 / 40
 * families), every experiment stored. Prints the wall time of the run and of each question, and the
 * verdicts; with HLBOT_RESEARCH_OUT=DIR it also writes research.txt, research.json and research.html.
 */

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config/loader.ts";
import { DEFAULT_COINS } from "../src/config/sections/engine.ts";
import { coinsToLoad, signalIntervals, warmupMs } from "../src/engine/signal-source.ts";
import { openLedger } from "../src/ledger/open.ts";
import { BookSnapshotsRepo } from "../src/ledger/repos/book-snapshots.ts";
import { importDirectory } from "../src/market/importer.ts";
import { formatResearch } from "../src/research/print.ts";
import { researchHtml } from "../src/research/report-html.ts";
import { QUESTION_IDS, runResearch } from "../src/research/run-research.ts";
import { ledgerSpans, resolveWindow } from "../src/sim/backtest-window.ts";
import { toSnapshotRow } from "../src/sim/depth/depth-book.ts";
import { parseL2BookCsv } from "../src/sim/depth/l2book-csv.ts";
import { HL_DATA } from "../tests/support/paths.ts";
import { recordFigure } from "./results.ts";

const dir = mkdtempSync(join(tmpdir(), "hlbot-bench-research-"));
const db = openLedger(join(dir, "bench.db"));
await importDirectory(db, HL_DATA);
new BookSnapshotsRepo(db).insertMany(
  parseL2BookCsv(join(HL_DATA, "l2book", "BTC-l2book-2024-01-01T12.csv.gz")).map(toSnapshotRow),
);
const { config } = loadConfig({ cwd: dir, env: {} });
const window = resolveWindow(
  ledgerSpans(db, coinsToLoad(config, DEFAULT_COINS), signalIntervals(config, null)),
  DEFAULT_COINS,
  null,
  null,
  warmupMs(config, null),
);
const t0 = Bun.nanoseconds();
const report = runResearch(
  { db, config, coins: [...DEFAULT_COINS], from: window.from, to: window.to, seed: 1, store: true },
  QUESTION_IDS,
);
const wall = (Bun.nanoseconds() - t0) / 1e9;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);
console.log("\n== research: hlbot research, all eight questions on the full data set ==");
console.log(
  `window                 ${day(report.from)} → ${day(report.to)}, ${report.coins.length} coins, seed 1`,
);
console.log(`engine runs            ${report.runs.length} stored backtest runs`);
for (const q of report.questions)
  console.log(`Q${q.id} ${q.title.padEnd(58)} ${q.seconds.toFixed(1).padStart(6)} s  ${q.verdict}`);
console.log(`whole research run     ${wall.toFixed(1)} s wall`);
recordFigure({
  what: "`hlbot research`, all eight questions, full data set (23 coins)",
  figure: `${wall.toFixed(1)} s wall`,
  target: "printed (issue 17 sets no bound)",
  floor: `${report.runs.length} stored backtest runs`,
  met: true,
});
const out = process.env.HLBOT_RESEARCH_OUT;
if (out) {
  writeFileSync(join(out, "research.txt"), formatResearch(report, null));
  writeFileSync(join(out, "research.json"), JSON.stringify(report, null, 2));
  writeFileSync(join(out, "research.html"), researchHtml(report));
  console.log(`report                 ${out}/research.{txt,json,html}`);
}
db.close();
