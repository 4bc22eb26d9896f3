import { afterAll, describe, expect, test } from "bun:test";
import { createApiApp } from "../../src/api/app.ts";
import { ledgerApiApp } from "../../src/api/standalone.ts";
import { loadConfig } from "../../src/config/loader.ts";
import { configureLogger } from "../../src/log.ts";
import { fixtureApp } from "./support/fixture-app.ts";

const f = fixtureApp();
afterAll(() => f.fixture.db.close());

const DATA_ROUTES = [
  "/health",
  "/decisions",
  "/positions",
  "/performance",
  "/trades",
  "/equity",
  "/candidates",
  "/metrics",
  "/runs",
  "/summary",
  "/candles?coin=BTC",
];

/** Every route that reads one run (run_id): an unknown run is a 404 on each. */
const RUN_ROUTES = ["/decisions", "/positions", "/performance", "/trades", "/equity", "/summary"];

describe("createApiApp", () => {
  test("every route answers GET with 200 and HEAD with an empty 200", async () => {
    for (const path of ["/", ...DATA_ROUTES]) {
      const get = await f.app.request(path);
      expect(get.status, path).toBe(200);
      expect(get.headers.get("x-content-type-options"), path).toBe("nosniff");
      const head = await f.app.request(path, { method: "HEAD" });
      expect(head.status, path).toBe(200);
      expect(await head.text(), path).toBe("");
    }
  });

  test("anything but GET/HEAD is 405 with Allow, on known and unknown paths", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
      for (const path of ["/decisions", "/nope"]) {
        const res = await f.app.request(path, { method, body: method === "OPTIONS" ? null : "{}" });
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.get("allow")).toBe("GET, HEAD");
      }
    }
  });

  test("an unknown route is a JSON 404", async () => {
    const res = await f.app.request("/decisions/1/edit");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "no such route: /decisions/1/edit" });
  });

  test("bad parameters are 400 with a message naming the parameter, never a 5xx", async () => {
    const cases: [string, string][] = [
      ["/decisions?limit=0", "limit"],
      ["/decisions?limit=501", "limit"],
      ["/decisions?limit=ten", "limit"],
      ["/decisions?mode=paper", "mode"],
      ["/decisions?since=yesterday", "since"],
      ["/decisions?cursor=not-a-cursor", "cursor"],
      ["/decisions?cursor=eyJhIjoxfQ", "cursor"],
      ["/decisions?coin=%27%20OR%201%3D1", "coin"],
      ["/decisions?run_id=-1", "run_id"],
      ["/decisions?limt=5", "limt"],
      ["/performance?days=0", "days"],
      ["/performance?days=1e9", "days"],
      ["/trades?limit=-3", "limit"],
      ["/equity?points=1", "points"],
      ["/positions?mode=both", "mode"],
      ["/health?verbose=1", "verbose"],
      ["/metrics?x=1", "x"],
      ["/candidates?all=1", "all"],
    ];
    for (const [path, param] of cases) {
      const res = await f.app.request(path);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { error: string };
      expect(body.error, path).toContain(param);
    }
  });

  test("issue 14 item 21: every date parameter is range-checked — 16 digits is a 400 naming it, not a 500", async () => {
    const cases: [string, string][] = [
      ["/performance?since=9999999999999999", "since"],
      ["/decisions?since=9999999999999999", "since"],
      ["/summary?since=9999999999999999", "since"],
      ["/performance?since=0001-01-01", "since"],
      ["/decisions?since=2200-01-01", "since"],
      ["/candles?coin=BTC&from=9999999999999999", "from"],
      ["/candles?coin=BTC&to=9999999999999999", "to"],
      ["/candles?coin=BTC&from=2025-01-02&to=2025-01-01", "from"],
    ];
    for (const [path, param] of cases) {
      const res = await f.app.request(path);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: string }).error, path).toContain(param);
    }
  });

  test("an unknown run_id is a 404 on every route that reads a run, never an empty page", async () => {
    for (const path of [...RUN_ROUTES.map((r) => `${r}?run_id=4242`), "/runs/4242", "/runs/0"]) {
      const res = await f.app.request(path);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: string }).error, path).toContain("run_id: no backtest run");
    }
  });

  test("an unexpected failure is a bare 500 with no internals (they go to the log)", async () => {
    const lines: string[] = [];
    configureLogger({ format: "json", write: (line) => lines.push(line) });
    const app = createApiApp({
      ...f.deps,
      health: {
        snapshot() {
          throw new Error("SQLITE_CORRUPT at /secret/path/ledger.db");
        },
      },
    });
    const res = await app.request("/health");
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: "internal error" });
    expect(text).not.toContain("SQLITE");
    configureLogger({ format: "json", level: "error", write: () => undefined });
    expect(lines.join("\n")).toContain("SQLITE_CORRUPT");
  });

  test("no response ever contains the private key or the API token", async () => {
    const key = `0x${"c0ffee".repeat(10)}abcd`;
    const token = "tok-3b1f9e77d2c8a4f0e6";
    const { config } = loadConfig({
      env: { HL_PRIVATE_KEY: key, HL_ACCOUNT_ADDRESS: `0x${"ab".repeat(20)}`, HLBOT_API__TOKEN: token },
      cwd: f.fixture.path.replace(/\/[^/]+$/, ""),
    });
    config.ledger.path = f.fixture.path;
    config.live.candidates_path = f.fixture.candidatesPath;
    const app = ledgerApiApp(f.fixture.db, config, f.clock);
    const auth = { headers: { Authorization: `Bearer ${token}` } };
    const bodies: string[] = [];
    for (const path of ["/", ...DATA_ROUTES, "/nope", "/decisions?limit=x", "/trades?mode=paper"]) {
      for (const init of [auth, {}]) {
        const res = await app.request(path, init);
        const headers: string[] = [];
        res.headers.forEach((value, name) => {
          headers.push(`${name}: ${value}`);
        });
        bodies.push(`${res.status} ${headers.join("\n")} ${await res.text()}`);
      }
    }
    const all = bodies.join("\n");
    expect(all).toContain("200");
    for (const secret of [key, key.slice(2), "c0ffeec0ffee", token]) expect(all).not.toContain(secret);
  });

  test("with a token, data routes need the bearer header; the page itself does not", async () => {
    const token = "a-long-enough-token-123";
    const app = createApiApp({ ...f.deps, api: { token, dashboardRefreshSeconds: 10 } });
    expect((await app.request("/")).status).toBe(200);
    for (const path of DATA_ROUTES) {
      const none = await app.request(path);
      expect(none.status, path).toBe(401);
      expect(none.headers.get("www-authenticate")).toContain("Bearer");
      const wrong = await app.request(path, { headers: { Authorization: `Bearer ${token}x` } });
      expect(wrong.status, path).toBe(401);
      const basic = await app.request(path, { headers: { Authorization: `Basic ${token}` } });
      expect(basic.status, path).toBe(401);
      const right = await app.request(path, { headers: { Authorization: `Bearer ${token}` } });
      expect(right.status, path).toBe(200);
    }
  });
});
