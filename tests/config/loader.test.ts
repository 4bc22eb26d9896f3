import { describe, expect, test } from "bun:test";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import { describeSecrets, requireLiveSecrets } from "../../src/config/secrets.ts";
import { ConfigError, SecretError } from "../../src/core/errors.ts";
import { REPO_ROOT, scratchDir } from "../support/paths.ts";

function configFile(yaml: string, dotenv?: string): { dir: string; path: string } {
  const dir = scratchDir();
  const path = join(dir, "hlbot.yaml");
  writeFileSync(path, yaml);
  if (dotenv !== undefined) writeFileSync(join(dir, ".env"), dotenv);
  return { dir, path };
}

function issuesOf(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.issues;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  test("defaults carry every number of the seed", () => {
    const { config } = loadConfig({ cwd: scratchDir(), env: {} });
    expect(config.engine.tick_seconds).toBe(30);
    expect(config.friction.taker_fee_bps).toBe(4.5);
    expect(config.friction.slippage_bps).toBe(5);
    expect(config.exits.partial_fraction).toBe(0.5);
    expect(config.exits.partial_at_r).toBe(1.5);
    expect(config.exits.trail_from_r).toBe(2);
    expect(config.api.host).toBe("127.0.0.1");
    expect(config.api.port).toBe(8931);
  });

  test("the shipped config/hlbot.yaml is valid and equals the defaults", () => {
    const shipped = loadConfig({ path: "config/hlbot.yaml", env: {} }).config;
    const defaults = loadConfig({ cwd: scratchDir(), env: {} }).config;
    defaults.ledger.path = shipped.ledger.path;
    defaults.live.candidates_path = shipped.live.candidates_path;
    expect(shipped).toEqual(defaults);
  });

  test("every error names its key path", () => {
    const { path } = configFile(
      "risk:\n  risk_fraction: -1\n  typo_key: 3\nhyperliquid:\n  network: custom\n",
    );
    const issues = issuesOf(() => loadConfig({ path, env: {} }));
    expect(issues.map((i) => i.path).sort()).toEqual([
      "hyperliquid.http_url",
      "hyperliquid.ws_url",
      "risk.risk_fraction",
      "risk.typo_key",
    ]);
  });

  test("unknown top-level section is an error", () => {
    const { path } = configFile("riks:\n  risk_fraction: 0.01\n");
    expect(issuesOf(() => loadConfig({ path, env: {} }))[0]?.path).toBe("riks");
  });

  test("malformed YAML is a ConfigError, not a crash", () => {
    const { path } = configFile("risk: [unclosed\n");
    expect(issuesOf(() => loadConfig({ path, env: {} }))[0]?.path).toStartWith("(yaml) line ");
  });

  test("a missing explicit file is a ConfigError", () => {
    expect(issuesOf(() => loadConfig({ path: "/nonexistent/hlbot.yaml", env: {} }))[0]?.message).toContain(
      "not found",
    );
  });

  test("env overrides beat the file, .env beside the file supplies secrets, process env beats .env", () => {
    const { path } = configFile(
      "risk:\n  risk_fraction: 0.02\n",
      `HL_PRIVATE_KEY=0x${"ab".repeat(32)}\nHL_ACCOUNT_ADDRESS=0x${"11".repeat(20)}\nHLBOT_RISK__MAX_POSITIONS=7\n`,
    );
    const { config, secrets } = loadConfig({
      path,
      env: { HLBOT_RISK__RISK_FRACTION: "0.005", HL_ACCOUNT_ADDRESS: `0x${"22".repeat(20)}` },
    });
    expect(config.risk.risk_fraction).toBe(0.005);
    expect(config.risk.max_positions).toBe(7);
    expect(secrets.accountAddress).toBe(`0x${"22".repeat(20)}`);
    expect(requireLiveSecrets(secrets).privateKey).toBe(`0x${"ab".repeat(32)}`);
  });

  test("HLBOT_CONFIG selects the file", () => {
    const { path } = configFile("engine:\n  tick_seconds: 5\n");
    expect(loadConfig({ env: { HLBOT_CONFIG: path } }).config.engine.tick_seconds).toBe(5);
  });

  test("a bad env override names the variable's key", () => {
    const issues = issuesOf(() => loadConfig({ cwd: scratchDir(), env: { HLBOT_API__PORT: "not-a-port" } }));
    expect(issues[0]?.path).toBe("api.port");
  });

  test("relative paths resolve against the working directory", () => {
    const cwd = scratchDir();
    expect(loadConfig({ cwd, env: {} }).config.ledger.path).toBe(join(cwd, "data", "hlbot.db"));
  });
});

