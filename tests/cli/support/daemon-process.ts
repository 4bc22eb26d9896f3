/** Runs `bun src/main.ts …` as a child process with a YAML config written for the test. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, scratchDir } from "../../support/paths.ts";

export interface Child {
  proc: ReturnType<typeof Bun.spawn>;
  dir: string;
  stderr: () => string;
  exited: Promise<number>;
}

/** Writes `hlbot.yaml` (sections as plain objects) into a fresh directory; returns its path. */
export function writeConfig(
  sections: Record<string, Record<string, unknown>>,
  dir = scratchDir("hlbot-cli-"),
): string {
  const yaml = Object.entries(sections)
    .map(
      ([name, keys]) =>
        `${name}:\n${Object.entries(keys)
          .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`)
          .join("\n")}`,
    )
    .join("\n");
  const path = join(dir, "hlbot.yaml");
  writeFileSync(path, `${yaml}\n`);
  return path;
}

export function spawnHlbot(args: string[], cwd: string, env: Record<string, string> = {}): Child {
  const proc = Bun.spawn([process.execPath, join(REPO_ROOT, "src", "main.ts"), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? cwd, ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  let err = "";
  const decoder = new TextDecoder();
  const reader = (proc.stderr as ReadableStream<Uint8Array>).getReader();
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      err += decoder.decode(value, { stream: true });
    }
  })();
  return { proc, dir: cwd, stderr: () => err, exited: proc.exited };
}

/** Runs to completion WITHOUT blocking this process (the fake server lives in it). */
export async function runHlbot(args: string[], cwd: string, env: Record<string, string> = {}) {
  const p = Bun.spawn([process.execPath, join(REPO_ROOT, "src", "main.ts"), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? cwd, ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [out, err, code] = await Promise.all([
    new Response(p.stdout as ReadableStream).text(),
    new Response(p.stderr as ReadableStream).text(),
    p.exited,
  ]);
  return { code, out, err };
}

/** A TCP port nothing listens on right now. */
export function freePort(): number {
  const s = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("") });
  const port = s.port!;
  s.stop(true);
  return port;
}

/** Polls `probe` every 100 ms until it returns a value (not undefined) or `ms` pass. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  ms: number,
): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (performance.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await Bun.sleep(100);
  }
}
