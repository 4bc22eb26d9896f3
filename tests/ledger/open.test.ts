import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { LedgerError } from "../../src/core/errors.ts";
import { LATEST_VERSION, MIGRATIONS } from "../../src/ledger/migrations/index.ts";
import { openLedger, userVersion, WRITER_CACHE_KIB } from "../../src/ledger/open.ts";
import { scratchDir } from "../support/paths.ts";

const EXPECTED_TABLES = [
  "asset_ctxs",
  "backtest_runs",
  "book_snapshots",
  "bot_state",
  "bucket_stats",
  "bucket_states",
  "candles",
  "candles_inbox",
  "decisions",
  "equity_snapshots",
  "fills",
  "funding",
  "funding_payments",
  "mining_runs",
  "orders",
  "position_exits",
  "positions",
  "promotion_audit",
];

function schemaOf(path: string): string[] {
  const db = openLedger(path);
  const rows = db
    .query("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as {
    type: string;
    name: string;
    sql: string;
  }[];
  db.close();
  return rows.map((r) => `${r.type}:${r.name}:${r.sql}`);
}

describe("openLedger", () => {
  test("an empty file migrates to the latest version with every table", () => {
    const path = join(scratchDir(), "l.db");
    const db = openLedger(path);
    expect(userVersion(db)).toBe(LATEST_VERSION);
    const tables = (
      db.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    for (const t of EXPECTED_TABLES) expect(tables).toContain(t);
    expect((db.query("PRAGMA journal_mode").get() as { journal_mode: string }).journal_mode).toBe("wal");
    expect((db.query("PRAGMA foreign_keys").get() as { foreign_keys: number }).foreign_keys).toBe(1);
    db.close();
  });

  test("every earlier version migrates to the same schema as a fresh ledger", () => {
    const fresh = schemaOf(join(scratchDir(), "fresh.db"));
    for (let v = 0; v < LATEST_VERSION; v++) {
      const path = join(scratchDir(), `v${v}.db`);
      const old = openLedger(path, { targetVersion: v });
      expect(userVersion(old)).toBe(v);
      old.close();
      expect(schemaOf(path)).toEqual(fresh);
    }
  });

  test("migrations are numbered 1..N without gaps", () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  test("reopening is a no-op and data survives", () => {
    const path = join(scratchDir(), "l.db");
    const db = openLedger(path);
    db.run("INSERT INTO bot_state (key, value, updated_at) VALUES ('k', '1', 0)");
    db.close();
    const again = openLedger(path);
    expect(again.query("SELECT value FROM bot_state WHERE key = 'k'").get()).toEqual({ value: "1" });
    again.close();
  });

  test("a writing connection gets the large page cache (WAL, NORMAL sync, foreign keys as before)", () => {
    const db = openLedger(join(scratchDir(), "cache.db"));
    expect(db.query("PRAGMA cache_size").get()).toEqual({ cache_size: WRITER_CACHE_KIB });
    expect(db.query("PRAGMA journal_mode").get()).toEqual({ journal_mode: "wal" });
    expect(db.query("PRAGMA synchronous").get()).toEqual({ synchronous: 1 });
    expect(db.query("PRAGMA foreign_keys").get()).toEqual({ foreign_keys: 1 });
    db.close();
  });

  test("a ledger newer than this binary is refused", () => {
    const path = join(scratchDir(), "l.db");
    const db = openLedger(path);
    db.run(`PRAGMA user_version = ${LATEST_VERSION + 1}`);
    db.close();
    expect(() => openLedger(path)).toThrow(LedgerError);
  });

  test("read-only open refuses writes and an unmigrated file", () => {
    const path = join(scratchDir(), "l.db");
    openLedger(path).close();
    const ro = openLedger(path, { readonly: true });
    expect(() => ro.run("INSERT INTO bot_state (key, value, updated_at) VALUES ('k', '1', 0)")).toThrow();
    ro.close();
    const old = join(scratchDir(), "old.db");
    openLedger(old, { targetVersion: 1 }).close();
    expect(() => openLedger(old, { readonly: true })).toThrow(LedgerError);
  });
});

describe("orders repo", () => {
  test("keeps an exit's reason with its order row (a fill learned later is booked with it)", async () => {
    const { OrdersRepo } = await import("../../src/ledger/repos/orders.ts");
    const db = openLedger(join(scratchDir(), "o.db"));
    const orders = new OrdersRepo(db);
    orders.intent(
      {
        cloid: `0x${"1".repeat(32)}`,
        decision_id: null,
        position_id: null,
        coin: "ETH",
        role: "exit",
        reason: "trail",
        order_type: "ioc",
        px: "1",
        size: "1",
        trigger_px: null,
        ref_px: "1.02",
        isBuy: false,
        reduceOnly: true,
      },
      1,
    );
    expect(orders.get(`0x${"1".repeat(32)}`)?.reason).toBe("trail");
    expect(orders.get(`0x${"1".repeat(32)}`)?.ref_px).toBe("1.02");
    db.close();
  });
});
