/** Bun worker entry: runs backtest jobs posted by the pool, one at a time. */
import { type BacktestJob, runJob } from "./job.ts";

declare const self: Worker;

self.onmessage = (event: MessageEvent<BacktestJob>) => {
  try {
    self.postMessage({ ok: true, result: runJob(event.data) });
  } catch (error) {
    self.postMessage({
      ok: false,
      id: event.data.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
};
