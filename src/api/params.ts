/**
 * Query-string validation for every route: strict zod objects (an unknown parameter is an error,
 * catching typos), with messages that name the parameter. Shared parameter schemas live here.
 */
import type { Context } from "hono";
import * as z from "zod";
import { type CursorKey, decodeCursor } from "./cursor.ts";
import { ApiRequestError } from "./errors.ts";

/** A whole number in [min, max] written in decimal digits. */
export function intParam(min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,16}$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min, `must be ≥ ${min}`).max(max, `must be ≤ ${max}`));
}

/** Which run to read: 0 is the daemon, a positive id a backtest run. */
export const runIdParam = intParam(0, Number.MAX_SAFE_INTEGER).default(0);

export const modeParam = z.enum(["shadow", "live"], { error: "must be shadow or live" }).optional();

/** Earliest and latest time a query may name: 1970-01-01 and 2100-01-01 UTC (ms). */
export const TIME_MIN = 0;
export const TIME_MAX = Date.UTC(2100, 0, 1);

/**
 * A time: epoch milliseconds or an ISO-8601 date/time (UTC unless it says otherwise), inside
 * [TIME_MIN, TIME_MAX] — a 16-digit number is a valid integer but no date the ledger can hold (and
 * not one a Date can print: it used to reach toISOString and answer 500).
 */
export const timeParam = z.string().transform((text, ctx) => {
  const t = /^\d{1,16}$/.test(text) ? Number(text) : /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
  if (!Number.isFinite(t)) {
    ctx.addIssue({ code: "custom", message: "must be epoch milliseconds or an ISO-8601 date" });
    return z.NEVER;
  }
  if (t < TIME_MIN || t > TIME_MAX) {
    ctx.addIssue({ code: "custom", message: "must lie between 1970-01-01 and 2100-01-01 UTC" });
    return z.NEVER;
  }
  return t;
});

export const daysParam = z
  .string()
  .regex(/^\d{1,5}(\.\d{1,6})?$/, "must be a positive number of days")
  .transform(Number)
  .pipe(z.number().positive("must be > 0").max(3650, "must be ≤ 3650"));

export const cursorParam = z
  .string()
  .transform((text, ctx): CursorKey => {
    const key = decodeCursor(text);
    if (!key) {
      ctx.addIssue({ code: "custom", message: "is not a cursor this API issued" });
      return z.NEVER;
    }
    return key;
  })
  .optional();

/** A coin or strategy name: short, printable, no wildcard games. */
export const nameParam = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,40}$/, "must be 1–40 letters, digits or _ . : -")
  .optional();

/** Parses the request's query string with `schema` or throws a 400 naming each bad parameter. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (parsed.success) return parsed.data;
  throw new ApiRequestError(400, describeIssues(parsed.error));
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      if (issue.code === "unrecognized_keys") return `unknown parameter: ${issue.keys.join(", ")}`;
      const name = issue.path.map(String).join(".") || "query";
      return `${name}: ${issue.message}`;
    })
    .join("; ");
}
