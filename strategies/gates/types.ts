/**
 * Gate introspection: each strategy's entry rule spelled out as a list of named gates (threshold,
 * the bar's value, pass/fail) per side, so `hlbot explain` can show why a bar fired or not. The
 * gates mirror the strategy's evaluate condition for condition; tests/strategies/gates.test.ts holds
 * `fires` equal to `evaluate(...) !== null` (and the chosen side equal) on every real bar.
 */
import type { Side } from "../../src/core/bucket.ts";

export interface Gate {
  name: string;
  /** The rule as a trader reads it, with the threshold filled in (e.g. "adx14 ≥ 25"). */
  rule: string;
  /** The bar's value the rule was tested on (a number, or a label such as a session name). */
  value: number | string | boolean;
  pass: boolean;
  /** "context": no side involved (coin list, session); "side": picks the side; "filter": after the side. */
  kind: "context" | "side" | "filter";
}

export interface GateReport {
  /** The side the strategy chose (long is tried first), or null when no side's side-gates passed. */
  side: Side | null;
  /** The gates of each side, context gates included in both. */
  long: Gate[];
  short: Gate[];
  /** True exactly when the strategy's evaluate returns a signal. */
  fires: boolean;
}

export function gate(
  kind: Gate["kind"],
  name: string,
  rule: string,
  value: Gate["value"],
  pass: boolean,
): Gate {
  return { kind, name, rule, value, pass };
}

/** Long if its side gates pass, else short if its side gates pass (the strategies' order). */
export function report(long: Gate[], short: Gate[]): GateReport {
  const sidePass = (g: Gate[]) => g.every((x) => x.kind !== "side" || x.pass);
  const context = long.every((x) => x.kind !== "context" || x.pass);
  const side: Side | null = !context ? null : sidePass(long) ? "long" : sidePass(short) ? "short" : null;
  const fires = side !== null && (side === "long" ? long : short).every((x) => x.pass);
  return { side, long, short, fires };
}

/** Formats a threshold for a rule text (shortest round-trip form). */
export function n(x: number): string {
  return String(x);
}
