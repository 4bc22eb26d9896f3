/** Alert → text: the plain message Telegram shows and the lines of a Discord embed. */
import type { Alert, FieldValue } from "./alert.ts";

export const SEVERITY_MARK = { info: "ℹ️", warning: "⚠️", critical: "🚨" } as const;

export function fieldText(v: FieldValue): string {
  if (v === null) return "-";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(8)));
  return String(v);
}

function utc(t: number): string {
  return `${new Date(t).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

export function suppressedNote(a: Alert): string | null {
  return a.suppressed > 0 ? `(+${a.suppressed} more of this kind held back by the throttle)` : null;
}

/** The whole alert as plain text (Telegram: no parse mode, so nothing needs escaping). */
export function alertText(a: Alert): string {
  const lines = [`${SEVERITY_MARK[a.severity]} ${a.severity.toUpperCase()} · hlbot ${a.label}`, a.title];
  if (a.text) lines.push(a.text);
  for (const [k, v] of Object.entries(a.fields)) lines.push(`${k}: ${fieldText(v)}`);
  const note = suppressedNote(a);
  if (note) lines.push(note);
  lines.push(utc(a.t));
  return lines.join("\n");
}

/** The JSON body of the generic webhook: the alert itself, times as ISO-8601. */
export function alertJson(a: Alert): Record<string, unknown> {
  return {
    source: "hlbot",
    kind: a.kind,
    severity: a.severity,
    title: a.title,
    text: a.text,
    fields: a.fields,
    key: a.key,
    label: a.label,
    suppressed: a.suppressed,
    time: new Date(a.t).toISOString(),
  };
}
