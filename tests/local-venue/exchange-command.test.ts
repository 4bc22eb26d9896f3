// `hlbot exchange` from the compiled binary (dist/hlbot, built by `make build`): the local venue on
// its own, on the embedded sample. By default it replays the day of --from as today on the wall
// clock (so `hlbot trade` pointed at it sees fresh bars); with --speed 0 it holds the replay's own
// dates. It prints how to point hlbot at it, funds an account on request, stops on SIGTERM (exit 0)
// and refuses bad flags with exit 2.
import { beforeAll, describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DAY_MS, HOUR_MS, utcDayStart } from "../../src/core/clock.ts";
import { SAMPLE_FILES } from "../../src/demo/sample-files.ts";
import { parseCandleColumns } from "../../src/market/csv-files.ts";
import { REPO_ROOT, scratchDir } from "../support/paths.ts";

const BIN = join(REPO_ROOT, "dist", "hlbot");

// biome-ignore lint/suspicious/noExplicitAny: the venue's JSON
type Json = any;

/** Starts `hlbot exchange ARGS`; resolves once it printed its URL. */
async function start(args: string[]) {
  const proc = Bun.spawn([BIN, "exchange", "--port", "0", ...args], {
    cwd: scratchDir(),
    env: { PATH: "/usr/bin:/bin" },
    stdout: "pipe",
    stderr: "pipe",
  });
  let out = "";
  const reader = (proc.stdout as ReadableStream<Uint8Array>).getReader();
  while (!/Ctrl-C/.test(out)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`exchange exited: ${out}`);
    out += new TextDecoder().decode(value);
  }
  const url = /POST (http:\/\/127\.0\.0\.1:\d+)\/info/.exec(out)![1]!;
  const info = async (body: unknown): Promise<Json> =>
    (await fetch(`${url}/info`, { method: "POST", body: JSON.stringify(body) })).json();
  return { proc, out, url, info };
}

function run(args: string[]) {
  const p = Bun.spawnSync([BIN, "exchange", ...args], { cwd: scratchDir(), env: { PATH: "/usr/bin:/bin" } });
  return { code: p.exitCode, err: p.stderr.toString() };
}

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error("dist/hlbot missing: run `make build` (make test does)");
});

describe("hlbot exchange", () => {
  test("default: the sample's day replayed as today, a funded account, the recipe for hlbot trade; SIGTERM → 0", async () => {
    const v = await start(["--from", "2025-06-21", "--account-usdc", "2500"]);
    try {
      expect(v.out).toContain(`HLBOT_HYPERLIQUID__HTTP_URL=${v.url}`);
      expect(v.out).toContain("HLBOT_HYPERLIQUID__NETWORK=custom");
      expect(v.out).toContain("hlbot trade --live");
      const now = (await (await fetch(`${v.url}/admin/time`)).json()).now;
      expect(Math.abs(now - Date.now())).toBeLessThan(60_000);
      const shift = utcDayStart(Date.now()) - Date.parse("2025-06-21T00:00:00Z");
      expect(v.out).toContain(`+${shift / DAY_MS} days`);
      // The last closed 1h bar is the sample's bar of the same hour on 2025-06-21, whole days later.
      const bars = await v.info({
        type: "candleSnapshot",
        req: { coin: "BTC", interval: "1h", startTime: now - 3 * HOUR_MS, endTime: now },
      });
      const closed = bars.at(-2);
      const sample = parseCandleColumns(SAMPLE_FILES["BTC-1h.csv.gz"]!);
      const i = sample.t.indexOf(closed.t - shift);
      expect(i).toBeGreaterThan(0);
      expect(Number(closed.c)).toBe(sample.close[i]!);
      const address = /HL_ACCOUNT_ADDRESS=(0x[0-9a-f]{40})/.exec(v.out)![1]!;
      expect(v.out).toMatch(/HL_PRIVATE_KEY=0x[0-9a-f]{64}/);
      const state = await v.info({ type: "clearinghouseState", user: address });
      expect(Number(state.marginSummary.accountValue)).toBe(2500);
    } finally {
      v.proc.kill("SIGTERM");
    }
    expect(await v.proc.exited).toBe(0);
  }, 30_000);

  test("--speed 0: the replay's own dates, held until POST /admin/clock moves it", async () => {
    const v = await start(["--speed", "0", "--from", "2025-07-01T06:00:00Z"]);
    try {
      const time = async () => (await (await fetch(`${v.url}/admin/time`)).json()).now;
      expect(await time()).toBe(Date.parse("2025-07-01T06:00:00Z"));
      await Bun.sleep(50);
      expect(await time()).toBe(Date.parse("2025-07-01T06:00:00Z"));
      await fetch(`${v.url}/admin/clock`, { method: "POST", body: JSON.stringify({ advanceMs: HOUR_MS }) });
      expect(await time()).toBe(Date.parse("2025-07-01T07:00:00Z"));
      expect(v.out).toContain("held");
    } finally {
      v.proc.kill("SIGTERM");
    }
    expect(await v.proc.exited).toBe(0);
  }, 30_000);

  test("bad flags: exit 2 with the reason", () => {
    const cases: [string[], string][] = [
      [["--from", "2020-01-01"], "bundled sample replays"],
      [["--from", "yesterday"], "not a date"],
      [["--speed", "fast"], "--speed fast"],
      [["--port", "70000"], "--port 70000"],
      [["--account-usdc", "-5"], "--account-usdc"],
      [["--data", "/nonexistent-dir"], "not a directory"],
      [["--data", scratchDir()], "no COIN-15m/1h/4h"],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      expect([args, r.code]).toEqual([args, 2]);
      expect(r.err).toContain(message);
    }
  });
});
