import { describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import { describeSecrets, requireLiveSecrets } from "../../src/config/secrets.ts";
import { ConfigError, SecretError } from "../../src/core/errors.ts";
import { scratchDir } from "../support/paths.ts";

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
    expect(issuesOf(() => loadConfig({ path, env: {} }))[0]?.path).toBe("(yaml)");
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
