// `hlbot serve` as a user runs it: a subprocess over a real-data ledger, stopped with SIGTERM.
import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { buildLedgerFixture } from "../api/support/ledger-fixture.ts";
import { REPO_ROOT, scratchDir } from "../support/paths.ts";

const fixture = buildLedgerFixture(scratchDir("hlbot-serve-"), { bars: 24 * 3 });
afterAll(() => fixture.db.close());
const MAIN = join(REPO_ROOT, "src", "main.ts");

function spawnServe(args: string[], env: Record<string, string> = {}) {
  return Bun.spawn(["bun", MAIN, "serve", "--db", fixture.path, "--log-format", "json", ...args], {
    cwd: scratchDir(),
    env: { PATH: process.env.PATH ?? "", ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
}

/** Reads the child's stderr until the "API and dashboard on <url>" line. */
async function listeningUrl(proc: ReturnType<typeof spawnServe>): Promise<string> {
  const reader = proc.stderr.getReader();
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`serve exited before listening: ${text}`);
    text += new TextDecoder().decode(value);
    const m = /API and dashboard on (http:\/\/[^/\s]+)\//.exec(text);
    if (m) {
      reader.releaseLock();
      return m[1]!;
    }
  }
}

describe("hlbot serve", () => {
  test("serves the ledger read-only, sees a concurrent writer's rows, stops cleanly on SIGTERM", async () => {
    const proc = spawnServe(["--port", "0"]);
    try {
      const url = await listeningUrl(proc);
      const health = (await (await fetch(`${url}/health`)).json()) as {
        source: string;
        ledger: { path: string };
      };
      expect(health).toMatchObject({ source: "ledger", ledger: { path: fixture.path } });
      const before = (await (await fetch(`${url}/decisions?limit=1`)).json()) as {
        decisions: { id: number }[];
      };
      const { id } = fixture.db
        .query(
          "INSERT INTO decisions (created_at, mode, strategy, coin, side, timeframe, candle_t, score_raw, score, regime, session, vol_bucket, setup_key, entry_ref, stop, target, features, verdict, sim_model_version) VALUES (?1, 'shadow', 'momentum', 'BTC', 'long', '1h', ?2, 60, 60, 'Long', 'us', 'mid', 'k', 1, 0.9, 1.2, '{}', 'candidate', 'v4') RETURNING id",
        )
        .get(fixture.end + 3_600_000, fixture.end) as { id: number };
      const after = (await (await fetch(`${url}/decisions?limit=1`)).json()) as {
        decisions: { id: number }[];
      };
      expect(after.decisions[0]!.id).toBe(id);
      expect(after.decisions[0]!.id).not.toBe(before.decisions[0]!.id);
      expect((await fetch(`${url}/`)).headers.get("content-type")).toContain("text/html");
      proc.kill("SIGTERM");
      expect(await proc.exited).toBe(0);
    } finally {
      proc.kill("SIGKILL");
    }
  });

  test("refuses a non-loopback bind without --allow-remote, and without a token (exit 2)", async () => {
    const noFlag = spawnServe(["--host", "0.0.0.0", "--port", "0"]);
    expect(await noFlag.exited).toBe(2);
    expect(await new Response(noFlag.stderr).text()).toContain("--allow-remote");
    const noToken = spawnServe(["--host", "0.0.0.0", "--port", "0", "--allow-remote"]);
    expect(await noToken.exited).toBe(2);
    expect(await new Response(noToken.stderr).text()).toContain("token");
  });

  test("a missing ledger is a clear error, never created", async () => {
    const path = join(scratchDir(), "missing.db");
    const proc = Bun.spawn(["bun", MAIN, "serve", "--db", path, "--port", "0"], {
      cwd: scratchDir(),
      env: { PATH: process.env.PATH ?? "" },
      stderr: "pipe",
    });
    expect(await proc.exited).toBe(2); // the user's to fix: a clear exit 2, no stack trace
    expect(await new Response(proc.stderr).text()).toContain(`no ledger at ${path}`);
    expect(await Bun.file(path).exists()).toBe(false);
  });

  test("--port must be a port number", async () => {
    const proc = spawnServe(["--port", "http"]);
    expect(await proc.exited).toBe(2);
  });
});
