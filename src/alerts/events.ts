/**
 * Builders for every alert event, so each place that reports one is a single line:
 * `emitAlert(alertEvents.orderUnknown({ coin, role, cloid }))`. Titles say what happened and what
 * the bot does about it; numbers carry their unit. Halts (kill switch, daily loss) come from the
 * health watch (src/alerts/watch.ts), which sees them in the ledger: report them nowhere else.
 */
import type { AlertEvent, FieldValue } from "./alert.ts";

export const alertEvents = {
  daemonStart(o: { mode: string; venue: string; halts: string[] }): AlertEvent {
    return {
      kind: "daemon_start",
      title: `daemon started (${o.mode}) on ${o.venue}`,
      ...(o.halts.length ? { text: `halts in force: ${o.halts.join(", ")}` } : {}),
    };
  },
  daemonStop(o: { reason: string; ticks: number; errors: number }): AlertEvent {
    return {
      kind: "daemon_stop",
      title: `daemon stopped: ${o.reason}`,
      fields: { ticks: o.ticks, errors: o.errors },
    };
  },
  flattenIncomplete(o: { coins: string[]; attempts: number; why: string }): AlertEvent {
    return {
      kind: "flatten_incomplete",
      key: o.why,
      title: `flatten not complete after ${o.attempts} attempt(s): ${o.coins.join(", ")} still open`,
      text: `Reduce-only IOCs are retried every tick (${o.why}).`,
    };
  },
  haltLifted(o: { name: string }): AlertEvent {
    return { kind: "halt_lifted", key: o.name, title: `halt lifted: ${o.name}` };
  },
  /** A halt seen in force by the health watch (the kill switch, the daily loss halt, a manual halt). */
  haltStarted(o: { name: string; reason: string | null }): AlertEvent {
    const kind =
      o.name === "kill_switch" ? "kill_switch" : o.name === "daily_loss_halt" ? "daily_halt" : "halt_started";
    return {
      kind,
      key: o.name,
      title: `${o.name === "kill_switch" ? "KILL SWITCH" : `halt ${o.name}`} in force${o.reason ? `: ${o.reason}` : ""}`,
      text:
        o.name === "kill_switch"
          ? "Live positions are flattened; no new entries until `hlbot resume`."
          : "No new entries while it holds.",
    };
  },
  losingWeeksHalt(o: { weeks: number; limit: number }): AlertEvent {
    return {
      kind: "losing_weeks_halt",
      title: `start-up refused: ${o.weeks} consecutive losing live weeks (limit ${o.limit})`,
      text: "Review the live results; `hlbot trade --force` starts anyway.",
    };
  },
  feedDown(o: { state: string; forSeconds: number }): AlertEvent {
    return {
      kind: "feed_down",
      title: `market feed ${o.state} for ${Math.round(o.forSeconds)} s`,
      text: "Ticks go on over REST where they can; websocket candles are caught up when it returns.",
    };
  },
  feedUp(o: { downSeconds: number }): AlertEvent {
    return { kind: "feed_up", title: `market feed back after ${Math.round(o.downSeconds)} s` };
  },
  unprotectedPosition(o: { coin: string; positionId: number; detail: string }): AlertEvent {
    return {
      kind: "unprotected_position",
      key: o.coin,
      title: `live ${o.coin} position ${o.positionId} not (fully) covered by an exchange stop`,
      text: o.detail,
    };
  },
  orderRejected(o: { coin: string; role: string; message: string }): AlertEvent {
    return {
      kind: "order_rejected",
      key: o.coin,
      title: `${o.role} order on ${o.coin} rejected: ${o.message}`,
    };
  },
  orderUnknown(o: { coin: string; role: string; cloid: string }): AlertEvent {
    return {
      kind: "order_unknown",
      key: o.coin,
      title: `${o.role} order on ${o.coin}: outcome unknown`,
      text: "Resolved by cloid at the next reconciliation; never resent blindly.",
      fields: { cloid: o.cloid },
    };
  },
  /** An order that could not be sent or handled (a transport failure, an error after it filled). */
  orderFailed(o: { coin: string; message: string }): AlertEvent {
    return { kind: "order_rejected", key: o.coin, title: o.message };
  },
  leverageFailed(o: { coin: string; leverage: number; message: string }): AlertEvent {
    return {
      kind: "leverage_failed",
      key: o.coin,
      title: `could not set ${o.coin} leverage to ${o.leverage}x: entries on ${o.coin} blocked`,
      text: o.message,
    };
  },
  leverageSet(o: { coin: string; message: string }): AlertEvent {
    return { kind: "leverage_set", key: o.coin, title: o.message };
  },
  liveStartFailed(o: { message: string }): AlertEvent {
    return {
      kind: "live_start_failed",
      title: o.message,
      text: "No live order goes out until it starts; the shadow path keeps ticking.",
    };
  },
  reconcileAdopted(o: { coin: string; positionId: number; size: string; stopPx: number }): AlertEvent {
    return {
      kind: "reconcile_adopted",
      key: o.coin,
      title: `unknown ${o.coin} position ${o.size} adopted as position ${o.positionId}`,
      fields: { stop: o.stopPx },
    };
  },
  reconcileFlattened(o: { coin: string; size: string }): AlertEvent {
    return {
      kind: "reconcile_flattened",
      key: o.coin,
      title: `unknown ${o.coin} position ${o.size} flattened`,
    };
  },
  bucketPromoted(o: { bucket: string; from: string; to: string; reason: string }): AlertEvent {
    return {
      kind: "bucket_promoted",
      key: o.bucket,
      title: `${o.bucket}: ${o.from} → ${o.to}`,
      text: o.reason,
    };
  },
  bucketDemoted(o: { bucket: string; from: string; to: string; reason: string }): AlertEvent {
    return {
      kind: "bucket_demoted",
      key: o.bucket,
      title: `${o.bucket}: ${o.from} → ${o.to}`,
      text: o.reason,
    };
  },
  controlAction(o: {
    action: string;
    args: Record<string, FieldValue>;
    ok: boolean;
    message: string;
  }): AlertEvent {
    return {
      kind: "control_action",
      ...(o.ok ? {} : { severity: "warning" as const }),
      title: `hlbot ctl ${o.action}${o.ok ? "" : " refused"}: ${o.message}`,
      fields: o.args,
    };
  },
};
