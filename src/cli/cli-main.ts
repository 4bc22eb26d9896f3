/**
 * The `hlbot` command line proper: citty's root through runCli. src/main.ts loads this file — a
 * separate entry point of the compiled binary (see the Makefile's build) — for every command but
 * `--version`, which it answers without loading the CLI's modules.
 */
import { root } from "./root.ts";
import { runCli } from "./run.ts";

export function main(argv: string[]): void {
  runCli(root, argv).then(
    (code) => {
      if (code) process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
