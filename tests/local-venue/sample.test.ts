// The demo's bundled sample (demo/sample/, embedded through src/demo/sample-files.ts): it is exactly
// what scripts/cut-demo-sample.ts cuts from ../shared/data (re-run here), it holds every coin's
// warm-up before the replay window and ≥ 14 days of replay in ≤ 5 MB, and the venue serves the same
// answers from it as from the full data set.
import { afterAll, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { DAY_MS } from "../../src/core/clock.ts";
import { SAMPLE_COINS, SAMPLE_END, SAMPLE_REPLAY_FROM } from "../../src/demo/sample.ts";
import { SAMPLE_FILES } from "../../src/demo/sample-files.ts";
import { directorySource, fileTableSource, startLocalVenue } from "../../src/local-venue/index.ts";
import { parseCandleColumns, parseFundingColumns } from "../../src/market/csv-files.ts";
import { HL_DATA, REPO_ROOT, scratchDir } from "../support/paths.ts";

const SAMPLE_DIR = join(REPO_ROOT, "demo", "sample");
const INTERVALS = { "15m": 900_000, "1h": 3_600_000, "4h": 14_400_000 } as const;
/** Bars every feature needs before its first value counts (features.seed_tolerance at its default). */
const WARMUP_BARS = 425;

const text = (path: string) => new TextDecoder().decode(Bun.gunzipSync(readFileSync(path)));

describe("the bundled demo sample", () => {
  test("is the cut of ../shared/data/hyperliquid: a re-run of the script gives the same rows", () => {
    const out = join(scratchDir("hlbot-sample-"), "sample");
    const run = Bun.spawnSync(
      [
        process.execPath,
        join(REPO_ROOT, "scripts", "cut-demo-sample.ts"),
        "--out",
        out,
        "--manifest",
        "none",
      ],
      { cwd: REPO_ROOT, stdout: "pipe", stderr: "pipe" },
    );
    expect(run.stderr.toString()).toBe("");
    expect(run.exitCode).toBe(0);
    const committed = readdirSync(SAMPLE_DIR)
      .filter((f) => f.endsWith(".csv.gz"))
      .sort();
    expect(readdirSync(out).sort()).toEqual(committed);
    for (const name of committed) expect(text(join(out, name))).toBe(text(join(SAMPLE_DIR, name)));
  }, 30_000);

  test("the manifest embeds exactly the committed files", () => {
    const committed = readdirSync(SAMPLE_DIR)
      .filter((f) => f.endsWith(".csv.gz"))
      .sort();
    expect(Object.keys(SAMPLE_FILES).sort()).toEqual(committed);
    for (const [name, path] of Object.entries(SAMPLE_FILES)) expect(path).toBe(join(SAMPLE_DIR, name));
  });

  test("every coin: candles with a full warm-up before the replay window, funding, ≥ 14 days of replay, ≤ 5 MB", () => {
    expect(SAMPLE_COINS).toHaveLength(23);
    expect(SAMPLE_END - SAMPLE_REPLAY_FROM).toBeGreaterThanOrEqual(14 * DAY_MS);
    for (const coin of SAMPLE_COINS) {
      for (const [interval, len] of Object.entries(INTERVALS)) {
        const c = parseCandleColumns(SAMPLE_FILES[`${coin}-${interval}.csv.gz`]!);
        const before = c.t.filter((t) => t + len <= SAMPLE_REPLAY_FROM).length;
        expect(before).toBeGreaterThanOrEqual(WARMUP_BARS);
        expect(c.t.at(-1)! + len).toBeGreaterThanOrEqual(SAMPLE_END);
      }
      const f = parseFundingColumns(SAMPLE_FILES[`${coin}-funding-1h.csv.gz`]!);
      expect(f.eventT[0]!).toBeLessThanOrEqual(SAMPLE_REPLAY_FROM - WARMUP_BARS * INTERVALS["4h"]);
      expect(f.eventT.at(-1)!).toBeGreaterThanOrEqual(SAMPLE_END - INTERVALS["1h"]);
    }
    const bytes = Object.values(SAMPLE_FILES).reduce((sum, p) => sum + statSync(p).size, 0);
    expect(bytes).toBeLessThanOrEqual(5_000_000);
  }, 30_000);

  const T = SAMPLE_REPLAY_FROM + 3 * DAY_MS + 7 * 60_000;
  const embedded = startLocalVenue({ data: fileTableSource("sample", SAMPLE_FILES), time: T });
  const full = startLocalVenue({ data: directorySource(HL_DATA), time: T });
  afterAll(async () => {
    await embedded.stop();
    await full.stop();
  });
  const info = async (url: string, body: unknown) =>
    (await fetch(`${url}/info`, { method: "POST", body: JSON.stringify(body) })).json();

  test("the venue answers the same from the sample as from the full data set inside the window", async () => {
    for (const coin of ["BTC", "kPEPE", "TIA"]) {
      for (const [interval, len] of Object.entries(INTERVALS)) {
        const req = { coin, interval, startTime: T - 500 * len, endTime: T };
        const body = { type: "candleSnapshot", req };
        const a = await info(embedded.url, body);
        expect(a).toHaveLength(501); // as on HL: the bar containing the (off-grid) start, 499 after it, the forming one
        expect(a).toEqual(await info(full.url, body));
      }
      const funding = { type: "fundingHistory", coin, startTime: T - 20 * DAY_MS, endTime: T };
      expect(await info(embedded.url, funding)).toEqual(await info(full.url, funding));
    }
    expect(await info(embedded.url, { type: "allMids" })).toEqual(await info(full.url, { type: "allMids" }));
  }, 30_000);
});

describe("data sources", () => {
  test("a directory: files by name, .csv.gz or .csv, and the L2 hour; null when absent", () => {
    const dir = directorySource(HL_DATA);
    expect(dir.file("BTC-1h")).toBe(join(HL_DATA, "BTC-1h.csv.gz"));
    expect(dir.file("NOPE-1h")).toBeNull();
    expect(dir.l2File("BTC")).toStartWith(join(HL_DATA, "l2book", "BTC-l2book-"));
    expect(dir.l2File("ETH")).toBeNull();
    const empty = directorySource(scratchDir());
    expect(empty.file("BTC-1h")).toBeNull();
    expect(empty.l2File("BTC")).toBeNull();
  });

  test("a file table: the embedded sample by file name", () => {
    const table = fileTableSource("sample", SAMPLE_FILES);
    expect(table.file("ETH-4h")).toBe(SAMPLE_FILES["ETH-4h.csv.gz"]!);
    expect(table.file("ETH-1d")).toBeNull();
    expect(table.l2File("BTC")).toBeNull();
  });
});
