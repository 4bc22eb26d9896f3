/**
 * The daemon's side of the control channel: a unix socket beside the ledger (mode 0600), one JSON
 * request per line, answered in order. Every action but `status` is written to the audit table
 * BEFORE it runs (no audit row, no action) and alerted afterwards with its outcome. A bad request is
 * answered with what is wrong; nothing a client sends can throw into the daemon.
 */
import type { Database } from "bun:sqlite";
import { chmodSync, lstatSync, unlinkSync } from "node:fs";
import type { Socket, TCPSocketListener, UnixSocketListener } from "bun";
import type { AlertSink } from "../alerts/alert.ts";
import { alertEvents } from "../alerts/events.ts";
import type { Clock } from "../core/clock.ts";
import { log } from "../log.ts";
import { ControlAudit } from "./audit.ts";
import {
  actionArgs,
  ControlRequest,
  type ControlResponse,
  describeIssues,
  MAX_LINE_BYTES,
  PROTOCOL_VERSION,
  type ControlRequest as Request,
} from "./protocol.ts";
import { ControlSocketError, checkPathLength, socketProblem } from "./socket-file.ts";
import { CONTROL_ACTION_TIMEOUT_MS, ControlRefusedError, type ControlTarget } from "./target.ts";

const clog = () => log.withTag("control");

export interface ControlServerOptions {
  path: string;
  target: ControlTarget;
  db: Database;
  clock: Clock;
  alerts?: AlertSink;
  /** Longest a target call may take before the client is told it failed, ms. */
  actionTimeoutMs?: number;
}

export interface ControlServer {
  readonly path: string;
  stop(): void;
}

interface Conn {
  buf: string;
  chain: Promise<void>;
  pending: Buffer[];
}

export async function startControlServer(o: ControlServerOptions): Promise<ControlServer> {
  checkPathLength(o.path);
  await clearStale(o.path);
  const audit = new ControlAudit(o.db);
  const handle = (line: string) => answer(line, o, audit);
  const previous = process.umask(0o177); // the socket is born 0600: no window with a wider mode
  let listener: UnixSocketListener<Conn> | TCPSocketListener<Conn>;
  try {
    listener = Bun.listen<Conn>({
      unix: o.path,
      socket: {
        open(s) {
          s.data = { buf: "", chain: Promise.resolve(), pending: [] };
        },
        data(s, chunk) {
          const c = s.data;
          c.buf += chunk.toString();
          if (Buffer.byteLength(c.buf) > MAX_LINE_BYTES && !c.buf.includes("\n")) {
            send(s, reply(undefined, "bad_request", `request longer than ${MAX_LINE_BYTES} bytes`));
            s.end();
            return;
          }
          let nl = c.buf.indexOf("\n");
          while (nl >= 0) {
            const line = c.buf.slice(0, nl).trim();
            c.buf = c.buf.slice(nl + 1);
            if (line) c.chain = c.chain.then(async () => send(s, await handle(line)));
            nl = c.buf.indexOf("\n");
          }
        },
        drain(s) {
          flush(s);
        },
        error(_s, error) {
          clog().warn("control connection failed", error);
        },
      },
    });
  } finally {
    process.umask(previous);
  }
  chmodSync(o.path, 0o600);
  const problem = socketProblem(o.path);
  if (problem) {
    listener.stop(true);
    throw new ControlSocketError(`control socket not safe after creation: ${problem.problem}`);
  }
  clog().info(`control socket ${o.path} (hlbot ctl / hlbot tui)`);
  return {
    path: o.path,
    stop() {
      listener.stop(true);
      try {
        unlinkSync(o.path);
      } catch {
        // already gone
      }
    },
  };
}

function send(s: Socket<Conn>, response: ControlResponse): void {
  s.data.pending.push(Buffer.from(`${JSON.stringify(response)}\n`));
  flush(s);
}

