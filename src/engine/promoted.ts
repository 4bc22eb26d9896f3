/**
 * The promoted buckets in force, read from live_candidates.json (through the mining module's reader,
 * the one place the file format is parsed) and keyed by bucket key. The daemon reloads it when the
 * file changes; a bad file is rejected with a clear log line and the last good set is kept.
 */
import { existsSync, statSync } from "node:fs";
import type { LiveCandidate } from "../core/live-candidates.ts";
import type { LiveCandidatesFileError } from "../mining/errors.ts";
import { loadLiveCandidates, promotedBuckets } from "../mining/live-candidates-file.ts";

/** The promoted set; no file means nothing is promoted; a bad file throws its typed error. */
export function loadLiveCandidatesMap(path: string): Map<string, LiveCandidate> {
  if (!existsSync(path)) return new Map();
  const result = loadLiveCandidates(path);
  if (!result.ok) throw result.error;
  return promotedBuckets(result.file);
}

/** Watches the file by mtime; keeps the last good set when a new version is invalid. */
export class PromotedBuckets {
  private mtime = -1;
  private current: Map<string, LiveCandidate> = new Map();

  constructor(
    private readonly path: string,
    private readonly onReject: (error: LiveCandidatesFileError) => void,
  ) {}

  /** Reloads if the file changed; returns the set in force. */
  get(): ReadonlyMap<string, LiveCandidate> {
    const mtime = existsSync(this.path) ? statSync(this.path).mtimeMs : 0;
    if (mtime === this.mtime) return this.current;
    this.mtime = mtime;
    if (mtime === 0) {
      this.current = new Map();
      return this.current;
    }
    const result = loadLiveCandidates(this.path);
    if (result.ok) this.current = promotedBuckets(result.file);
    else this.onReject(result.error);
    return this.current;
  }
}
