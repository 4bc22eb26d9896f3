// Runs the compiled binary (dist/hlbot, built by `make build` before the tests) as a user would.
import { beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HL_DATA, REPO_ROOT, scratchDir } from "../support/paths.ts";

const BIN = join(REPO_ROOT, "dist", "hlbot");

function run(args: string[], cwd = scratchDir(), env: Record<string, string> = {}) {
  const proc = Bun.spawnSync([BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  return { code: proc.exitCode, out: proc.stdout.toString(), err: proc.stderr.toString() };
}

describe("dist/hlbot", () => {
  beforeAll(() => {
    if (!existsSync(BIN)) throw new Error("dist/hlbot missing: run `make build` (make test does)");
  });

  test("--version prints the package version", () => {
    const r = run(["--version"]);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test("config check on the shipped config prints the effective config, secrets redacted", () => {
    const key = `0x${"5a".repeat(32)}`;
    const r = run(["config", "check", "--config", join(REPO_ROOT, "config", "hlbot.yaml")], scratchDir(), {
      HL_PRIVATE_KEY: key,
    });
    expect(r.code).toBe(0);
    expect(r.out).toContain("tick_seconds: 30");
    expect(r.out).toContain(`HL_PRIVATE_KEY: "<redacted>"`);
    expect(r.out + r.err).not.toContain("5a5a5a");
  });

  test("a broken config names each bad key and exits 2", () => {
    const dir = scratchDir();
    writeFileSync(join(dir, "bad.yaml"), "risk:\n  max_positions: 0\napi:\n  prot: 1\n");
    const r = run(["config", "check", "--config", join(dir, "bad.yaml"), "--log-format", "pretty"], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain("risk.max_positions");
    expect(r.err).toContain("api.prot: unknown key");
  });

  test("import loads a real slice and a re-run adds nothing", () => {
    const data = scratchDir();
    copyFileSync(join(HL_DATA, "ETH-4h.csv.gz"), join(data, "ETH-4h.csv.gz"));
    const db = join(scratchDir(), "x.db");
    const first = run(["import", "--dir", data, "--db", db, "--json"]);
    expect(first.code).toBe(0);
    const s1 = JSON.parse(first.out);
    expect(s1.added).toBeGreaterThan(1000);
    expect(s1.added).toBe(s1.rows);
    const s2 = JSON.parse(run(["import", "--dir", data, "--db", db, "--json"]).out);
    expect(s2.added).toBe(0);
  });

  test("backtest --sweep runs its Bun workers inside the compiled binary", () => {
    const data = scratchDir();
    copyFileSync(join(HL_DATA, "ETH-1h.csv.gz"), join(data, "ETH-1h.csv.gz"));
    copyFileSync(join(HL_DATA, "ETH-15m.csv.gz"), join(data, "ETH-15m.csv.gz"));
    copyFileSync(join(HL_DATA, "ETH-4h.csv.gz"), join(data, "ETH-4h.csv.gz"));
    const db = join(scratchDir(), "x.db");
    expect(run(["import", "--dir", data, "--db", db]).code).toBe(0);
    const r = run([
      "backtest",
      "--db",
      db,
      "--coins",
      "ETH",
      "--from",
      "2025-04-01",
      "--to",
      "2025-05-01",
      "--sweep",
      "exits.trail_from_r=1.5,2.5",
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).results).toHaveLength(2);
  });

  test("import of a missing directory is a usage error", () => {
    const r = run(["import", "--dir", "/nonexistent-dir", "--db", join(scratchDir(), "x.db")]);
    expect(r.code).toBe(2);
  });

  test("issue 14 #2: the compiled binary locks with flock: a stale lock file naming a live PID does not block", () => {
    const dir = scratchDir();
    const db = join(dir, "new", "x.db");
    // PID 1 is alive, but holds no lock: only a real flock (bun:ffi inside the binary) can tell.
    const first = run(["mine", "--db", db]);
    expect(first.code, first.err).toBe(3);
    writeFileSync(`${db}.mine.lock`, JSON.stringify({ pid: 1, t: 0 }));
    const r = run(["mine", "--db", db]);
    expect(r.code, r.err).toBe(3); // no trades yet: nothing to do, and not 75
  });

  test("issue 12 §3: usage errors exit 2 and global flags work before the subcommand in the binary", () => {
    const bad = run(["status", "--jsno"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("usage: hlbot status [options]");
    const db = join(scratchDir(), "y.db");
    expect(run(["--db", db, "import", "--dir", scratchDir()]).code).toBe(0);
    expect(existsSync(db)).toBe(true);
  });
});
