/**
 * config/live_candidates.json on disk: the writer used by `hlbot promote` (validated, then written to a
 * temp file, fsynced and renamed over the old file, so a reader never sees half a file and a failed run
 * leaves the previous file untouched) and the reader the daemon's live gate uses. Temp files a killed
 * writer left behind (`.<name>.<pid>.<ms>.tmp`) are removed by the next write.
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
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

/** Temp files of writes in flight in this process (a file naming our PID but not listed is stale). */
const inFlight = new Set<string>();

/** A temp file of another live process is stale only after this long (it may still be committing), ms. */
const FOREIGN_TMP_STALE_MS = 60 * 60_000;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes temp files of `path` that no write will ever commit: ours not in flight, those of dead
 * processes, and any older than an hour (a PID reused after a restart looks alive). Returns their paths.
 */
export function removeStaleTempFiles(path: string, now: number = Date.now()): string[] {
  const dir = dirname(path);
  const name = basename(path);
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const entry of entries) {
    if (!entry.startsWith(`.${name}.`) || !entry.endsWith(".tmp")) continue;
    const m = /^(\d+)\.(\d+)$/.exec(entry.slice(name.length + 2, -".tmp".length));
    if (!m) continue;
    const file = join(dir, entry);
    if (inFlight.has(file)) continue;
    const pid = Number(m[1]);
    let stale = pid === process.pid || !pidAlive(pid);
    if (!stale) {
      try {
        stale = now - statSync(file).mtimeMs > FOREIGN_TMP_STALE_MS;
      } catch {
        continue;
      }
    }
    if (!stale) continue;
    try {
      unlinkSync(file);
      removed.push(file);
    } catch {}
  }
  return removed;
}

export function prepareAtomicWrite(path: string, content: string): PreparedWrite {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  removeStaleTempFiles(path);
  const tmpPath = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmpPath, "w", 0o644);
  inFlight.add(tmpPath);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(tmpPath);
    inFlight.delete(tmpPath);
    throw error;
  }
  closeSync(fd);
  return {
    tmpPath,
    commit() {
      renameSync(tmpPath, path);
      inFlight.delete(tmpPath);
      try {
        const dfd = openSync(dir, "r");
        fsyncSync(dfd);
        closeSync(dfd);
      } catch {
        // Some filesystems cannot fsync a directory; the rename itself is still atomic.
      }
    },
    abort() {
      inFlight.delete(tmpPath);
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
