/**
 * The optional log file beside the ledger (`log.file`): the same JSON lines as stderr, appended with
 * synchronous writes (a line is on disk when the call returns, so a crash loses nothing logged
 * before it) and rotated by size — `<file>` → `<file>.1` → … → `<file>.<keep>`, the oldest deleted.
 * A file that cannot be written is reported once on stderr and then left alone: logging never
 * breaks the code that logs.
 */
import { closeSync, existsSync, fstatSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface LogFileOptions {
  path: string;
  /** Rotate before a write would take the file past this size, bytes. */
  maxBytes: number;
  /** Rotated files kept besides the current one. */
  keep: number;
}

/** `<ledger>.log` (in the temp dir for an in-memory ledger). */
export function logFilePath(ledgerPath: string): string {
  return ledgerPath === ":memory:" ? join(tmpdir(), "hlbot-memory.log") : `${ledgerPath}.log`;
}

export class RotatingFile {
  #fd: number | null = null;
  #size = 0;
  #broken = false;

  constructor(
    readonly options: LogFileOptions,
    private readonly warn: (message: string) => void = (m) => process.stderr.write(`${m}\n`),
  ) {}

  write(line: string): void {
    if (this.#broken) return;
    try {
      const bytes = Buffer.byteLength(line) + 1;
      if (this.#fd === null) this.#open();
      if (this.#size > 0 && this.#size + bytes > this.options.maxBytes) this.#rotate();
      writeSync(this.#fd!, `${line}\n`);
      this.#size += bytes;
    } catch (error) {
      this.#broken = true;
      this.warn(
        `log file ${this.options.path} cannot be written (${(error as Error).message}); logging to it stops`,
      );
    }
  }

  close(): void {
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }

  #open(): void {
    this.#fd = openSync(this.options.path, "a", 0o600);
    this.#size = fstatSync(this.#fd).size;
  }

  #rotate(): void {
    this.close();
    const { path, keep } = this.options;
    if (keep === 0) rmSync(path, { force: true });
    else {
      rmSync(`${path}.${keep}`, { force: true });
      for (let i = keep - 1; i >= 1; i--)
        if (existsSync(`${path}.${i}`)) renameSync(`${path}.${i}`, `${path}.${i + 1}`);
      renameSync(path, `${path}.1`);
    }
    this.#open();
  }
}
