/**
 * The promoted buckets in force, read from live_candidates.json and keyed by bucket key. The daemon
 * reloads it when the file changes; a bad file is rejected with a clear log line and the last good set
 * is kept (see PromotedBuckets).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { BotError } from "../core/errors.ts";
import { type LiveCandidate, LiveCandidatesFileSchema } from "../core/live-candidates.ts";

export class CandidatesFileError extends BotError {
  readonly kind = "candidates_file";
}

export function loadLiveCandidatesMap(path: string): Map<string, LiveCandidate> {
  if (!existsSync(path)) return new Map();
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (cause) {
    throw new CandidatesFileError(`${path}: not valid JSON`, { cause });
  }
  const parsed = LiveCandidatesFileSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CandidatesFileError(
      `${path}: ${first?.path.join(".") || "(root)"}: ${first?.message ?? "invalid"}`,
    );
  }
  return new Map(parsed.data.buckets.map((b) => [b.key, b]));
}

/** Watches the file by mtime; keeps the last good set when a new version is invalid. */
export class PromotedBuckets {
  private mtime = -1;
  private current: Map<string, LiveCandidate> = new Map();

  constructor(
    private readonly path: string,
    private readonly onReject: (error: CandidatesFileError) => void,
  ) {}

  /** Reloads if the file changed; returns the set in force. */
  get(): ReadonlyMap<string, LiveCandidate> {
    const mtime = existsSync(this.path) ? statSync(this.path).mtimeMs : 0;
    if (mtime !== this.mtime) {
      this.mtime = mtime;
      try {
        this.current = loadLiveCandidatesMap(this.path);
      } catch (error) {
        if (!(error instanceof CandidatesFileError)) throw error;
        this.onReject(error);
      }
    }
    return this.current;
  }
}
