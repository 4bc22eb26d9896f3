/** Plain-text tables and number formats for the CLI's backtest output. */

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/**
 * One formatter per digit count, made once: `toLocaleString` with options builds a new ICU formatter
 * on every call (a backtest's printout calls it thousands of times: ~40 ms). Same output.
 */
const formats = new Map<number, Intl.NumberFormat>();
const grouped = (v: number, d: number) => {
  let f = formats.get(d);
  if (f === undefined) {
    f = new Intl.NumberFormat("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
    formats.set(d, f);
  }
  return f.format(v);
};
const counts = new Intl.NumberFormat("en-US");

/** A number with thousands separators, "–" when undefined. */
export const num = (v: number | null | undefined, d = 2): string =>
  v === null || v === undefined || !Number.isFinite(v) ? "–" : grouped(v, d);

/** A signed number (+1.23 / −1.23). */
export const signed = (v: number | null | undefined, d = 2): string =>
  v === null || v === undefined || !Number.isFinite(v) ? "–" : `${v > 0 ? "+" : ""}${grouped(v, d)}`;

export const pct = (v: number | null | undefined, d = 1): string =>
  v === null || v === undefined ? "–" : `${num(v, d)}%`;

export const count = (v: number): string => counts.format(v);

export const day = (t: number): string => new Date(t).toISOString().slice(0, 10);

export const minute = (t: number): string => new Date(t).toISOString().replace("T", " ").slice(0, 16);

export const span = (w: { from: number; to: number } | null): string =>
  w ? `${day(w.from)} → ${day(w.to)}` : "–";

/** "−0.099 [−0.121, −0.077]" */
export const withCi = (s: { value: number; ci95: [number, number] | null } | null, d = 3): string =>
  s === null
    ? "–"
    : s.ci95
      ? `${num(s.value, d)} [${num(s.ci95[0], d)}, ${num(s.ci95[1], d)}]`
      : num(s.value, d);
