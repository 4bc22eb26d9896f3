/**
 * Cold start of the compiled binary (dist/hlbot, built by `make bench`): `hlbot --version` wall
 * time from exec to exit, beside a compiled Bun binary that only prints a line (the floor no hlbot
 * change can beat), and `hlbot serve` from exec to its first answered GET /health on a fresh
 * ledger. Median of several runs each, since the machine is shared. Targets: ≤ 100 ms, ≤ 300 ms.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLedger } from "../src/ledger/open.ts";
import { REPO_ROOT } from "../tests/support/paths.ts";
import { median, ms, recordFigure } from "./results.ts";

const BIN = join(REPO_ROOT, "dist", "hlbot");
if (!existsSync(BIN)) throw new Error(`${BIN} missing: run make build (make bench does)`);
const dir = mkdtempSync(join(tmpdir(), "hlbot-cold-"));
const RUNS = 11;

function wall(cmd: string[]): number {
  const t0 = Bun.nanoseconds();
  const p = Bun.spawnSync(cmd, { stdout: "pipe", stderr: "pipe" });
  if (p.exitCode !== 0) throw new Error(`${cmd.join(" ")} exited ${p.exitCode}: ${p.stderr.toString()}`);
  return (Bun.nanoseconds() - t0) / 1e9;
}

// The floor: the same Bun, compiled the same way, printing one line.
writeFileSync(join(dir, "floor.ts"), 'console.log("0.0.0");\n');
const floorBin = join(dir, "floor");
const built = Bun.spawnSync(
  [
    process.execPath,
    "build",
    join(dir, "floor.ts"),
    "--compile",
    "--minify",
    "--bytecode",
    "--format=esm",
    "--outfile",
    floorBin,
  ],
  { stdout: "pipe", stderr: "pipe" },
);
if (built.exitCode !== 0) throw new Error(`floor build failed: ${built.stderr.toString()}`);

// BENCH_BASELINE_BIN=<an older dist/hlbot>: its --version in the same rounds (before/after in one run).
const BASELINE = process.env.BENCH_BASELINE_BIN ?? null;
const version: number[] = [];
const floor: number[] = [];
const baseline: number[] = [];
wall([BIN, "--version"]);
wall([floorBin]);
if (BASELINE) wall([BASELINE, "--version"]);
for (let i = 0; i < RUNS; i++) {
  version.push(wall([BIN, "--version"]));
  floor.push(wall([floorBin]));
  if (BASELINE) baseline.push(wall([BASELINE, "--version"]));
}

// hlbot serve on a fresh (migrated) ledger: exec → first 200 from /health.
const dbPath = join(dir, "serve.db");
openLedger(dbPath).close();
async function freePort(): Promise<number> {
  const s = Bun.serve({ port: 0, fetch: () => new Response("") });
  const port = s.port ?? 0;
  await s.stop(true);
  return port;
}
async function serveOnce(): Promise<number> {
  const port = await freePort();
  const t0 = Bun.nanoseconds();
  const child = Bun.spawn([BIN, "serve", "--db", dbPath, "--port", String(port)], {
    cwd: dir,
    stdout: "ignore",
    stderr: "ignore",
    env: { ...process.env, HLBOT_LOG__LEVEL: "warn" },
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`hlbot serve exited ${child.exitCode}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        await res.arrayBuffer();
        if (res.status === 200) return (Bun.nanoseconds() - t0) / 1e9;
      } catch {
        // not listening yet
      }
      await Bun.sleep(2);
      if ((Bun.nanoseconds() - t0) / 1e9 > 20) throw new Error("hlbot serve did not answer /health in 20 s");
    }
  } finally {
    child.kill("SIGTERM");
    await child.exited;
  }
}
const serve: number[] = [];
await serveOnce();
for (let i = 0; i < 7; i++) serve.push(await serveOnce());
rmSync(dir, { recursive: true, force: true });

const list = (xs: number[]) => xs.map((x) => (x * 1000).toFixed(0)).join(", ");
console.log("\n== cold start: the compiled binary ==");
console.log(
  `hlbot --version        median ${ms(median(version))}, best ${ms(Math.min(...version))} (${list(version)} ms)`,
);
console.log(
  `floor (compiled Bun printing one line)  median ${ms(median(floor))}, best ${ms(Math.min(...floor))}`,
);
console.log(
  `hlbot serve → /health  median ${ms(median(serve))}, best ${ms(Math.min(...serve))} (${list(serve)} ms)`,
);
recordFigure({
  what: "`hlbot --version` wall",
  figure: `${ms(median(version))} median`,
  target: "≤ 100 ms",
  floor:
    `compiled Bun printing a line: ${ms(median(floor))} median` +
    (BASELINE ? `; baseline build ${ms(median(baseline))}` : ""),
  met: median(version) <= 0.1,
});
recordFigure({
  what: "`hlbot serve` exec → /health answered",
  figure: `${ms(median(serve))} median`,
  target: "≤ 300 ms",
  floor: `\`--version\` ${ms(median(version))}`,
  met: median(serve) <= 0.3,
});