describe("secrets", () => {
  const key = `0x${"cd".repeat(32)}`;
  test("describe never shows the private key", () => {
    const shown = JSON.stringify(
      describeSecrets({ privateKey: key, accountAddress: `0x${"11".repeat(20)}` }),
    );
    expect(shown).not.toContain("cdcd");
    expect(shown).toContain("<redacted>");
  });

  test("missing or malformed secrets raise SecretError without the value", () => {
    expect(() => requireLiveSecrets({})).toThrow(SecretError);
    try {
      requireLiveSecrets({ privateKey: "0xdeadbeef", accountAddress: `0x${"11".repeat(20)}` });
    } catch (e) {
      expect(e).toBeInstanceOf(SecretError);
      expect((e as Error).message).not.toContain("deadbeef");
    }
  });
});

describe("issue 14: config input is read as written", () => {
  test("issue 14 #1: a URL with network mainnet or testnet is an error naming both keys", () => {
    for (const network of ["mainnet", "testnet"]) {
      const issues = issuesOf(() =>
        loadConfig({
          cwd: scratchDir(),
          env: {
            HLBOT_HYPERLIQUID__NETWORK: network,
            HLBOT_HYPERLIQUID__HTTP_URL: "http://127.0.0.1:8930",
            HLBOT_HYPERLIQUID__WS_URL: "ws://127.0.0.1:8930/ws",
          },
        }),
      );
      expect(issues.map((i) => i.path)).toEqual(["hyperliquid.http_url", "hyperliquid.ws_url"]);
      for (const i of issues) expect(i.message).toContain(`hyperliquid.network is ${network}`);
    }
    // Only one URL beside the default mainnet: still refused, never silently ignored.
    const { path } = configFile("hyperliquid:\n  http_url: http://127.0.0.1:8930\n");
    expect(issuesOf(() => loadConfig({ path, env: {} })).map((i) => i.path)).toEqual([
      "hyperliquid.http_url",
    ]);
    const custom = loadConfig({
      cwd: scratchDir(),
      env: {
        HLBOT_HYPERLIQUID__NETWORK: "custom",
        HLBOT_HYPERLIQUID__HTTP_URL: "http://127.0.0.1:8930",
        HLBOT_HYPERLIQUID__WS_URL: "ws://127.0.0.1:8930/ws",
      },
    });
    expect(custom.config.hyperliquid.http_url).toBe("http://127.0.0.1:8930");
  });

  test("issue 14 #17: a .env that is a directory is a ConfigError naming the file and the fix", () => {
    const { dir, path } = configFile("engine:\n  tick_seconds: 5\n");
    mkdirSync(join(dir, ".env"));
    let error: unknown;
    try {
      loadConfig({ path, env: {} });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(2);
    expect((error as ConfigError).source).toBe(join(dir, ".env"));
    expect((error as ConfigError).message).toContain("is a directory, not a .env file: remove it");
  });

  test("issue 14 #17: an unreadable .env (root-owned under systemd) is exit 2 naming the file and the fix", async () => {
    const { dir, path } = configFile("engine:\n  tick_seconds: 5\n", "HL_ACCOUNT_ADDRESS=0x00\n");
    chmodSync(dir, 0o755);
    chmodSync(path, 0o644);
    chmodSync(join(dir, ".env"), 0o000);
    // Root reads any file: run the check as `nobody` then, as the README's unit would run hlbot.
    const asUser =
      process.getuid?.() === 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [];
    const proc = Bun.spawn(
      [...asUser, process.execPath, join(REPO_ROOT, "src", "main.ts"), "config", "check", "--config", path],
      { cwd: dir, env: { PATH: process.env.PATH ?? "" }, stdout: "pipe", stderr: "pipe" },
    );
    const [err, code] = await Promise.all([new Response(proc.stderr).text(), proc.exited]);
    expect(code, err).toBe(2);
    expect(err).toContain(join(dir, ".env"));
    expect(err).toContain("not readable by uid");
    expect(err).not.toContain("    at "); // no stack trace
  });

  test("issue 14 #19: string-typed keys take an env value verbatim; other keys are YAML scalars", () => {
    const cwd = scratchDir();
    const { config } = loadConfig({
      cwd,
      env: {
        HLBOT_LEDGER__PATH: "/data/run #2/hlbot?.db",
        HLBOT_API__TOKEN: "abc#def 0123456789 # not a comment",
        HLBOT_LIVE__CANDIDATES_PATH: "0x10",
        HLBOT_RISK__MAX_POSITIONS: "7",
        HLBOT_ENGINE__COINS: "[BTC, ETH]",
        HLBOT_API__ENABLED: "false",
      },
    });
    expect(config.ledger.path).toBe("/data/run #2/hlbot?.db");
    expect(config.api.token).toBe("abc#def 0123456789 # not a comment");
    expect(config.live.candidates_path).toBe(join(cwd, "0x10"));
    expect(config.risk.max_positions).toBe(7);
    expect(config.engine.coins).toEqual(["BTC", "ETH"]);
    expect(config.api.enabled).toBe(false);
  });

  test("issue 14 #19: a duplicate key is an error with its line and column", () => {
    const { path } = configFile("risk:\n  max_positions: 2\n  risk_fraction: 0.01\n  max_positions: 9\n");
    expect(issuesOf(() => loadConfig({ path, env: {} }))).toEqual([
      { path: "(yaml) line 4, column 3", message: "duplicate key" },
    ]);
  });

  test("issue 14 #19: a YAML syntax error carries line and column", () => {
    const { path } = configFile("engine:\n  tick_seconds: 30\n coins: [BTC]\n");
    const [issue] = issuesOf(() => loadConfig({ path, env: {} }));
    expect(issue?.path).toBe("(yaml) line 3, column 1");
    expect(issue?.message).toStartWith("not valid YAML: ");
  });

  test("issue 14 #20: timer keys have upper bounds; an unknown friction.model is a config error", () => {
    const timers = {
      HLBOT_DAEMON__WS_SAMPLE_MS: "3e9",
      HLBOT_DAEMON__CONNECT_RETRY_MAX_MS: "3e9",
      HLBOT_DAEMON__EQUITY_SNAPSHOT_SECONDS: "3e9",
      HLBOT_HYPERLIQUID__STALE_FEED_SECONDS: "3e9",
      HLBOT_LIVE__RECONCILE_SECONDS: "3e9",
      HLBOT_MARKET_DATA__BOOK_SECONDS: "3e9",
      HLBOT_LEDGER__BUSY_TIMEOUT_MS: "3e9",
    };
    const issues = issuesOf(() => loadConfig({ cwd: scratchDir(), env: timers }));
    expect(issues.map((i) => i.path).sort()).toEqual([
      "daemon.connect_retry_max_ms",
      "daemon.equity_snapshot_seconds",
      "daemon.ws_sample_ms",
      "hyperliquid.stale_feed_seconds",
      "ledger.busy_timeout_ms",
      "live.reconcile_seconds",
      "market_data.book_seconds",
    ]);
    const model = issuesOf(() => loadConfig({ cwd: scratchDir(), env: { HLBOT_FRICTION__MODEL: "v9" } }));
    expect(model).toHaveLength(1);
    expect(model[0]?.path).toBe("friction.model");
    expect(model[0]?.message).toContain('unknown friction model "v9"');
    expect(
      loadConfig({ cwd: scratchDir(), env: { HLBOT_FRICTION__MODEL: "v2" } }).config.friction.model,
    ).toBe("v2");
  });
});
