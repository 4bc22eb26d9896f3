/**
 * Where a Bun worker entry lives. Run from source, it is a file under src/; inside the compiled
 * binary, worker entrypoints (listed in the Makefile's build) are addressed by their path relative to
 * src/, e.g. "./sim/job-worker.ts". Checked by a test that runs the compiled binary.
 */
export function workerUrl(pathFromSrc: string): string {
  if (import.meta.url.includes("/$bunfs/")) return `./${pathFromSrc}`;
  return new URL(`../${pathFromSrc}`, import.meta.url).href;
}
