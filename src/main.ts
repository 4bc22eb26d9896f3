/** Entry point of the `hlbot` binary. No top-level await (bytecode builds are CJS-safe). */
import { root } from "./cli/root.ts";
import { runCli } from "./cli/run.ts";

runCli(root, process.argv.slice(2)).then(
  (code) => {
    if (code) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
