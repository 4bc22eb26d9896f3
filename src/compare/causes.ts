/**
 * The cause of a difference between two matched decisions or trades, most upstream first: recorded
 * features, then score, bucket and levels, then the verdict; for trades the entry fill, the exits,
 * then costs. (Data differences — a missing or changed bar — are found in candle-diff.ts and take
 * precedence over all of these.)
 */
import type { DecisionRow } from "../explain/ledger-rows.ts";
import type { Trade } from "./sides.ts";

export type Cause =
  | "missing_bar"
  | "candle"
  | "signal"
  | "feature"
  | "score"
  | "bucket"
  | "levels"
  | "verdict"
  | "fill_price"
  | "cost"
  | "exit_rule";

const DECISION_FIELDS = [
  "score_raw",
  "score",
  "regime",
  "session",
  "vol_bucket",
  "entry_ref",
  "stop",
  "target",
] as const;

export function decisionCause(a: DecisionRow, b: DecisionRow): { cause: Cause; detail: string } | null {
  if (a.features !== b.features) return { cause: "feature", detail: featureDetail(a.features, b.features) };
  for (const k of DECISION_FIELDS) {
    if (a[k] === b[k]) continue;
    const cause: Cause =
      k === "score" || k === "score_raw"
        ? "score"
        : k === "entry_ref" || k === "stop" || k === "target"
          ? "levels"
          : "bucket";
    return { cause, detail: `${k} ${a[k]} → ${b[k]}` };
  }
  if (a.verdict !== b.verdict || a.reasons !== b.reasons)
    return { cause: "verdict", detail: `${a.verdict} ${a.reasons} → ${b.verdict} ${b.reasons}` };
  return null;
}

function featureDetail(fa: string, fb: string): string {
  const a = JSON.parse(fa) as Record<string, unknown>;
  const b = JSON.parse(fb) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]),
  );
  return keys
    .slice(0, 3)
    .map((k) => `${k} ${JSON.stringify(a[k])} → ${JSON.stringify(b[k])}`)
    .concat(keys.length > 3 ? [`(+${keys.length - 3} more)`] : [])
    .join(", ");
}

/**
 * A run that ended with the position still open (the daemon's window) and one that closed it at its
 * end (a backtest's end-of-test flatten) agree up to the window's end: only earlier exits count.
 */
function endTrimmed(a: Trade, b: Trade): boolean {
  const open = (t: Trade) => t.position.status === "open";
  const atEnd = (t: Trade) => t.position.exit_reason === "end_of_test";
  return (open(a) && (open(b) || atEnd(b))) || (open(b) && atEnd(a));
}

const EXIT = (x: Trade["exits"][number]) => `${x.reason}@${x.t}:${x.px}x${x.size}`;

export function tradeCause(a: Trade, b: Trade): { cause: Cause; detail: string } | null {
  const pa = a.position;
  const pb = b.position;
  if (endTrimmed(a, b)) {
    if (pa.entry_px !== pb.entry_px || pa.initial_size !== pb.initial_size)
      return {
        cause: "fill_price",
        detail: `entry ${pa.initial_size} @ ${pa.entry_px} → ${pb.initial_size} @ ${pb.entry_px}`,
      };
    const early = (t: Trade) =>
      t.exits
        .filter((x) => x.reason !== "end_of_test")
        .map(EXIT)
        .join(" ");
    if (early(a) !== early(b))
      return { cause: "exit_rule", detail: `exits ${early(a) || "none"} → ${early(b) || "none"}` };
    return null;
  }
  if (pa.entry_px !== pb.entry_px || pa.initial_size !== pb.initial_size)
    return {
      cause: "fill_price",
      detail: `entry ${pa.initial_size} @ ${pa.entry_px} → ${pb.initial_size} @ ${pb.entry_px}`,
    };
  const ea = a.exits.map(EXIT).join(" ");
  const eb = b.exits.map(EXIT).join(" ");
  if (ea !== eb || pa.exit_reason !== pb.exit_reason || pa.closed_at !== pb.closed_at)
    return { cause: "exit_rule", detail: `exits ${ea || "none"} → ${eb || "none"}` };
  for (const k of ["fees", "slippage", "funding"] as const) {
    if (pa[k] !== pb[k]) return { cause: "cost", detail: `${k} ${pa[k]} → ${pb[k]}` };
  }
  if (pa.net_pnl !== pb.net_pnl || pa.r_multiple !== pb.r_multiple)
    return {
      cause: "cost",
      detail: `net ${pa.net_pnl} → ${pb.net_pnl}, R ${pa.r_multiple} → ${pb.r_multiple}`,
    };
  return null;
}
