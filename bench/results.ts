/**
 * The figures of one `make bench` run: each benchmark file records its headline figures here (what,
 * the figure, its target, the floor or ratio it is judged against, met or not), and bench/index.ts
 * prints them as one table at the end and writes it to bench/last-run.md — the table that
 * docs/benchmarks.md and the README quote, so every quoted figure comes from the same run.
 */
export interface BenchFigure {
  /** Goal area, e.g. "stored backtest". */
  what: string;
  /** The measured figure as printed, e.g. "0.71 s". */
  figure: string;
  /** The target as printed, e.g. "≤ 0.4× python loop". */
  target: string;
  /** The floor / ratio the figure is judged against, e.g. "python loop 1.62 s → 0.44×". */
  floor: string;
  met: boolean;
}

const figures: BenchFigure[] = [];

export function recordFigure(f: BenchFigure): void {
  figures.push(f);
  console.log(`  → ${f.what}: ${f.figure} (target ${f.target}; ${f.floor}) ${f.met ? "MET" : "NOT MET"}`);
}

export function recordedFigures(): readonly BenchFigure[] {
  return figures;
}

/** The figures as a Markdown table. */
export function figuresTable(rows: readonly BenchFigure[]): string {
  const lines = ["| what | figure | target | floor / ratio | met |", "|---|---|---|---|---|"];
  for (const r of rows)
    lines.push(`| ${r.what} | ${r.figure} | ${r.target} | ${r.floor} | ${r.met ? "**met**" : "not met"} |`);
  return `${lines.join("\n")}\n`;
}

export const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`;
export const secs = (s: number) => `${s.toFixed(2)} s`;
export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};
