/**
 * flock(2) through bun:ffi on the C library: an advisory lock the kernel ties to an open file and
 * drops when its holder dies (kill -9, OOM, container restart), so a crashed run can never lock the
 * next one out, whatever PID it comes back with. Where no libc can be loaded, or the filesystem does
 * not support flock, callers fall back to a PID lock file.
 */
import { dlopen, FFIType, read } from "bun:ffi";

const LOCK_EX = 2;
const LOCK_NB = 4;
const EINTR = 4;
/** EWOULDBLOCK (= EAGAIN): another open file holds the lock. 11 on Linux, 35 on the BSDs/macOS. */
const WOULD_BLOCK = process.platform === "darwin" ? 35 : 11;

const CANDIDATES =
  process.platform === "darwin"
    ? [{ path: "libc.dylib", errno: "__error" }]
    : [
        { path: "libc.so.6", errno: "__errno_location" },
        {
          path: `libc.musl-${process.arch === "arm64" ? "aarch64" : "x86_64"}.so.1`,
          errno: "__errno_location",
        },
      ];

interface Libc {
  flock(fd: number, op: number): number;
  errno(): number;
}

let libc: Libc | null | undefined;

function loadLibc(): Libc | null {
  if (libc !== undefined) return libc;
  libc = null;
  for (const candidate of CANDIDATES) {
    try {
      const lib = dlopen(candidate.path, {
        flock: { args: [FFIType.i32, FFIType.i32], returns: FFIType.i32 },
        [candidate.errno]: { args: [], returns: FFIType.ptr },
      });
      const errnoAt = lib.symbols[candidate.errno] as () => number | null;
      libc = {
        flock: (fd, op) => lib.symbols.flock(fd, op) as number,
        errno: () => {
          const at = errnoAt();
          return at ? read.i32(at as never, 0) : 0;
        },
      };
      break;
    } catch {
      // not this C library; try the next
    }
  }
  return libc;
}

export type FlockResult = "locked" | "held" | "unsupported";

/** Tries an exclusive, non-blocking flock on `fd`: "held" when another open file has it. */
export function tryExclusiveFlock(fd: number): FlockResult {
  const c = loadLibc();
  if (!c) return "unsupported";
  for (;;) {
    if (c.flock(fd, LOCK_EX | LOCK_NB) === 0) return "locked";
    const errno = c.errno();
    if (errno === EINTR) continue;
    return errno === WOULD_BLOCK ? "held" : "unsupported";
  }
}
