/**
 * The control socket's file: `<ledger>.ctl.sock` beside the ledger, mode 0600 and owned by the
 * daemon's user. A client refuses a socket that is not exactly that (another user could have put it
 * there to impersonate the daemon); the server refuses to replace anything that is not a stale
 * socket of its own.
 */
import { lstatSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BotError } from "../core/errors.ts";

/** Linux's sun_path holds 108 bytes including the terminating NUL. */
export const MAX_SOCKET_PATH_BYTES = 107;

export function controlSocketPath(ledgerPath: string): string {
  return ledgerPath === ":memory:"
    ? join(tmpdir(), `hlbot-memory-${process.pid}.ctl.sock`)
    : `${ledgerPath}.ctl.sock`;
}

/** The socket is unsafe (wrong owner or mode, not a socket, path too long): exit 2, nothing sent. */
export class ControlSocketError extends BotError {
  readonly kind = "control_socket";
  override readonly exitCode = 2;
}

/** No daemon answers on the socket (none running, or it has no control channel). EX_UNAVAILABLE. */
export class ControlUnavailableError extends BotError {
  readonly kind = "control_unavailable";
  override readonly exitCode = 69;
}

export function checkPathLength(path: string): void {
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH_BYTES) {
    throw new ControlSocketError(
      `control socket path ${path} is longer than ${MAX_SOCKET_PATH_BYTES} bytes (a unix socket limit): use a shorter ledger.path`,
    );
  }
}

/** Why `path` is not a socket this process may trust, or null when it is (exists, is a socket, ours, 0600). */
export function socketProblem(path: string): { missing: boolean; problem: string } | null {
  let st: ReturnType<typeof lstatSync>;
  try {
    st = lstatSync(path);
  } catch {
    return {
      missing: true,
      problem: `no control socket at ${path}: is \`hlbot trade\` running with this ledger?`,
    };
  }
  if (!st.isSocket()) return { missing: false, problem: `${path} is not a socket` };
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) {
    return {
      missing: false,
      problem: `${path} belongs to uid ${st.uid}, not to you (uid ${uid}); run as the daemon's user`,
    };
  }
  const mode = st.mode & 0o777;
  if ((mode & 0o077) !== 0) {
    return {
      missing: false,
      problem: `${path} has mode ${mode.toString(8).padStart(4, "0")}; only 0600 (owner only) is trusted`,
    };
  }
  return null;
}

/** Throws unless `path` is a trustworthy control socket. */
export function requireSafeSocket(path: string): void {
  checkPathLength(path);
  const p = socketProblem(path);
  if (!p) return;
  if (p.missing) throw new ControlUnavailableError(p.problem);
  throw new ControlSocketError(`refusing to use the control socket: ${p.problem}`);
}
