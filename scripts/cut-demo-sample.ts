/**
 * Cuts the demo's bundled sample (demo/sample/) from the real Hyperliquid data in
 * ../shared/data/hyperliquid: for every coin of the default basket, the 15m/1h/4h candles and the
 * hourly funding from `HISTORY_BARS` bars (funding: as far back as the 4h bars) before the replay
 * window's start to the end of the data. Rows are copied verbatim (values unchanged) and gzipped
 * deterministically, so a re-run over the same input writes byte-identical files. It also writes
 * src/demo/sample-files.ts, the manifest that embeds the files in the binary.
 *
 *   bun scripts/cut-demo-sample.ts [--data DIR] [--out DIR] [--manifest FILE|none]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_COINS } from "../src/config/sections/engine.ts";

/** First instant of the replay window: the earliest time every coin has a full warm-up before it. */
const REPLAY_FROM = Date.parse("2025-06-20T00:00:00Z");
/** Bars per interval kept before the replay window (engine.history_bars' default). */
const HISTORY_BARS = 500;
const INTERVALS = { "15m": 900_000, "1h": 3_600_000, "4h": 14_400_000 } as const;

const root = resolve(import.meta.dir, "..");
const { values } = parseArgs({
  options: {
    data: { type: "string", default: resolve(root, "..", "shared", "data", "hyperliquid") },
    out: { type: "string", default: join(root, "demo", "sample") },
    manifest: { type: "string", default: join(root, "src", "demo", "sample-files.ts") },
  },
});
const dataDir = resolve(values.data);
const outDir = resolve(values.out);
if (!existsSync(dataDir)) {
  console.error(`${dataDir}: not found (the real data, ../shared/data/hyperliquid; or pass --data DIR)`);
  process.exit(2);
}

function readLines(path: string): string[] {
  return new TextDecoder().decode(Bun.gunzipSync(readFileSync(path))).split("\n");
}

/** Header plus the rows whose time is >= from (rows are time-ordered), and the last row's time. */
function cut(path: string, from: number): { text: string; last: number } {
  const time = (l: string) => Number(l.slice(0, l.indexOf(",")));
  const [header, ...rows] = readLines(path);
  const kept = rows.filter((l) => l !== "" && time(l) >= from);
  if (kept.length === 0) throw new Error(`${path}: no rows from ${new Date(from).toISOString()}`);
  return { text: `${[header, ...kept].join("\n")}\n`, last: time(kept.at(-1)!) };
}

mkdirSync(outDir, { recursive: true });
for (const old of readdirSync(outDir)) if (old.endsWith(".csv.gz")) rmSync(join(outDir, old));
const files: string[] = [];
let end = Number.POSITIVE_INFINITY;
let bytes = 0;
const write = (name: string, text: string) => {
  const gz = Bun.gzipSync(new TextEncoder().encode(text), { level: 9 });
  writeFileSync(join(outDir, name), gz);
  files.push(name);
  bytes += gz.length;
};
for (const coin of DEFAULT_COINS) {
  for (const [interval, len] of Object.entries(INTERVALS)) {
    const c = cut(join(dataDir, `${coin}-${interval}.csv.gz`), REPLAY_FROM - HISTORY_BARS * len);
    write(`${coin}-${interval}.csv.gz`, c.text);
    end = Math.min(end, c.last + len);
  }
  const f = cut(join(dataDir, `${coin}-funding-1h.csv.gz`), REPLAY_FROM - HISTORY_BARS * INTERVALS["4h"]);
  write(`${coin}-funding-1h.csv.gz`, f.text);
}
files.sort();
if (values.manifest !== "none") writeManifest(resolve(values.manifest), files, end);
console.log(
  `${files.length} files, ${(bytes / 1e6).toFixed(2)} MB in ${relative(root, outDir)}, replay window ${iso(REPLAY_FROM)} .. ${iso(end)}`,
);

function iso(t: number): string {
  return new Date(t).toISOString();
}

/** src/demo/sample-files.ts: one `with { type: "file" }` import per file, so `bun build --compile` embeds them. */
function writeManifest(path: string, names: string[], end: number): void {
  const from = relative(join(path, ".."), outDir).split("\\").join("/");
  const id = (i: number) => `f${String(i).padStart(2, "0")}`;
  const text = [
    "/**",
    " * The demo's bundled sample, embedded in the binary: one file import per sample file (paths readable",
    " * with node:fs in the compiled binary as in development) and the window it covers. Written by",
    " * scripts/cut-demo-sample.ts from ../shared/data/hyperliquid; re-run the script rather than editing.",
    " */",
    ...names.map((n, i) => `import ${id(i)} from "${from}/${n}" with { type: "file" };`),
    "",
    "/** File name → readable path. */",
    "export const SAMPLE_FILES: Readonly<Record<string, string>> = {",
    ...names.map((n, i) => `  "${n}": ${id(i)},`),
    "};",
    "",
    "/** Coins of the sample: every coin has 15m, 1h and 4h candles and hourly funding. */",
    `export const SAMPLE_COINS: readonly string[] = ${JSON.stringify(DEFAULT_COINS)};`,
    "",
    `/** First instant of the replay window: ${HISTORY_BARS} bars of every interval lie before it. */`,
    `export const SAMPLE_REPLAY_FROM = Date.parse("${iso(REPLAY_FROM)}");`,
    "",
    "/** End of the data: the last bar of the shortest series closes here. */",
    `export const SAMPLE_END = Date.parse("${iso(end)}");`,
    "",
  ].join("\n");
  writeFileSync(path, text);
  // The repo's formatter has the last word on layout (import order, line breaks).
  const biome = Bun.spawnSync([process.execPath, "x", "biome", "check", "--write", path], { cwd: root });
  if (biome.exitCode !== 0) throw new Error(`biome failed on ${path}: ${biome.stderr.toString()}`);
}
