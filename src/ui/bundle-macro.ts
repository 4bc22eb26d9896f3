/**
 * Bundle-time macros (imported `with { type: "macro" }`): run by Bun while it bundles — by
 * `bun build --compile` for the binary, by the runtime for `bun run`/`bun test` — so the pages'
 * browser code (src/ui/web) ships inside the binary as minified text, with lightweight-charts
 * inlined: no CDN, no file beside the binary, no pre-build step. A macro cannot call Bun.build
 * while the bundler waits on it, so it runs the `bun build` CLI of the Bun doing the bundling.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const WEB = join(import.meta.dir, "web");

/** The browser bundle of `entry` (relative to src/ui/web) as one IIFE, minified, production build. */
export function browserBundle(entry: string): string {
  const proc = Bun.spawnSync(
    [process.execPath, "build", join(WEB, entry), "--target=browser", "--format=iife", "--production"],
    { stdout: "pipe", stderr: "pipe", env: { ...process.env, NO_COLOR: "1" } },
  );
  if (proc.exitCode !== 0) {
    throw new Error(
      `bundling src/ui/web/${entry} failed:\n${proc.stderr.toString()}${proc.stdout.toString()}`,
    );
  }
  // Inline in <script>: "</script" inside the code would end the element early.
  return proc.stdout.toString().replaceAll("</script", "<\\/script");
}

/** A text file of src/ui/web (the stylesheet). */
export function webText(file: string): string {
  return readFileSync(join(WEB, file), "utf8");
}
