/**
 * The alert counters in Prometheus form, for the daemon's /metrics: sent, failed attempts, dropped
 * (queue full / gave up) and queued per notifier; throttled events; heartbeat pings by result.
 */
import type { PromWriter } from "../api/prometheus.ts";
import type { AlertStats } from "./alerter.ts";
import type { HeartbeatStats } from "./heartbeat.ts";

export function writeAlertMetrics(w: PromWriter, alerts: AlertStats, heartbeat: HeartbeatStats | null): void {
  const per = Object.entries(alerts.notifiers);
  w.metric(
    "hlbot_alerts_sent_total",
    "counter",
    "Alerts delivered, per notifier.",
    per.map(([notifier, s]) => ({ labels: { notifier }, value: s.sent })),
  )
    .metric(
      "hlbot_alerts_failed_total",
      "counter",
      "Failed delivery attempts (each retry counts), per notifier.",
      per.map(([notifier, s]) => ({ labels: { notifier }, value: s.failed })),
    )
    .metric(
      "hlbot_alerts_dropped_total",
      "counter",
      "Alerts never delivered: queue full, or attempts exhausted / refused for good (gave_up).",
      per.flatMap(([notifier, s]) => [
        { labels: { notifier, reason: "queue_full" }, value: s.dropped.queue_full },
        { labels: { notifier, reason: "gave_up" }, value: s.dropped.gave_up },
      ]),
    )
    .metric(
      "hlbot_alerts_queued",
      "gauge",
      "Alerts waiting for delivery, per notifier.",
      per.map(([notifier, s]) => ({ labels: { notifier }, value: s.queued })),
    )
    .metric("hlbot_alerts_throttled_total", "counter", "Alerts held back by their event's throttle.", [
      { value: alerts.throttled },
    ]);
  if (heartbeat) {
    w.metric("hlbot_heartbeat_pings_total", "counter", "Heartbeat pings to the dead-man URL, by result.", [
      { labels: { result: "ok" }, value: heartbeat.ok },
      { labels: { result: "failed" }, value: heartbeat.failed },
    ]);
  }
}
