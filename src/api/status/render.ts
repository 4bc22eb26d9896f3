/** Renders a StatusReport as plain-text tables for a terminal (no colours, fixed-width columns). */
import { humanAge } from "../routes/health.ts";
import type { StatusReport } from "./collect.ts";

interface Health {
  status: string;
  reasons: string[];
  source: string;
  version: string;
  last_tick_age_seconds: number | null;
  uptime_seconds: number;
  feed: { state: string };
  halts: { name: string }[];
  ledger: { path: string };
  /** The status's clock (ISO). */
  now: string;
}

interface Position {
  id: number;
  mode: string;
  coin: string;
  side: string;
  strategy: string;
  entry_px: number;
  mark: { px: number; t: number; source: string } | null;
  size: number;
  stop_px: number;
  target_px: number;
  unrealized_pnl: number | null;
  r_multiple: number | null;
}

interface Stats {
  trades: number;
  win_rate: number | null;
  net_pnl: number;
  avg_r: number | null;
  return?: number | null;
  max_drawdown?: number | null;
}

/** Left-aligns the first `textColumns` columns, right-aligns the rest (numbers). */
export function table(header: string[], rows: string[][], textColumns: number): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < textColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

const num = (x: number | null | undefined, digits = 2) =>
  x === null || x === undefined ? "-" : x.toFixed(digits);
const px = (x: number | null | undefined) =>
  x === null || x === undefined ? "-" : Number(x.toPrecision(Math.abs(x) >= 1000 ? 7 : 5)).toString();
const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? "-" : `${(x * 100).toFixed(2)}%`;

const MARK_SOURCES: Record<string, string> = {
  asset_ctx: "the recorded mark price",
  candle: "the last stored close",
};

/**
 * Where the MARK and uPnL columns come from and how old the oldest mark is: they are the ledger's
 * latest recorded prices, which a stopped recorder leaves as old as its last write.
 */
export function marksLine(positions: readonly Position[], now: number): string | null {
  const marked = positions.filter((p) => p.mark !== null);
  if (marked.length === 0) return positions.length ? "  marks: none in the ledger (no uPnL)" : null;
  const sources = [...new Set(marked.map((p) => MARK_SOURCES[p.mark!.source] ?? p.mark!.source))];
  const oldest = Math.min(...marked.map((p) => p.mark!.t));
  const at = new Date(oldest).toISOString().slice(0, 16).replace("T", " ");
  const age = Number.isFinite(now) ? `, ${humanAge(Math.max(0, (now - oldest) / 1000))} old` : "";
  return `  marks: ${sources.join(" / ")}; the oldest at ${at} UTC${age}`;
}

const duration = (seconds: number | null) => (seconds === null ? "never" : humanAge(seconds));

export function renderStatus(report: StatusReport): string {
  const h = report.health as unknown as Health;
  const positions = (report.positions as { positions: Position[] }).positions;
  const today = report.today as { from: string; total: Stats; by_mode: Record<string, Stats> };
  const from =
    report.source.kind === "ledger"
      ? `read from the ledger: no API is listening`
      : h.source === "daemon"
        ? `from the daemon at ${report.source.location}`
        : `from hlbot serve at ${report.source.location}, no daemon attached`;
  const out = [
    `hlbot ${h.version} — ${h.status.toUpperCase()} (${from})`,
    [
      `last tick ${duration(h.last_tick_age_seconds)}${h.last_tick_age_seconds === null ? "" : " ago"}`,
      `feed ${h.feed.state}`,
      `halts ${h.halts.length ? h.halts.map((x) => x.name).join(", ") : "none"}`,
      ...(h.source === "daemon" ? [`uptime ${duration(h.uptime_seconds)}`] : []),
    ].join(" · "),
    `ledger ${h.ledger.path}`,
  ];
  for (const reason of h.reasons) out.push(`  ! ${reason}`);
  out.push("", `Open positions (${positions.length})`);
  out.push(
    positions.length === 0
      ? "  none"
      : table(
          ["ID", "MODE", "COIN", "SIDE", "STRATEGY", "ENTRY", "MARK", "SIZE", "STOP", "TARGET", "uPnL", "R"],
          positions.map((p) => [
            String(p.id),
            p.mode,
            p.coin,
            p.side,
            p.strategy,
            px(p.entry_px),
            px(p.mark?.px),
            px(p.size),
            px(p.stop_px),
            px(p.target_px),
            num(p.unrealized_pnl),
            num(p.r_multiple),
          ]),
          5,
        ),
  );
  const marks = marksLine(positions, Date.parse(h.now));
  if (marks) out.push(marks);
  out.push("", `Today (since ${today.from.slice(0, 16).replace("T", " ")} UTC)`);
  const rows = [["total", today.total] as const, ...Object.entries(today.by_mode)].map(([name, s]) => [
    name,
    String(s.trades),
    s.win_rate === null ? "-" : `${(s.win_rate * 100).toFixed(1)}%`,
    num(s.net_pnl),
    num(s.avg_r),
    pct(s.return),
    pct(s.max_drawdown),
  ]);
  out.push(table(["MODE", "TRADES", "WIN", "NET PNL", "AVG R", "RETURN", "MAX DD"], rows, 1));
  return out.join("\n");
}
