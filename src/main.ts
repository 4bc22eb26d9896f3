/** Entry point of the `hlbot` binary. No top-level await (bytecode builds are CJS-safe). */
import { runMain } from "citty";
import { root } from "./cli/root.ts";

runMain(root);
