/**
 * GET /candidates — the buckets allowed to trade real money (live_candidates.json), each with its
 * latest gate statistics and state. A missing or invalid file is reported, not served half-read.
 */
import { Hono } from "hono";
import * as z from "zod";
import type { ApiContext } from "../context.ts";
import { parseQuery } from "../params.ts";
import { readCandidatesFile } from "../queries/candidates.ts";

export function candidateRoutes(ctx: ApiContext): Hono {
  return new Hono().get("/candidates", (c) => {
    parseQuery(c, z.strictObject({}));
    const path = ctx.deps.candidatesPath;
    const read = readCandidatesFile(path);
    if (read.status !== "ok") {
      return c.json({
        file: { path, status: read.status, ...(read.status === "invalid" ? { error: read.error } : {}) },
        buckets: [],
      });
    }
    const { buckets, ...meta } = read.file;
    return c.json({
      file: { path, status: "ok", ...meta },
      buckets: buckets.map((b) => ({
        ...b,
        gate: ctx.candidates.latestStats(b.key),
        bucket_state: ctx.candidates.bucketState(b.key),
      })),
    });
  });
}
