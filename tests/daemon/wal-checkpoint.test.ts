// The daemon's own WAL checkpoints (src/daemon/wal-checkpoint.ts): SQLite's automatic checkpoint is
// off on its connection and a PASSIVE checkpoint runs only at a quiet moment, at most once per
// spacing — so the websocket bars' commit at a 4h close no longer copies and syncs the WAL.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { WalCheckpointer } from "../../src/daemon/wal-checkpoint.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { CandlesRepo } from "../../src/ledger/repos/candles.ts";
import { scratchDir } from "../support/paths.ts";

function ledgerWithWrites() {
  const db = openLedger(join(scratchDir("hlbot-ckpt-"), "ledger.db"));
  const repo = new CandlesRepo(db);
  return {
    db,
    write: (from: number) =>
      repo.insertMany(
        "BTC",
        "15m",
        Array.from({ length: 3000 }, (_, i) => {
          const t = (from + i) * 900_000;
          return { t, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 };
        }),
      ),
  };
}

describe("WalCheckpointer", () => {
  test("turns the automatic checkpoint off; the WAL grows past SQLite's 1,000 pages until it runs", () => {
    const { db, write } = ledgerWithWrites();
    const before = db.query("PRAGMA wal_autocheckpoint").get() as { wal_autocheckpoint: number };
    expect(before.wal_autocheckpoint).toBe(1000);
    const ckpt = new WalCheckpointer(db, 60_000);
    expect(
      (db.query("PRAGMA wal_autocheckpoint").get() as { wal_autocheckpoint: number }).wal_autocheckpoint,
    ).toBe(0);
    for (let k = 0; k < 20; k++) write(k * 3000);
    const r = ckpt.maybe(0, true);
    expect(r).not.toBeNull();
    expect(r!.walFrames).toBeGreaterThan(1000);
    expect(r!.checkpointed).toBe(r!.walFrames);
    expect(ckpt.count).toBe(1);
    db.close();
  });

  test("only at a quiet moment, at most once per spacing", () => {
    const { db, write } = ledgerWithWrites();
    const ckpt = new WalCheckpointer(db, 60_000);
    write(0);
    expect(ckpt.maybe(0, false)).toBeNull();
    expect(ckpt.maybe(0, true)).not.toBeNull();
    write(3000);
    expect(ckpt.maybe(59_999, true)).toBeNull();
    const again = ckpt.maybe(60_000, true);
    expect(again!.walFrames).toBeGreaterThan(0);
    expect(ckpt.count).toBe(2);
    db.close();
  });
});
