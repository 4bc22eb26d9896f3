/**
 * A tiny dependency-free SVG line/area chart for reports: the backtest report must be one
 * self-contained HTML file that opens offline, so charts are drawn inline rather than by a CDN library.
 */
export interface ChartOptions {
  width?: number;
  height?: number;
  color?: string;
  fill?: boolean;
  /** Format of the y-axis labels. */
  format?: (v: number) => string;
  title: string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function lineChart(points: readonly { t: number; v: number }[], o: ChartOptions): string {
  const width = o.width ?? 900;
  const height = o.height ?? 220;
  const pad = { l: 70, r: 10, t: 24, b: 26 };
  if (points.length < 2)
    return `<svg width="${width}" height="40"><text x="4" y="24">${esc(o.title)}: not enough data</text></svg>`;
  const t0 = points[0]!.t;
  const t1 = points[points.length - 1]!.t;
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    lo = Math.min(lo, p.v);
    hi = Math.max(hi, p.v);
  }
  if (hi === lo) hi = lo + 1;
  const x = (t: number) => pad.l + ((t - t0) / (t1 - t0)) * (width - pad.l - pad.r);
  const y = (v: number) => pad.t + (1 - (v - lo) / (hi - lo)) * (height - pad.t - pad.b);
  const step = Math.max(1, Math.floor(points.length / 1500));
  const path: string[] = [];
  for (let i = 0; i < points.length; i += step)
    path.push(`${x(points[i]!.t).toFixed(1)},${y(points[i]!.v).toFixed(1)}`);
  path.push(`${x(t1).toFixed(1)},${y(points[points.length - 1]!.v).toFixed(1)}`);
  const fmt = o.format ?? ((v: number) => v.toFixed(0));
  const color = o.color ?? "#2563eb";
  const ticks = [lo, (lo + hi) / 2, hi]
    .map(
      (v) => `<text x="${pad.l - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${esc(fmt(v))}</text>`,
    )
    .join("");
  const dates = [t0, (t0 + t1) / 2, t1]
    .map(
      (t, i) =>
        `<text x="${x(t)}" y="${height - 6}" text-anchor="${["start", "middle", "end"][i]}" font-size="11">${new Date(t).toISOString().slice(0, 10)}</text>`,
    )
    .join("");
  const area = o.fill
    ? `<polygon points="${x(t0)},${y(lo)} ${path.join(" ")} ${x(t1)},${y(lo)}" fill="${color}" opacity="0.15"/>`
    : "";
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(o.title)}">
<text x="${pad.l}" y="14" font-size="13" font-weight="600">${esc(o.title)}</text>${ticks}${dates}
<line x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${height - pad.b}" stroke="#ccc"/>${area}
<polyline points="${path.join(" ")}" fill="none" stroke="${color}" stroke-width="1.5"/></svg>`;
}
