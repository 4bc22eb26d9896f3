// issue 12 §3, CLI conventions as a user meets them: usage errors exit 2 with the usage line, the
// global flags work before or after the subcommand, and no ANSI colour reaches a pipe or a NO_COLOR
// terminal. Runs `bun src/main.ts` (the process a user starts).
import { describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, scratchDir } from "../support/paths.ts";

const MAIN = join(REPO_ROOT, "src", "main.ts");
/** An ANSI SGR (colour) sequence. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`);

async function hlbot(args: string[], env: Record<string, string> = {}, cwd = scratchDir()) {
  const proc = Bun.spawn([process.execPath, MAIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [out, err, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  return { out, err, code };
}

/** Runs under a pseudo-terminal (util-linux `script`), so stdout and stderr are TTYs. */
async function onTty(args: string[], env: Record<string, string>) {
  const command = [process.execPath, MAIN, ...args].map((a) => `'${a}'`).join(" ");
  const proc = Bun.spawn(["script", "-qec", command, "/dev/null"], {
    cwd: scratchDir(),
    env: { PATH: process.env.PATH ?? "", TERM: "xterm-256color", ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [out, code] = await Promise.all([new Response(proc.stdout).text(), proc.exited]);
  return { out, code };
}

describe("issue 12 §3: CLI conventions", () => {
  test("issue 12 §3: usage errors exit 2 with the usage line (unknown command, unknown flag, missing flag)", async () => {
    const cases: [string[], string, string][] = [
      [["tarde"], 'unknown command "tarde"', "usage: hlbot <command> [options]"],
      [["status", "--jsno"], "unknown option --jsno", "usage: hlbot status [options]"],
      [["import"], "missing required option --dir", "usage: hlbot import --dir <dir> [options]"],
      [["backfill", "--days"], "--days needs a value", "usage: hlbot backfill [options]"],
      [["status", "now"], 'unexpected argument "now"', "usage: hlbot status [options]"],
      [["config"], "missing subcommand", "usage: hlbot config <check> [options]"],
      [["trade", "--log-format", "xml"], "--log-format xml: expected one of json, pretty, auto", "usage:"],
      [[], "missing command", "usage: hlbot <command> [options]"],
      // A repeated option kept only its last value, dropping the first sweep axis without a word.
      [
        [
          "backtest",
          "--sweep",
          "strategies.momentum.shadow.adx_min=15,25",
          "--sweep=exits.trail_start_r=2,3",
        ],
        '--sweep is given twice; it takes one value: give every axis in one, separated by ";"',
        "usage: hlbot backtest [options]",
      ],
      [["backtest", "--coins", "BTC", "--coins", "ETH"], "--coins is given twice", "usage: hlbot backtest"],
    ];
    const runs = await Promise.all(cases.map(([args]) => hlbot(args)));
    for (const [i, [args, message, usage]] of cases.entries()) {
      const r = runs[i]!;
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err, args.join(" ")).toContain(`hlbot: ${message}`);
      expect(r.err, args.join(" ")).toContain(usage);
    }
  });

  test("issue 12 §3: --help anywhere prints that command's help and exits 0", async () => {
    const r = await hlbot(["status", "--json", "--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("USAGE hlbot status [OPTIONS]");
    expect(r.out).toContain("--timeout-ms");
    const nested = await hlbot(["--help", "config", "check"]);
    expect(nested.out).toContain("USAGE hlbot config check [OPTIONS]");
  });

  test("issue 12 §3: global flags work before or after the subcommand", async () => {
    const dir = scratchDir();
    const before = join(dir, "before", "x.db");
    const after = join(dir, "after", "x.db");
    const a = await hlbot(["--db", before, "--log-format", "json", "import", "--dir", dir]);
    const b = await hlbot(["import", "--dir", dir, "--db", after, "--log-format=json"]);
    expect(a.code, a.err).toBe(0);
    expect(b.code, b.err).toBe(0);
    expect(existsSync(before)).toBe(true);
    expect(existsSync(after)).toBe(true);
    const config = join(dir, "nope.yaml");
    for (const args of [
      ["--config", config, "config", "check"],
      ["config", "check", "--config", config],
    ]) {
      const r = await hlbot(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toContain(`${config}`);
      expect(r.err).toContain("config file not found");
    }
  });

  test("issue 12 §3: no ANSI colour on a pipe, nor on a terminal with NO_COLOR set", async () => {
    const piped = await hlbot(["--help"]);
    expect(piped.code).toBe(0);
    expect(piped.out).not.toMatch(ANSI);
    const usage = await hlbot(["status", "--nope"]);
    expect(usage.err).not.toMatch(ANSI);
    const tty = await onTty(["--help"], {});
    expect(tty.out).toMatch(ANSI); // a terminal does get colour: the check below can fail
    for (const value of ["1", "true"]) {
      const noColor = await onTty(["--help"], { NO_COLOR: value });
      expect(noColor.code).toBe(0);
      expect(noColor.out).toContain("USAGE hlbot");
      expect(noColor.out).not.toMatch(ANSI);
    }
    const logs = await onTty(["config", "check", "--config", join(scratchDir(), "missing.yaml")], {
      NO_COLOR: "1",
    });
    expect(logs.code).toBe(2);
    expect(logs.out).toContain("config file not found");
    expect(logs.out).not.toMatch(ANSI);
  });
});
