import { describe, expect, test } from "bun:test";
import { DASHBOARD_JS, PAGE_CSS, REPORT_JS } from "../../../src/ui/assets.ts";
import { eventLine } from "../../../src/ui/web/shared/events-panel.ts";
import {
  fmtCi,
  fmtPct,
  fmtPx,
  fmtR,
  fmtShare,
  fmtTime,
  fmtUsd,
  tone,
} from "../../../src/ui/web/shared/format.ts";
import { isRunSummary, viewOfRunSummary } from "../../../src/ui/web/shared/summary-view.ts";
import { runSummaryFixture } from "../../api/support/run-summary-fixture.ts";

describe("summary view (the seam between a RunSummary and the pages)", () => {
  test("a stored RunSummary maps over whole: both paths, events, coverage, warnings", () => {
    const s = runSummaryFixture(7);
    expect(isRunSummary(s)).toBe(true);
    const v = viewOfRunSummary(s, 7);
    expect(v.source).toBe("stored");
    expect(v.shadow.overall).toEqual(s.shadow.overall);
    expect(v.shadow.curve).toBe(s.shadow.curve);
    expect(v.live!.overall).toEqual(s.live!.overall);
    expect(v.live!.byMonth).toEqual(s.live!.byMonth);
    expect(v.live!.rejections).toEqual({ kill_switch: 1794, max_positions: 12 });
    expect(v.events).toEqual(s.events);
    expect(v.coverage).toEqual(s.coverage);
    expect(v.warnings).toEqual(s.warnings);
  });

  test("summaries of older code (dollar figures on the shadow path) are not taken for a RunSummary", () => {
    expect(
      isRunSummary({ shadow: { overall: { trades: 3, netPnl: -177920, returnPct: -1779 } }, live: null }),
    ).toBe(false);
    expect(isRunSummary(null)).toBe(false);
    expect(isRunSummary({ ...runSummaryFixture(1), events: undefined })).toBe(false);
  });

  test("an event line counts what it refused", () => {
    const kill = runSummaryFixture(1).events.find((e) => e.kind === "kill_switch")!;
    expect(eventLine(kill)).toBe(
      "drawdown 15.2% breached the 15% floor — 1,794 live candidates rejected by kill_switch after 2024-10-12",
    );
  });
});

describe("formatting", () => {
  test("signed R, money and percent; a missing value is a dash, never NaN or 0", () => {
    expect(fmtR(1.234)).toBe("+1.23R");
    expect(fmtR(-0.5)).toBe("−0.50R");
    expect(fmtR(0)).toBe("0.00R");
    expect(fmtUsd(-167920)).toBe("−$167,920.00");
    expect(fmtUsd(12.5, false)).toBe("$12.50");
    expect(fmtPct(4.47)).toBe("+4.47%");
    expect(fmtShare(0.4273)).toBe("42.7%");
    expect(fmtPx(104022.0)).toBe("104,022");
    expect(fmtTime(Date.UTC(2024, 9, 12, 14, 5))).toBe("2024-10-12 14:05");
    expect(fmtCi([-0.234, 0.1])).toBe("95% CI [−0.23, +0.10]R");
    expect(fmtCi(null)).toBe("no CI (too few trades)");
    for (const f of [fmtR, fmtUsd, fmtPct, fmtShare, fmtPx, fmtTime]) {
      expect(f(null)).toBe("—");
      expect(f(Number.NaN)).toBe("—");
    }
    expect([tone(1), tone(-1), tone(0), tone(null)]).toEqual(["up", "down", "", ""]);
  });
});

describe("bundled assets", () => {
  test("the pages' code is bundled for the browser with the charting library inside, no network reference", () => {
    for (const js of [DASHBOARD_JS, REPORT_JS]) {
      expect(js.length).toBeGreaterThan(100_000); // lightweight-charts is inside
      expect(js).toContain("by TradingView");
      expect(js).not.toContain("</script");
      expect(js).not.toMatch(/\bimport\s*\(|\brequire\(/);
    }
    expect(PAGE_CSS).toContain("#demo-banner");
    expect(PAGE_CSS).not.toMatch(/@import|url\(\s*["']?https?:/);
  });
});
