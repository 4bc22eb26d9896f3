/**
 * The process-wide alert sink, like the process-wide logger: code anywhere in the daemon reports an
 * event with `emitAlert(...)` without an alerter being threaded through it. Until the daemon
 * installs its Alerter, events go nowhere. Emitting never throws.
 */
import type { AlertEvent, AlertSink } from "./alert.ts";

const NOWHERE: AlertSink = { emit: () => {} };
let current: AlertSink = NOWHERE;

/** Routes `emitAlert` to `sink`; returns the function that restores the previous sink. */
export function installAlertSink(sink: AlertSink): () => void {
  const previous = current;
  current = sink;
  return () => {
    if (current === sink) current = previous;
  };
}

export function emitAlert(event: AlertEvent): void {
  try {
    current.emit(event);
  } catch {
    // an alert must never break the code that reports it
  }
}
