/**
 * config/live_candidates.json on disk: the writer used by `hlbot promote` (validated, then written to a
 * temp file, fsynced and renamed over the old file, so a reader never sees half a file and a failed run
 * leaves the previous file untouched) and the reader the daemon's live gate uses.
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import {
  type LiveCandidate,
  type LiveCandidatesFile,
  LiveCandidatesFileSchema,
} from "../core/live-candidates.ts";
import { LiveCandidatesFileError } from "./errors.ts";

export type LoadLiveCandidatesResult =
  | { ok: true; file: LiveCandidatesFile }
  | { ok: false; error: LiveCandidatesFileError };

/** Reads and validates the file; never throws — a bad file is a typed error the caller must handle. */
export function loadLiveCandidates(path: string): LoadLiveCandidatesResult {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === "ENOENT";
    const problem = missing ? "missing" : "unreadable";
    return {
      ok: false,
      error: new LiveCandidatesFileError(path, problem, (cause as Error).message, { cause }),
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    return {
      ok: false,
      error: new LiveCandidatesFileError(path, "invalid_json", (cause as Error).message, { cause }),
    };
  }
  const parsed = LiveCandidatesFileSchema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    return {
      ok: false,
      error: new LiveCandidatesFileError(path, "invalid_schema", detail, { cause: parsed.error }),
    };
  }
  return { ok: true, file: parsed.data };
}

/** Bucket key → promoted bucket, the shape the live gate looks buckets up in. */
export function promotedBuckets(file: LiveCandidatesFile): Map<string, LiveCandidate> {
  return new Map(file.buckets.map((b) => [b.key, b]));
}

/** Validates (throws on a file the reader would refuse) and renders the file. */
export function renderLiveCandidates(file: LiveCandidatesFile): string {
  return `${JSON.stringify(LiveCandidatesFileSchema.parse(file), null, 2)}\n`;
}

/** A durable temp file waiting to replace `path`. */
export interface PreparedWrite {
  readonly tmpPath: string;
  /** Renames the temp file over the target and syncs the directory. */
  commit(): void;
  /** Removes the temp file; the target is untouched. */
  abort(): void;
}

export function prepareAtomicWrite(path: string, content: string): PreparedWrite {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmpPath = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmpPath, "w", 0o644);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(tmpPath);
    throw error;
  }
  closeSync(fd);
  return {
    tmpPath,
    commit() {
      renameSync(tmpPath, path);
      try {
        const dfd = openSync(dir, "r");
        fsyncSync(dfd);
        closeSync(dfd);
      } catch {
        // Some filesystems cannot fsync a directory; the rename itself is still atomic.
      }
    },
    abort() {
      try {
        unlinkSync(tmpPath);
      } catch {}
    },
  };
}

/** Validates and atomically replaces the file. */
export function writeLiveCandidates(path: string, file: LiveCandidatesFile): void {
  prepareAtomicWrite(path, renderLiveCandidates(file)).commit();
}
