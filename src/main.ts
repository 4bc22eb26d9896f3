/**
 * Entry point of the `hlbot` binary. `hlbot --version` is answered here, before anything else is
 * loaded (the cold-start budget is 100 ms); every other command line goes to src/cli/cli-main.ts,
 * imported by a computed URL so the bundler keeps it a separate entry point of the binary, with its
 * own imports (the compiled binary would otherwise load every built-in module the CLI uses first).
 * No top-level await (bytecode builds are CJS-safe).
 */
import { VERSION } from "./core/version.ts";
import { workerUrl } from "./core/worker-url.ts";

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v")) {
  process.stdout.write(`${VERSION}\n`);
} else {
  const cli = workerUrl("cli/cli-main.ts");
  (import(cli) as Promise<typeof import("./cli/cli-main.ts")>).then(
    (m) => m.main(argv),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
