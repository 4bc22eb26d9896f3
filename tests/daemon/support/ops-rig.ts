/**
 * The live daemon of live-rig.ts with the operator layer attached exactly as `hlbot trade` attaches
 * it (attachOperations): alerts to a fake JSON webhook, a heartbeat, the control socket beside the
 * ledger. Helpers send a control request over that socket and run the tick that applies it.
 */
import type { Alert } from "../../../src/alerts/alert.ts";
import { createApiApp } from "../../../src/api/app.ts";
import { type ControlClient, controlClient } from "../../../src/control/client.ts";
import { controlSocketPath } from "../../../src/control/socket-file.ts";
import { type AttachedOperations, attachOperations } from "../../../src/daemon/operations.ts";
import { type FakeNotifiers, startFakeNotifiers } from "../../alerts/support/fake-notifiers.ts";
import { waitFor } from "../../cli/support/daemon-process.ts";
import { shutdown, step } from "./harness.ts";
import { type LiveRig, liveRig } from "./live-rig.ts";

export interface OpsRig extends LiveRig {
  attached: AttachedOperations;
  hooks: FakeNotifiers;
  ctl: ControlClient;
}

export interface OpsRigOptions {
  time: string;
  overrides?: Record<string, unknown>;
  /** Where the webhook notifier POSTs (default: the fake's /hook). */
  webhookUrl?: string;
}

export async function opsRig(o: OpsRigOptions): Promise<OpsRig> {
  const hooks = startFakeNotifiers();
  const r = liveRig({
    time: o.time,
    overrides: {
      "engine.history_bars": 100,
      "alerts.webhook": { enabled: true },
      "alerts.heartbeat": { enabled: true, interval_minutes: 1 },
      "alerts.daily_summary_hour_utc": null,
      "alerts.retry_initial_ms": 10,
      "alerts.retry_max_ms": 50,
      ...o.overrides,
    },
  });
  const attached = await attachOperations(r.daemon, {
    config: r.config,
    db: r.db,
    clock: r.clock,
    client: r.client,
    alertSecrets: { webhookUrl: o.webhookUrl ?? `${hooks.url}/hook`, heartbeatUrl: `${hooks.url}/ping/x` },
    live: true,
    demo: false,
    heartbeatClock: r.clock, // the manual clock: minutes pass in milliseconds
  });
  const ctl = controlClient(controlSocketPath(r.config.ledger.path));
  return { ...r, attached, hooks, ctl };
}

/** Stops in `hlbot trade`'s order: daemon, then the operator layer (goodbye, flush), ledger, venue. */
export async function stopOps(r: OpsRig): Promise<void> {
  await r.daemon.close();
  await r.attached.ops.stop("test over", { ticks: r.daemon.stats().ticks, errors: 0 });
  await shutdown(r);
  r.hooks.stop();
}

/** Sends a control request and runs the tick that applies it (once the daemon has queued it). */
export async function viaTick<T>(r: OpsRig, request: () => Promise<T>): Promise<T> {
  const before = r.daemon.control.queued;
  const answer = request();
  answer.catch(() => undefined);
  await waitFor(() => (r.daemon.control.queued > before ? true : undefined), 10_000);
  await step(r);
  return answer;
}

/** The alerts the fake webhook has received so far. */
export function alerts(r: OpsRig): Alert[] {
  return r.hooks.requests.webhook.map((q) => q.body as Alert);
}

/** Waits until an alert of `kind` (and, optionally, matching `where`) has arrived; returns it. */
export async function alertOf(
  r: OpsRig,
  kind: Alert["kind"],
  where: (a: Alert) => boolean = () => true,
): Promise<Alert> {
  try {
    return await waitFor(() => alerts(r).find((a) => a.kind === kind && where(a)), 10_000);
  } catch {
    throw new Error(
      `no ${kind} alert arrived; got: ${alerts(r)
        .map((a) => `${a.kind}: ${a.title}`)
        .join(" | ")}`,
    );
  }
}

/** GET /metrics of the daemon's API app (the route `hlbot trade` serves). */
export async function metrics(r: OpsRig): Promise<string> {
  const app = createApiApp({
    db: r.db,
    ledgerPath: r.config.ledger.path,
    candidatesPath: r.config.live.candidates_path,
    tickSeconds: r.config.engine.tick_seconds,
    health: r.attached.health,
    metrics: r.attached.metrics,
    clock: r.clock,
    api: { token: undefined, dashboardRefreshSeconds: 10 },
  });
  return (await app.request("/metrics")).text();
}
