/** Where tests find the shared real data and a scratch directory. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const REPO_ROOT = resolve(import.meta.dir, "..", "..");
export const SHARED_DATA = resolve(REPO_ROOT, "..", "shared", "data");
export const HL_DATA = join(SHARED_DATA, "hyperliquid");

export function scratchDir(prefix = "hlbot-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
