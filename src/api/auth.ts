/**
 * Bearer-token check for the data routes. Both sides are hashed to equal-length digests and compared
 * with timingSafeEqual, so neither the token's content nor its length leaks through timing.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { ApiRequestError } from "./errors.ts";

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/** True when `presented` equals `expected`, in time independent of where they differ. */
export function tokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

/** Requires `Authorization: Bearer <token>` on every path except those in `publicPaths`. */
export function bearerAuth(token: string, publicPaths: ReadonlySet<string>): MiddlewareHandler {
  const expected = digest(token);
  return async (c, next) => {
    if (publicPaths.has(c.req.path)) return next();
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
      c.header("WWW-Authenticate", 'Bearer realm="hlbot"');
      throw new ApiRequestError(401, "missing or wrong bearer token");
    }
    return next();
  };
}
