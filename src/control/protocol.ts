/**
 * The control protocol: one JSON object per line each way over the unix socket. A request names an
 * action and its arguments (validated here with zod, at the edge); the answer is `{ok: true,
 * result}` or `{ok: false, error: {kind, message}}`, with the request's `id` echoed.
 *
 * @example
 * → {"v":1,"id":"a1","action":"flatten","coin":"BTC","client":{"uid":1000,"pid":4242}}
 * ← {"v":1,"id":"a1","ok":true,"result":{"message":"flattening 1 live position: BTC"}}
 */
import * as z from "zod";

export const PROTOCOL_VERSION = 1;
/** Longest request line accepted, bytes; a longer one closes the connection. */
export const MAX_LINE_BYTES = 64 * 1024;

const Client = z.strictObject({ uid: z.number().int().nullable(), pid: z.number().int() }).optional();
const Base = { v: z.literal(PROTOCOL_VERSION), id: z.string().max(64).optional(), client: Client };
const Coin = z.string().regex(/^[A-Za-z0-9@:_-]{1,32}$/, "expected a coin name such as BTC");

export const ControlRequest = z.discriminatedUnion("action", [
  z.strictObject({ ...Base, action: z.literal("status") }),
  z.strictObject({
    ...Base,
    action: z.literal("pause"),
    paths: z
      .array(z.enum(["shadow", "live"]))
      .min(1)
      .max(2)
      .refine((p) => new Set(p).size === p.length, "a path is listed twice"),
  }),
  z.strictObject({ ...Base, action: z.literal("resume") }),
  z.strictObject({ ...Base, action: z.literal("flatten"), coin: Coin.optional() }),
  z.strictObject({ ...Base, action: z.literal("close"), position_id: z.number().int().positive() }),
]);

export type ControlRequest = z.output<typeof ControlRequest>;
export type ControlAction = ControlRequest["action"];

export type ErrorKind = "bad_request" | "refused" | "failed" | "unaudited";

export type ControlResponse =
  | { v: number; id?: string | undefined; ok: true; result: unknown }
  | { v: number; id?: string | undefined; ok: false; error: { kind: ErrorKind; message: string } };

/** The arguments of a request as audited (no envelope fields). */
export function actionArgs(r: ControlRequest): Record<string, string | number | null> {
  switch (r.action) {
    case "pause":
      return { paths: r.paths.join(",") };
    case "flatten":
      return { coin: r.coin ?? null };
    case "close":
      return { position_id: r.position_id };
    default:
      return {};
  }
}

/** A zod failure as one line naming each field. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}`).join("; ");
}
