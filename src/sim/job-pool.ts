/**
 * Runs backtest jobs on a pool of Bun workers (one per core by default), so sweeps and walk-forward
 * windows use both cores of a small VPS. Results come back in job order whatever the finishing order.
 */
import { availableParallelism } from "node:os";
import { BotError } from "../core/errors.ts";
import { workerUrl } from "../core/worker-url.ts";
import type { BacktestJob, JobResult } from "./job.ts";

export class JobFailedError extends BotError {
  readonly kind = "job_failed";
}

type Reply = { ok: true; result: JobResult } | { ok: false; id: number; error: string };

export async function runJobs(
  jobs: BacktestJob[],
  options: { workers?: number; onDone?: (done: number, total: number) => void } = {},
): Promise<JobResult[]> {
  const size = Math.max(1, Math.min(options.workers ?? availableParallelism(), jobs.length));
  const results = new Map<number, JobResult>();
  const queue = [...jobs];
  const workers = Array.from({ length: size }, () => new Worker(workerUrl("sim/job-worker.ts")));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const next = () => {
              const job = queue.shift();
              if (!job) return resolve();
              w.postMessage(job);
            };
            w.onmessage = (e: MessageEvent<Reply>) => {
              const reply = e.data;
              if (!reply.ok)
                return reject(new JobFailedError(`backtest job ${reply.id} failed: ${reply.error}`));
              results.set(reply.result.id, reply.result);
              options.onDone?.(results.size, jobs.length);
              next();
            };
            w.onerror = (e) => reject(new JobFailedError(`backtest worker crashed: ${e.message}`));
            next();
          }),
      ),
    );
  } finally {
    for (const w of workers) w.terminate();
  }
  return jobs.map((j) => results.get(j.id)!);
}
