// The research ledger's schema life: created without market tables, migrated from an older version
// (its market tables recreated for the migrations, dropped again), and a main ledger of an older
// hlbot migrated once before it is attached.
import { Database } from "bun:sqlite";
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import { LATEST_VERSION } from "../../src/ledger/migrations/index.ts";
import { openLedger, userVersion } from "../../src/ledger/open.ts";
import { MARKET_TABLES, openResearchLedger, researchLedgerPath } from "../../src/runs/research-ledger.ts";
import { scratchDir } from "../support/paths.ts";

const tables = (db: Database, schema: string) =>
  (db.query(`SELECT name FROM ${schema}.sqlite_master WHERE type = 'table'`).values() as string[][]).map(
    ([n]) => n,
  );

describe("research ledger", () => {
  test("a new one holds every table but the market ones, which resolve to the attached main ledger", () => {
    const dir = scratchDir();
    const main = join(dir, "hlbot.db");
    openLedger(main).close();
    const db = openResearchLedger(join(dir, "research.db"), main);
    for (const t of MARKET_TABLES) expect(tables(db, "main")).not.toContain(t);
    expect(tables(db, "main")).toContain("decisions");
    expect(tables(db, "market")).toContain("candles");
    expect(userVersion(db)).toBe(LATEST_VERSION);
    db.close();
  });

  test("one left by an older hlbot is migrated: market tables back for the migrations, then dropped", () => {
    const dir = scratchDir();
    const main = join(dir, "hlbot.db");
    openLedger(main).close();
    const file = join(dir, "research.db");
    const old = openLedger(file, { targetVersion: LATEST_VERSION - 1 });
    for (const t of MARKET_TABLES) old.run(`DROP TABLE IF EXISTS ${t}`);
    old.close();
    const db = openResearchLedger(file, main);
    expect(userVersion(db)).toBe(LATEST_VERSION);
    for (const t of MARKET_TABLES) expect(tables(db, "main")).not.toContain(t);
    const cols = (db.query("PRAGMA main.table_info(backtest_runs)").all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(cols).toContain("config");
    db.close();
  });

  test("a main ledger of an older hlbot is migrated before it is attached", () => {
    const dir = scratchDir();
    const main = join(dir, "hlbot.db");
    openLedger(main, { targetVersion: LATEST_VERSION - 1 }).close();
    openResearchLedger(join(dir, "research.db"), main).close();
    const m = new Database(main, { readonly: true });
    expect(userVersion(m)).toBe(LATEST_VERSION);
    m.close();
  });

  test("the default path is research.db beside the main ledger; ledger.research_path overrides it", () => {
    const dir = scratchDir();
    const { config } = loadConfig({ cwd: dir, env: { HLBOT_LEDGER__PATH: join(dir, "x", "main.db") } });
    expect(researchLedgerPath(config)).toBe(join(dir, "x", "research.db"));
    expect(researchLedgerPath(config, join(dir, "r.db"))).toBe(join(dir, "r.db"));
  });
});

describe("openRunsLedger", () => {
  test("a research ledger opened with its main ledger reads the main one's candles; a full ledger opens as it is", async () => {
    const { openRunsLedger } = await import("../../src/runs/research-ledger.ts");
    const dir = scratchDir();
    const main = join(dir, "hlbot.db");
    const m = openLedger(main);
    m.run("INSERT INTO candles VALUES ('ETH', '1h', 0, 1, 2, 0.5, 1.5, 10)");
    m.close();
    const research = join(dir, "research.db");
    openResearchLedger(research, main).close();
    const db = openRunsLedger(research, { readonly: true, mainPath: main });
    expect((db.query("SELECT COUNT(*) AS n FROM candles").get() as { n: number }).n).toBe(1);
    db.close();
    const plain = openRunsLedger(research, { readonly: true });
    expect(() => plain.query("SELECT COUNT(*) FROM candles").get()).toThrow(/no such table/);
    plain.close();
    const full = openRunsLedger(main, { readonly: true, mainPath: main });
    expect((full.query("SELECT COUNT(*) AS n FROM candles").get() as { n: number }).n).toBe(1);
    full.close();
  });
});
