/** An equity sparkline in block characters: min at ▁, max at █, resampled to `width` columns. */
const BARS = "▁▂▃▄▅▆▇█";

export function sparkline(values: number[], width: number): string {
  if (values.length === 0 || width <= 0) return "";
  const n = Math.min(width, values.length);
  // Each column shows the last value of its slice (equity at the end of that stretch).
  const cols = Array.from(
    { length: n },
    (_, i) => values[Math.min(values.length - 1, Math.floor(((i + 1) * values.length) / n) - 1)]!,
  );
  const lo = Math.min(...cols);
  const hi = Math.max(...cols);
  if (hi === lo) return BARS[3]!.repeat(n);
  return cols.map((v) => BARS[Math.min(7, Math.floor(((v - lo) / (hi - lo)) * 8))]!).join("");
}
