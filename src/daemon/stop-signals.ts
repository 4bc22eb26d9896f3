/**
 * SIGTERM / SIGINT for the daemon: the first asks for a clean stop (finish the tick in progress, send
 * what it queued, close the ledger, exit 0); a second one exits at once. Exiting between ticks or in
 * the middle of an await never corrupts the ledger: every tick's writes are one WAL transaction, and
 * signal handlers never run inside one (transactions are synchronous).
 */
import { log } from "../log.ts";

const EXIT_ON_SECOND: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/** Installs the handlers; returns a function that removes them. */
export function onStopSignals(stop: (signal: NodeJS.Signals) => void): () => void {
  let received = 0;
  const handler = (signal: NodeJS.Signals) => {
    received++;
    if (received === 1) {
      log.warn(`${signal}: stopping after the current tick (send it again to exit at once)`);
      stop(signal);
      return;
    }
    log.warn(`${signal} again: exiting now`);
    process.exit(EXIT_ON_SECOND[signal] ?? 1);
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}
