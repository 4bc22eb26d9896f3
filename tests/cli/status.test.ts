// `hlbot status` as a user runs it: against a live API, and against the ledger when nothing listens.
import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { startApiServer } from "../../src/api/server.ts";
import { ledgerApiApp } from "../../src/api/standalone.ts";
import { EXIT_DEGRADED } from "../../src/cli/status.ts";
import { loadConfig } from "../../src/config/loader.ts";
import { buildLedgerFixture } from "../api/support/ledger-fixture.ts";
import { REPO_ROOT, scratchDir } from "../support/paths.ts";

const fixture = buildLedgerFixture(scratchDir("hlbot-status-"), { bars: 24 * 3 });
afterAll(() => fixture.db.close());
const MAIN = join(REPO_ROOT, "src", "main.ts");

async function status(args: string[], env: Record<string, string> = {}) {
  const proc = Bun.spawn(["bun", MAIN, "status", "--db", fixture.path, ...args], {
    cwd: scratchDir(),
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

function serve(token?: string) {
  const { config } = loadConfig({ env: token ? { HLBOT_API__TOKEN: token } : {}, cwd: scratchDir() });
  config.ledger.path = fixture.path;
  return startApiServer(ledgerApiApp(fixture.db, config), config.api, { port: 0 });
}

const openIds = () =>
  (
    fixture.db
      .query("SELECT id FROM positions WHERE status = 'open' ORDER BY opened_at DESC, id DESC")
      .all() as {
      id: number;
    }[]
  ).map((r) => r.id);

describe("hlbot status", () => {
  test("reads the API when it is up (--json)", async () => {
    const server = serve();
    try {
      const r = await status(["--url", server.url, "--json"]);
      expect(r.code).toBe(EXIT_DEGRADED); // the fixture's last tick is days old
      const report = JSON.parse(r.out);
      expect(report.source).toEqual({ kind: "api", location: server.url });
      expect(report.health.ledger.path).toBe(fixture.path);
      expect(report.positions.positions.map((p: { id: number }) => p.id)).toEqual(openIds());
      expect(report.today.total).toHaveProperty("trades");
    } finally {
      await server.stop();
    }
  });

  test("falls back to the read-only ledger when the connection is refused", async () => {
    const server = serve();
    const url = server.url;
    await server.stop();
    const r = await status(["--url", url, "--json"]);
    expect(r.code).toBe(EXIT_DEGRADED); // the fixture's last tick is days old
    const report = JSON.parse(r.out);
    expect(report.source).toEqual({ kind: "ledger", location: fixture.path });
    expect(report.health.source).toBe("ledger");
    expect(report.positions.positions.map((p: { id: number }) => p.id)).toEqual(openIds());
  });

  test("prints health, open positions and today's performance as tables", async () => {
    const server = serve();
    await server.stop();
    const r = await status(["--url", server.url]);
    expect(r.code).toBe(EXIT_DEGRADED); // the fixture's last tick is days old
    expect(r.out).toContain("read from the ledger: no API is listening");
    expect(r.out).toMatch(/ID\s+MODE\s+COIN\s+SIDE\s+STRATEGY\s+ENTRY\s+MARK/);
    for (const id of openIds()) expect(r.out).toMatch(new RegExp(`^${id}\\s+shadow`, "m"));
    expect(r.out).toMatch(/^total\s+\d+/m);
    // The marks are the ledger's latest prices: their source and age are said under the table.
    expect(r.out).toMatch(
      /^ {2}marks: .+; the oldest at \d{4}-\d\d-\d\d \d\d:\d\d UTC, [\d.]+ (s|min|h|d) old$/m,
    );
  });

  test("sends the configured token; a wrong one is an error, not a silent fallback", async () => {
    const token = "status-token-0123456789";
    const server = serve(token);
    try {
      const ok = await status(["--url", server.url, "--json"], { HLBOT_API__TOKEN: token });
      expect(ok.code).toBe(EXIT_DEGRADED);
      expect(JSON.parse(ok.out).source.kind).toBe("api");
      const bad = await status(["--url", server.url], { HLBOT_API__TOKEN: `${token}-wrong` });
      expect(bad.code).toBe(1);
      expect(bad.err).toContain("HTTP 401");
      expect(bad.out + bad.err).not.toContain(token);
    } finally {
      await server.stop();
    }
  });

  test("issue 12 §3: status exits 0 when /health is ok and 3 (like systemctl is-active) when degraded", async () => {
    let health: Record<string, unknown> = { status: "ok", reasons: [] };
    const api = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch: (req) => {
        const path = new URL(req.url).pathname;
        if (path === "/health") return Response.json(health);
        if (path === "/positions") return Response.json({ positions: [] });
        return Response.json({ total: { trades: 0 } });
      },
    });
    try {
      const url = `http://127.0.0.1:${api.port}`;
      const ok = await status(["--url", url, "--json"]);
      expect(ok.code, ok.err).toBe(0);
      health = { status: "degraded", reasons: ["last tick 5 min ago"] };
      const degraded = await status(["--url", url, "--json"]);
      expect(degraded.code).toBe(3);
      expect(JSON.parse(degraded.out).health.reasons).toEqual(["last tick 5 min ago"]);
    } finally {
      api.stop(true);
    }
  });
});
