/**
 * A one-line progress bar with an ETA on stderr, drawn only on a TTY (cron and systemd logs stay
 * clean; what they need is logged). The ETA extrapolates the average pace so far, so time spent
 * waiting for rate budget counts in it.
 */
export interface Progress {
  update(done: number, total: number, label?: string): void;
  done(): void;
}

/** 75 s → "1m15s", 3 700 s → "1h02m". */
export function formatEta(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/** Seconds left at the average pace so far, or null before the first unit is done. */
export function etaSeconds(done: number, total: number, elapsedMs: number): number | null {
  if (done <= 0 || done > total) return null;
  return ((elapsedMs / done) * (total - done)) / 1000;
}

export function createProgress(
  title: string,
  stream: { isTTY?: boolean; write(text: string): unknown } = process.stderr,
  now: () => number = () => performance.now(),
): Progress {
  if (!stream.isTTY) return { update() {}, done() {} };
  const started = now();
  let last = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(done, total, label = "") {
      const t = now();
      if (done < total && t - last < 50) return;
      last = t;
      const width = 30;
      const frac = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(frac * width);
      const bar = "█".repeat(filled) + "░".repeat(width - filled);
      const eta = etaSeconds(done, total, t - started);
      const etaText = eta === null ? "ETA …" : `ETA ${formatEta(eta)}`;
      stream.write(`\r${title} ${bar} ${done}/${total} ${etaText.padEnd(10)} ${label.slice(-30).padEnd(30)}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write("\r\x1b[2K");
      drawn = false;
    },
  };
}
