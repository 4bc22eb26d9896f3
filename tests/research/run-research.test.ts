// `hlbot research` on a reduced set (BTC, ETH, SOL over one month, the real BTC book hour in the
// ledger, a small gate calibration): every question answers with a verdict and its rule through stored
// engine runs that `hlbot runs` can open, the answers are deterministic given the seed, the HTML
// report is self-contained, and bad flags are usage errors (exit 2) naming the flag.
import { beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { parseQuestions, parseSeed } from "../../src/cli/research.ts";
import { loadConfig } from "../../src/config/loader.ts";
import { UsageError } from "../../src/core/errors.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { BookSnapshotsRepo } from "../../src/ledger/repos/book-snapshots.ts";
import { importDirectory } from "../../src/market/importer.ts";
import { formatResearch } from "../../src/research/print.ts";
import { researchHtml } from "../../src/research/report-html.ts";
import { type ResearchReport, runResearch } from "../../src/research/run-research.ts";
import { toSnapshotRow } from "../../src/sim/depth/depth-book.ts";
import { parseL2BookCsv } from "../../src/sim/depth/l2book-csv.ts";
import { HL_DATA, scratchDir } from "../support/paths.ts";

const COINS = ["BTC", "ETH", "SOL"];
const dbPath = join(scratchDir(), "research.db");
let report: ResearchReport;
const db = openLedger(dbPath);
const { config } = loadConfig({ cwd: scratchDir(), env: {} });
const options = {
  db,
  config,
  coins: COINS,
  from: Date.parse("2025-03-01T00:00Z"),
  to: Date.parse("2025-04-01T00:00Z"),
  seed: 5,
  calibrationFamilies: { noise: 6, planted: 3, decayed: 3 },
};

beforeAll(async () => {
  await importDirectory(db, HL_DATA, { coins: new Set(COINS) });
  const books = parseL2BookCsv(join(HL_DATA, "l2book", "BTC-l2book-2024-01-01T12.csv.gz"));
  new BookSnapshotsRepo(db).insertMany(books.map(toSnapshotRow));
  report = runResearch(
    { ...options, store: true, command: "hlbot research (test)" },
    [1, 2, 3, 4, 5, 6, 7, 8],
  );
}, 90_000);

describe("hlbot research on a reduced set", () => {
  test("all eight questions answer, each with a verdict, its rule, effects with n and a CI", () => {
    expect(report.questions.map((q) => q.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const q of report.questions) {
      expect(["real effect", "paper tiger", "not enough data"]).toContain(q.verdict);
      expect(q.rule.length, `Q${q.id} rule`).toBeGreaterThan(10);
      expect(q.answer.length, `Q${q.id} answer`).toBeGreaterThan(20);
      expect(q.effects.length, `Q${q.id} effects`).toBeGreaterThan(0);
      for (const e of q.effects) {
        expect(e.n).toBeGreaterThanOrEqual(0);
        expect(e.ci).toHaveLength(2);
      }
    }
  });

  test("every experiment is a stored backtest run tagged with its question and variant", () => {
    expect(report.runs.length).toBeGreaterThanOrEqual(20);
    for (const ref of report.runs) {
      const row = db
        .query("SELECT kind, params, summary FROM backtest_runs WHERE id = ?1")
        .get(ref.runId!) as {
        kind: string;
        params: string;
        summary: string | null;
      };
      expect(row.kind).toBe("single");
      expect(JSON.parse(row.params).research).toMatchObject({ variant: ref.variant, seed: 5 });
      expect(row.summary).not.toBeNull();
    }
    // The baseline is made once and shared by the questions that use it.
    const base = report.runs.filter((r) => r.variant.startsWith("baseline"));
    expect(base).toHaveLength(1);
    expect(report.questions.find((q) => q.id === 7)!.runs[0]!.runId).toBe(base[0]!.runId);
  });

  test("question 3 counts the recorded books per coin and prices BTC's v5 fills from its impact model", () => {
    const q3 = report.questions.find((q) => q.id === 3)!;
    const books = q3.tables.find((t) => t.title.startsWith("Recorded order books"))!;
    expect(books.rows.map((r) => [r[0], r[1]])).toEqual([
      ["BTC", 5587],
      ["ETH", 0],
      ["SOL", 0],
    ]);
    const btc = books.rows.find((r) => r[0] === "BTC")!;
    expect(Number(btc[6]), "BTC fills priced by the impact model").toBeGreaterThan(0);
    expect(Number(books.rows.find((r) => r[0] === "ETH")![6])).toBe(0);
  });

  test("question 7 says not enough data, with the sample needed, when no trade has a recorded book", () => {
    const q7 = report.questions.find((q) => q.id === 7)!;
    expect(q7.verdict).toBe("not enough data");
    for (const e of q7.effects) expect(e.neededN!).toBeGreaterThanOrEqual(30);
  });

  test("deterministic given the seed: the same answers from a second, unstored run", () => {
    const again = runResearch({ ...options, store: false }, [2, 4, 8]);
    const pick = (r: ResearchReport, id: number) => {
      const q = r.questions.find((x) => x.id === id)!;
      return { answer: q.answer, effects: q.effects, tables: q.tables };
    };
    for (const id of [2, 4, 8]) expect(pick(again, id)).toEqual(pick(report, id));
  }, 60_000);

  test("the HTML report is self-contained: one section and one chart per question, run ids, no external resource", () => {
    const html = researchHtml(report);
    for (let id = 1; id <= 8; id++) expect(html).toContain(`<section id="q${id}">`);
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(7);
    expect(html).toContain(`#${report.runs[0]!.runId}`);
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    const text = formatResearch(report, null);
    expect(text).toContain("Q8. Promotion gate calibration");
  });
});

describe("flags", () => {
  test("--questions and --seed refuse what is not a question or a seed", () => {
    expect(parseQuestions(undefined)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseQuestions("5,1,5")).toEqual([5, 1]);
    expect(() => parseQuestions("1,9")).toThrow(UsageError);
    expect(() => parseQuestions("x")).toThrow(/--questions/);
    expect(parseSeed("42")).toBe(42);
    expect(() => parseSeed("-1")).toThrow(/--seed/);
  });

  test("as a process: a bad flag exits 2 naming it", () => {
    const p = Bun.spawnSync(["bun", "src/main.ts", "research", "--db", dbPath, "--questions", "0"], {
      cwd: join(import.meta.dir, "../.."),
      env: { ...process.env, HLBOT_CONFIG: join(import.meta.dir, "../../config/hlbot.yaml") },
    });
    expect(p.exitCode).toBe(2);
    expect(p.stderr.toString() + p.stdout.toString()).toContain("--questions");
  });
});
