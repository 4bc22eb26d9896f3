/**
 * The client side of the control channel (`hlbot ctl`, `hlbot tui`): checks the socket is safe (a
 * socket, ours, 0600) before connecting, sends one request line and reads one answer line.
 */
import { BotError } from "../core/errors.ts";
import { type ControlResponse, PROTOCOL_VERSION } from "./protocol.ts";
import { ControlUnavailableError, requireSafeSocket } from "./socket-file.ts";
import {
  type ActionResult,
  CONTROL_CLIENT_TIMEOUT_MS,
  type ControlStatus,
  type TradingPath,
} from "./target.ts";

/** The daemon answered, but refused or failed the action (exit 1). */
export class ControlActionError extends BotError {
  readonly kind = "control_action";
  constructor(
    readonly errorKind: string,
    message: string,
  ) {
    super(message);
  }
}

export type ClientRequest =
  | { action: "status" }
  | { action: "pause"; paths: TradingPath[] }
  | { action: "resume" }
  | { action: "flatten"; coin?: string }
  | { action: "close"; position_id: number };

/** Sends `request` over the socket at `path`; resolves with the daemon's `result`, or throws. */
export async function controlRequest(
  path: string,
  request: ClientRequest,
  timeoutMs = CONTROL_CLIENT_TIMEOUT_MS,
): Promise<unknown> {
  requireSafeSocket(path);
  const line = `${JSON.stringify({
    v: PROTOCOL_VERSION,
    id: crypto.randomUUID().slice(0, 8),
    client: { uid: process.getuid?.() ?? null, pid: process.pid },
    ...request,
  })}\n`;
  const response = await new Promise<ControlResponse>((resolve, reject) => {
    let buf = "";
    let settled = false;
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(
      () =>
        done(() =>
          reject(new ControlActionError("timeout", `no answer from the daemon within ${timeoutMs} ms`)),
        ),
      timeoutMs,
    );
    Bun.connect({
      unix: path,
      socket: {
        open(s) {
          s.write(line);
        },
        data(s, chunk) {
          buf += chunk.toString();
          const nl = buf.indexOf("\n");
          if (nl < 0) return;
          try {
            const parsed = JSON.parse(buf.slice(0, nl)) as ControlResponse;
            done(() => resolve(parsed));
          } catch {
            done(() => reject(new ControlActionError("bad_answer", "the daemon's answer is not JSON")));
          }
          s.end();
        },
        close() {
          done(() =>
            reject(new ControlActionError("closed", "the daemon closed the connection without answering")),
          );
        },
        error(_s, error) {
          done(() => reject(new ControlActionError("io", `control socket error: ${error.message}`)));
        },
      },
    }).catch((error: unknown) => {
      const code = (error as { code?: string }).code;
      done(() =>
        reject(
          new ControlUnavailableError(
            `no daemon answers on ${path} (${code ?? (error as Error).message}): is \`hlbot trade\` running?`,
          ),
        ),
      );
    });
  });
  if (!response.ok) throw new ControlActionError(response.error.kind, response.error.message);
  return response.result;
}

export const controlClient = (path: string, timeoutMs?: number) => ({
  status: () => controlRequest(path, { action: "status" }, timeoutMs) as Promise<ControlStatus>,
  pause: (paths: TradingPath[]) =>
    controlRequest(path, { action: "pause", paths }, timeoutMs) as Promise<ActionResult>,
  resume: () => controlRequest(path, { action: "resume" }, timeoutMs) as Promise<ActionResult>,
  flatten: (coin?: string) =>
    controlRequest(
      path,
      { action: "flatten", ...(coin ? { coin } : {}) },
      timeoutMs,
    ) as Promise<ActionResult>,
  close: (positionId: number) =>
    controlRequest(path, { action: "close", position_id: positionId }, timeoutMs) as Promise<ActionResult>,
});

export type ControlClient = ReturnType<typeof controlClient>;
