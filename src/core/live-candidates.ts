/**
 * The contract between `hlbot promote` (writer) and the live gate (reader): the buckets allowed to
 * trade real money, with their state and provenance. Validated on read; a bad file is rejected whole.
 */
import * as z from "zod";

export const LiveCandidateSchema = z.strictObject({
  key: z.string().min(1),
  strategy: z.string().min(1),
  side: z.enum(["long", "short"]),
  session: z.string().min(1),
  regime: z.enum(["Long", "Short", "Neutral"]),
  vol_bucket: z.string().min(1),
  /** PROBATION trades at a reduced size, LIVE at full size. */
  state: z.enum(["PROBATION", "LIVE"]),
  size_multiplier: z.number().positive().max(1),
  since: z.string(),
  stats: z.record(z.string(), z.union([z.number(), z.null()])).default({}),
});

export const LiveCandidatesFileSchema = z.strictObject({
  version: z.literal(1),
  generated_at: z.string().nullable(),
  mining_run_id: z.number().int().nullable(),
  promote_run_id: z.string().nullable(),
  sim_model_version: z.string().nullable(),
  buckets: z.array(LiveCandidateSchema),
});

export type LiveCandidate = z.output<typeof LiveCandidateSchema>;
export type LiveCandidatesFile = z.output<typeof LiveCandidatesFileSchema>;

export const EMPTY_LIVE_CANDIDATES: LiveCandidatesFile = {
  version: 1,
  generated_at: null,
  mining_run_id: null,
  promote_run_id: null,
  sim_model_version: null,
  buckets: [],
};
