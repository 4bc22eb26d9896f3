/**
 * `hlbot config check`: prints the effective config with secrets redacted, or every error with its
 * key (exit 2): the schema's, malformed secrets (named, never shown), and coins that are not listed
 * perps when the ledger knows the venue's listing (see coin-check.ts). No value shaped like a private
 * key is ever printed, whichever key holds it.
 */
import { defineCommand } from "citty";
import { describeSecrets, looksLikePrivateKey, secretIssues } from "../config/secrets.ts";
import { ConfigError } from "../core/errors.ts";
import { log } from "../log.ts";
import { checkCoins } from "./coin-check.ts";
import { createContext, globalArgs, runAction } from "./context.ts";

export const configCheckCommand = defineCommand({
  meta: {
    name: "check",
    description: "validate the configuration and print the effective values (secrets redacted)",
  },
  args: { ...globalArgs, json: { type: "boolean", description: "print JSON" } },
  run: ({ args }) =>
    runAction(() => {
      const ctx = createContext(args);
      const coins = checkCoins(ctx.config);
      const issues = [...secretIssues(ctx.secrets), ...coins.errors];
      if (issues.length > 0) throw new ConfigError(ctx.path ?? "defaults", issues);
      for (const warning of coins.warnings) log.warn(warning);
      const effective = redacted({
        source: ctx.path ?? "(defaults)",
        ...ctx.config,
        api: { ...ctx.config.api, ...(ctx.config.api.token ? { token: "<redacted>" } : {}) },
        secrets: describeSecrets(ctx.secrets),
      });
      if (args.json) console.log(JSON.stringify(effective, null, 2));
      else console.log(Bun.YAML.stringify(effective, null, 2));
      return 0;
    }),
});

/** A copy where every string shaped like a private key is replaced. */
function redacted<T>(value: T): T {
  if (typeof value === "string")
    return (looksLikePrivateKey(value) ? "<redacted: looks like a private key>" : value) as T;
  if (Array.isArray(value)) return value.map(redacted) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redacted(v)])) as T;
  }
  return value;
}

export const configCommand = defineCommand({
  meta: { name: "config", description: "configuration tools" },
  subCommands: { check: configCheckCommand },
});
