/**
 * How the pages print numbers and times. R is signed with two decimals ("+1.23R"), money in USDC
 * with cents, percentages are given in percent (4.47 → "+4.47%"); times are UTC. A missing value
 * prints as "—", never as NaN or 0.
 */
type N = number | null | undefined;

const missing = (x: N): x is null | undefined => x === null || x === undefined || !Number.isFinite(x);
const sign = (x: number, signed: boolean) => (x < 0 ? "−" : signed && x > 0 ? "+" : "");

export function fmtR(x: N, digits = 2): string {
  return missing(x) ? "—" : `${sign(x, true)}${Math.abs(x).toFixed(digits)}R`;
}

export function fmtUsd(x: N, signed = true): string {
  if (missing(x)) return "—";
  const abs = Math.abs(x).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${sign(x, signed)}$${abs}`;
}

/** A percentage given in percent. */
export function fmtPct(x: N, signed = true, digits = 2): string {
  return missing(x) ? "—" : `${sign(x, signed)}${Math.abs(x).toFixed(digits)}%`;
}

/** A fraction (0.427) as a percentage ("42.7%"). */
export function fmtShare(x: N, digits = 1): string {
  return missing(x) ? "—" : `${(x * 100).toFixed(digits)}%`;
}

export function fmtNum(x: N, digits = 2): string {
  return missing(x)
    ? "—"
    : `${sign(x, false)}${Math.abs(x).toLocaleString("en-US", { maximumFractionDigits: digits })}`;
}

/** A price or size: up to 6 significant digits, as Hyperliquid quotes them. */
export function fmtPx(x: N): string {
  return missing(x) ? "—" : x.toLocaleString("en-US", { maximumSignificantDigits: 6 });
}

export function fmtTime(t: N): string {
  return missing(t) ? "—" : new Date(t).toISOString().slice(0, 16).replace("T", " ");
}

export function fmtDate(t: N): string {
  return missing(t) ? "—" : new Date(t).toISOString().slice(0, 10);
}

export function fmtWindow(w: { from: number; to: number } | null | undefined): string {
  return w ? `${fmtTime(w.from)} → ${fmtTime(w.to)} UTC` : "—";
}

/** A confidence interval "[−0.23, +0.10]". */
export function fmtCi(ci: [number, number] | null | undefined, unit = "R"): string {
  if (!ci) return "no CI (too few trades)";
  const f = (x: number) => `${sign(x, true)}${Math.abs(x).toFixed(2)}`;
  return `95% CI [${f(ci[0])}, ${f(ci[1])}]${unit}`;
}

/** CSS class of a signed figure: up, down or none. */
export function tone(x: N): string {
  return missing(x) || x === 0 ? "" : x > 0 ? "up" : "down";
}

/** "95 s ago", "12 min ago", "3.0 h ago", "4 d ago". */
export function ago(seconds: N): string {
  if (missing(seconds)) return "never";
  if (seconds < 90) return `${Math.round(seconds)} s ago`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}
