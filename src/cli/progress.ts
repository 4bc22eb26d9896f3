/** A one-line progress bar on stderr, drawn only on a TTY (cron and systemd logs stay clean). */
export interface Progress {
  update(done: number, total: number, label?: string): void;
  done(): void;
}

export function createProgress(title: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, done() {} };
  let last = 0;
  return {
    update(done, total, label = "") {
      const now = performance.now();
      if (done < total && now - last < 50) return;
      last = now;
      const width = 30;
      const frac = total > 0 ? done / total : 1;
      const filled = Math.round(frac * width);
      const bar = "█".repeat(filled) + "░".repeat(width - filled);
      stream.write(`\r${title} ${bar} ${done}/${total} ${label.slice(-40).padEnd(40)}`);
    },
    done() {
      stream.write("\r\x1b[2K");
    },
  };
}