function flush(s: Socket<Conn>): void {
  const q = s.data.pending;
  while (q.length > 0) {
    const head = q[0]!;
    const n = s.write(head);
    if (n < head.length) {
      q[0] = head.subarray(Math.max(0, n));
      return; // the rest goes out on drain
    }
    q.shift();
  }
}

function reply(
  id: string | undefined,
  kind: "bad_request" | "refused" | "failed" | "unaudited",
  message: string,
) {
  return { v: PROTOCOL_VERSION, ...(id ? { id } : {}), ok: false as const, error: { kind, message } };
}

async function answer(line: string, o: ControlServerOptions, audit: ControlAudit): Promise<ControlResponse> {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return reply(undefined, "bad_request", "not JSON: send one JSON object per line");
  }
  const id = typeof (raw as { id?: unknown })?.id === "string" ? (raw as { id: string }).id : undefined;
  const parsed = ControlRequest.safeParse(raw);
  if (!parsed.success) return reply(id, "bad_request", describeIssues(parsed.error));
  const req = parsed.data;
  if (req.action === "status") {
    try {
      return { v: PROTOCOL_VERSION, ...(id ? { id } : {}), ok: true, result: await o.target.status() };
    } catch (error) {
      clog().warn("control status failed", error);
      return reply(id, "failed", (error as Error).message);
    }
  }
  const args = actionArgs(req);
  let row: number;
  try {
    row = audit.begin(o.clock.now(), req.action, args, req.client);
  } catch (error) {
    clog().error(`control ${req.action} refused: the audit row could not be written`, error);
    return reply(
      id,
      "unaudited",
      "the action could not be recorded in the ledger, so it was not carried out",
    );
  }
  const outcome = await run(req, o);
  try {
    audit.finish(row, outcome.ok, outcome.message, o.clock.now());
  } catch (error) {
    clog().error(`control ${req.action}: outcome not recorded (audit row ${row})`, error);
  }
  clog().warn(
    `hlbot ctl ${req.action} ${JSON.stringify(args)}: ${outcome.ok ? "" : "refused: "}${outcome.message}`,
  );
  o.alerts?.emit(
    alertEvents.controlAction({ action: req.action, args, ok: outcome.ok, message: outcome.message }),
  );
  if (outcome.ok) return { v: PROTOCOL_VERSION, ...(id ? { id } : {}), ok: true, result: outcome.result };
  return reply(id, outcome.kind, outcome.message);
}

type Outcome =
  | { ok: true; message: string; result: unknown }
  | { ok: false; kind: "refused" | "failed"; message: string };

async function run(req: Exclude<Request, { action: "status" }>, o: ControlServerOptions): Promise<Outcome> {
  const t = o.target;
  const call = () => {
    switch (req.action) {
      case "pause":
        return t.pause(req.paths);
      case "resume":
        return t.resume();
      case "flatten":
        return t.flatten(req.coin);
      case "close":
        return t.close(req.position_id);
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeoutMs = o.actionTimeoutMs ?? CONTROL_ACTION_TIMEOUT_MS;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer from the daemon within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    const result = await Promise.race([Promise.resolve().then(call), timeout]);
    return { ok: true, message: result.message, result };
  } catch (error) {
    if (error instanceof ControlRefusedError) return { ok: false, kind: "refused", message: error.message };
    clog().error(`control ${req.action} failed`, error);
    return { ok: false, kind: "failed", message: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** A socket file left by a daemon that died is removed; anything else at the path is an error. */
async function clearStale(path: string): Promise<void> {
  let isSocket: boolean;
  try {
    isSocket = lstatSync(path).isSocket();
  } catch {
    return; // nothing there
  }
  if (!isSocket) throw new ControlSocketError(`${path} exists and is not a socket: refusing to replace it`);
  const alive = await Bun.connect({ unix: path, socket: { data() {}, error() {} } }).then(
    (s) => {
      s.end();
      return true;
    },
    () => false,
  );
  if (alive) throw new ControlSocketError(`another process already listens on ${path}`);
  unlinkSync(path);
}
