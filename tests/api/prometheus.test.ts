import { describe, expect, test } from "bun:test";
import { PromWriter } from "../../src/api/prometheus.ts";

describe("PromWriter", () => {
  test("writes HELP/TYPE once per family, escapes label values, skips empty families", () => {
    const text = new PromWriter()
      .metric("a_total", "counter", "A things.", [
        { labels: { mode: 'sh"a\\d\now' }, value: 2 },
        { labels: { mode: "live" }, value: 0.5 },
      ])
      .metric("b", "gauge", "Never shown.", [])
      .metric("c", "gauge", "Odd values.", [{ value: Number.NaN }, { value: Number.POSITIVE_INFINITY }])
      .toString();
    expect(text).toBe(
      [
        "# HELP a_total A things.",
        "# TYPE a_total counter",
        'a_total{mode="sh\\"a\\\\d\\now"} 2',
        'a_total{mode="live"} 0.5',
        "# HELP c Odd values.",
        "# TYPE c gauge",
        "c NaN",
        "c +Inf",
        "",
      ].join("\n"),
    );
  });
});
