/**
 * Trading sessions by UTC time of day. Each window starts at `start` and lasts until the next
 * window's start (the last one wraps past midnight to the first), so windows can never overlap and
 * always cover the whole 24 h. A decision's session is the one containing its decision time.
 */
import * as z from "zod";

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const SessionWindow = z.strictObject({
  /** Bucket name, e.g. EU_OPEN (upper case, used in bucket keys and live_candidates.json). */
  name: z.string().regex(/^[A-Z][A-Z0-9_]*$/, "upper-case letters, digits and _"),
  /** UTC start time, "HH:MM". */
  start: z.string().regex(HHMM, 'expected "HH:MM" (UTC)'),
});

export const SessionsSection = z.strictObject({
  /** Windows in increasing start time. */
  windows: z
    .array(SessionWindow)
    .min(1)
    .default([
      { name: "ASIA", start: "00:00" },
      { name: "EU_OPEN", start: "07:00" },
      { name: "US_MAIN", start: "13:00" },
      { name: "US_LATE", start: "20:00" },
    ])
    .superRefine((ws, ctx) => {
      const names = new Set<string>();
      for (let i = 0; i < ws.length; i++) {
        const w = ws[i]!;
        if (names.has(w.name))
          ctx.addIssue({ code: "custom", path: [i, "name"], message: "duplicate session name" });
        names.add(w.name);
        if (i > 0 && w.start <= ws[i - 1]!.start) {
          ctx.addIssue({ code: "custom", path: [i, "start"], message: "starts must be strictly increasing" });
        }
      }
    }),
});

export type SessionsConfig = z.output<typeof SessionsSection>;
