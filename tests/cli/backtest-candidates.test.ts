// A live_candidates.json the backtest's live path cannot use is bad input: exit 2 naming the file
// and the keys, never exit 1 (it exited 1 with the right message before).
import { beforeAll, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openLedger } from "../../src/ledger/open.ts";
import { importDirectory } from "../../src/market/importer.ts";
import { HL_DATA, REPO_ROOT, scratchDir } from "../support/paths.ts";

const dir = scratchDir("hlbot-bt-cands-");
const ledger = join(dir, "ledger.db");

beforeAll(async () => {
  const db = openLedger(ledger);
  await importDirectory(db, HL_DATA, { coins: new Set(["BTC"]) });
  db.close();
  mkdirSync(join(dir, "config"), { recursive: true });
  writeFileSync(join(dir, "config", "live_candidates.json"), '{"version":1,"buckets":[],"bogus":1}');
}, 120_000);

test("backtest with an invalid live_candidates.json exits 2 and names the file", () => {
  const r = Bun.spawnSync(
    [
      process.execPath,
      join(REPO_ROOT, "src", "main.ts"),
      "backtest",
      "--db",
      ledger,
      "--coins",
      "BTC",
      "--from",
      "2025-06-01",
      "--to",
      "2025-06-10",
    ],
    { cwd: dir, env: { PATH: process.env.PATH ?? "" }, stdout: "pipe", stderr: "pipe" },
  );
  const err = r.stderr.toString();
  expect(r.exitCode, err).toBe(2);
  expect(err).toContain("live_candidates.json");
  expect(err).toContain("bogus");
  expect(err).not.toContain("    at ");
}, 60_000);
