import { afterAll, describe, expect, test } from "bun:test";
import { ApiBindError } from "../../src/api/errors.ts";
import { isLoopback, startApiServer } from "../../src/api/server.ts";
import { fixtureApp } from "./support/fixture-app.ts";

const f = fixtureApp({ bars: 48 });
afterAll(() => f.fixture.db.close());

describe("startApiServer", () => {
  test("binds loopback and serves the app over real HTTP", async () => {
    const server = startApiServer(f.app, { host: "127.0.0.1", port: 8931 }, { port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${server.url}/health`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { source: string }).source).toBe("ledger");
      expect((await fetch(`${server.url}/decisions`, { method: "DELETE" })).status).toBe(405);
    } finally {
      await server.stop();
    }
  });

  test("a non-loopback bind needs --allow-remote AND a token", () => {
    const app = f.app;
    expect(() => startApiServer(app, { host: "0.0.0.0", port: 0 })).toThrow(ApiBindError);
    expect(() => startApiServer(app, { host: "0.0.0.0", port: 0 })).toThrow(/--allow-remote/);
    expect(() => startApiServer(app, { host: "0.0.0.0", port: 0 }, { allowRemote: true })).toThrow(/token/);
    expect(() =>
      startApiServer(app, { host: "127.0.0.1", port: 0 }, { host: "192.168.1.5", allowRemote: false }),
    ).toThrow(ApiBindError);
  });

  test("a remote bind with the flag and a token is accepted", async () => {
    const server = startApiServer(
      f.app,
      { host: "0.0.0.0", port: 0, token: "0123456789abcdef" },
      { allowRemote: true },
    );
    try {
      expect(server.hostname).toBe("0.0.0.0");
    } finally {
      await server.stop();
    }
  });

  test("a port already in use is an ApiBindError, not a crash", async () => {
    const first = startApiServer(f.app, { host: "127.0.0.1", port: 0 });
    try {
      expect(() => startApiServer(f.app, { host: "127.0.0.1", port: first.port })).toThrow(ApiBindError);
    } finally {
      await first.stop();
    }
  });

  test("isLoopback", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"])
      expect(isLoopback(h), h).toBe(true);
    for (const h of ["0.0.0.0", "::", "10.0.0.1", "example.com", "128.0.0.1", "127.0.0.1.evil.com"]) {
      expect(isLoopback(h), h).toBe(false);
    }
  });
});
