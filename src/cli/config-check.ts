/** `hlbot config check`: prints the effective config with secrets redacted, or every error with its key (exit 2). */
import { defineCommand } from "citty";
import { describeSecrets } from "../config/secrets.ts";
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
      const effective = {
        source: ctx.path ?? "(defaults)",
        ...redacted(ctx.config),
        secrets: describeSecrets(ctx.secrets),
      };
      if (args.json) console.log(JSON.stringify(effective, null, 2));
      else console.log(Bun.YAML.stringify(effective, null, 2));
      return 0;
    }),
});

/** Config values that are secrets themselves (the API token) are never printed either. */
function redacted<T extends { api: { token?: string | undefined } }>(config: T): T {
  return { ...config, api: { ...config.api, ...(config.api.token ? { token: "<redacted>" } : {}) } };
}

export const configCommand = defineCommand({
  meta: { name: "config", description: "configuration tools" },
  subCommands: { check: configCheckCommand },
});
