/** A tiny writer for the Prometheus text exposition format (version 0.0.4). */

export type MetricType = "gauge" | "counter";

export interface Sample {
  labels?: Record<string, string>;
  value: number;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "+Inf";
  if (v === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(v);
}

export class PromWriter {
  private readonly lines: string[] = [];

  /** One metric family; a family with no samples is left out entirely. */
  metric(name: string, type: MetricType, help: string, samples: Sample[]): this {
    if (samples.length === 0) return this;
    this.lines.push(
      `# HELP ${name} ${help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}`,
      `# TYPE ${name} ${type}`,
    );
    for (const s of samples) {
      const labels = s.labels
        ? `{${Object.entries(s.labels)
            .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
            .join(",")}}`
        : "";
      this.lines.push(`${name}${labels} ${formatValue(s.value)}`);
    }
    return this;
  }

  toString(): string {
    return `${this.lines.join("\n")}\n`;
  }
}
