/** Runs `hlbot` from source (src/main.ts under the current bun) as cron would, capturing output and exit code. */
import { join } from "node:path";
import { REPO_ROOT } from "../../support/paths.ts";

const MAIN = join(REPO_ROOT, "src", "main.ts");

export async function hlbot(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ out: string; err: string; code: number }> {
  const proc = Bun.spawn([process.execPath, MAIN, ...args, "--log-format", "json"], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [out, err, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  return { out, err, code };
}
