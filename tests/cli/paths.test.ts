// issue 14 #12 and #18: paths are paths, and a path that cannot be what it should is a clear exit 2
// (never a stack trace, never a ledger created on the way to an error).
import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { scratchDir } from "../support/paths.ts";
import { runHlbot, writeConfig } from "./support/daemon-process.ts";

const STACK = /^\s+at /m;

describe("paths", () => {
  test("issue 14 #12: --db with # and ? (and %2F) is a path, also in a working directory with #", async () => {
    const cwd = join(scratchDir(), "work #1");
    mkdirSync(cwd);
    const data = scratchDir();
    const name = "led#ger?v=1%2Fx.db";
    const r = await runHlbot(["import", "--dir", data, "--db", name, "--log-format", "json"], cwd);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(cwd)).toContain(name);
    expect(readdirSync(join(cwd, ".."))).toEqual(["work #1"]); // nothing written beside the cwd
  });

  test("issue 14 #18: a ledger path that is a directory, or not a database, is exit 2", async () => {
    const dir = scratchDir();
    const data = scratchDir();
    mkdirSync(join(dir, "ledger.db"));
    writeFileSync(join(dir, "notes.txt"), "these are my notes, not a ledger\n");
    const asDir = await runHlbot(["import", "--dir", data, "--db", join(dir, "ledger.db")], dir);
    expect(asDir.code).toBe(2);
    expect(asDir.err).toContain("is a directory");
    expect(asDir.err).not.toMatch(STACK);
    const commands = [["import", "--dir", data], ["mine"], ["serve", "--port", "0"], ["resume"]];
    const runs = await Promise.all(
      commands.map((c) => runHlbot([...c, "--db", join(dir, "notes.txt")], dir)),
    );
    for (const [i, command] of commands.entries()) {
      const r = runs[i]!;
      expect(r.code, command[0]).toBe(2);
      expect(r.err, command[0]).toContain("is not an hlbot ledger (not an SQLite database)");
      expect(r.err).not.toMatch(STACK);
    }
  }, 30_000);

  test("issue 14 #18: --dir that is a file, or holds a dangling symlink, is exit 2 naming it", async () => {
    const dir = scratchDir();
    const file = join(dir, "BTC-1h.csv");
    writeFileSync(file, "t,o,h,l,c,v\n");
    const asFile = await runHlbot(["import", "--dir", file, "--db", join(dir, "x.db")], dir);
    expect(asFile.code).toBe(2);
    expect(asFile.err).toContain("is a file, not a directory");
    const data = join(dir, "data");
    mkdirSync(data);
    symlinkSync(join(dir, "gone", "ETH-1h.csv.gz"), join(data, "ETH-1h.csv.gz"));
    const dangling = await runHlbot(["import", "--dir", data, "--db", join(dir, "y.db")], dir);
    expect(dangling.code).toBe(2);
    expect(dangling.err).toContain("ETH-1h.csv.gz is a symbolic link to a missing or unreadable file");
    expect(dangling.err).not.toMatch(STACK);
    expect(existsSync(join(dir, "y.db"))).toBe(false);
  }, 30_000);

  test("issue 14 #18: trade refusing a bad bind creates no ledger, no folder and no lock first", async () => {
    const dir = scratchDir();
    const ledger = join(dir, "new", "hlbot.db");
    const config = writeConfig({ api: { host: "0.0.0.0", port: 8931 }, ledger: { path: ledger } }, dir);
    const r = await runHlbot(["trade", "--once", "--config", config], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain("--allow-remote");
    expect(existsSync(join(dir, "new"))).toBe(false);
  });
});
