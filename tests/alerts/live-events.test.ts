// Every live event kind maps to its alert (or, for an unfilled kill-switch IOC, deliberately to none:
// the daemon's flatten_incomplete reports the flatten as a whole), keeping the event's severity.
import { describe, expect, test } from "bun:test";
import { liveEventAlert } from "../../src/alerts/live-events.ts";
import type { LiveEvent, LiveEventKind } from "../../src/live/events.ts";

const event = (kind: LiveEventKind, over: Partial<LiveEvent> = {}): LiveEvent => ({
  t: 0,
  kind,
  severity: "warning",
  message: `${kind} happened`,
  coin: "BTC",
  positionId: 7,
  ...over,
});

describe("live events as alerts", () => {
  test("each kind, its alert kind, title and severity", () => {
    const cases: [LiveEvent, string, string][] = [
      [
        event("live_start_failed", { severity: "critical" }),
        "live_start_failed",
        "live_start_failed happened",
      ],
      [
        event("leverage_failed", { severity: "critical", details: { leverage: 5, reason: "HTTP 500" } }),
        "leverage_failed",
        "could not set BTC leverage to 5x: entries on BTC blocked",
      ],
      [event("leverage_set", { severity: "info" }), "leverage_set", "leverage_set happened"],
      [
        event("flatten_incomplete", {
          severity: "critical",
          details: { coins: "BTC,ETH", attempts: 3, why: "kill switch" },
        }),
        "flatten_incomplete",
        "flatten not complete after 3 attempt(s): BTC, ETH still open",
      ],
      [
        event("unprotected_position", { severity: "critical" }),
        "unprotected_position",
        "live BTC position 7 not (fully) covered by an exchange stop",
      ],
      [
        event("order_rejected", { details: { role: "entry", message: "Insufficient margin" } }),
        "order_rejected",
        "entry order on BTC rejected: Insufficient margin",
      ],
      [
        event("order_unknown", { details: { role: "exit", cloid: "0xabc" } }),
        "order_unknown",
        "exit order on BTC: outcome unknown",
      ],
      [event("order_failed"), "order_rejected", "order_failed happened"],
      [
        event("reconcile_adopted", { details: { size: "0.5", stopPx: 90 } }),
        "reconcile_adopted",
        "unknown BTC position 0.5 adopted as position 7",
      ],
      [
        event("reconcile_flattened", { details: { size: "-2" } }),
        "reconcile_flattened",
        "unknown BTC position -2 flattened",
      ],
    ];
    for (const [e, kind, title] of cases) {
      const a = liveEventAlert(e);
      expect(a?.kind, e.kind).toBe(kind as never);
      expect(a?.title, e.kind).toBe(title);
      expect(a?.severity, e.kind).toBe(e.severity);
      if (kind !== "live_start_failed" && kind !== "flatten_incomplete") expect(a?.key, e.kind).toBe("BTC");
    }
    expect(
      liveEventAlert(event("order_unknown", { details: { role: "exit", cloid: "0xabc" } }))?.fields,
    ).toEqual({
      cloid: "0xabc",
    });
  });

  test("an unfilled kill-switch IOC raises no alert of its own", () => {
    expect(liveEventAlert(event("kill_flatten_unfilled", { severity: "critical" }))).toBeNull();
  });
});
