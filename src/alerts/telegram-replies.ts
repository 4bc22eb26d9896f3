/**
 * The answers to the read-only Telegram commands, rendered from the API's own JSON (read through an
 * ApiReader): /status is `hlbot status` itself, /positions its positions table, /daily today's
 * (UTC) results per mode. Sent as HTML `<pre>` so the columns line up on a phone.
 */

import type { StatusReport } from "../api/status/collect.ts";
import { renderStatus, table } from "../api/status/render.ts";
import type { ApiReader } from "../control/api-reader.ts";
import { utcDayStart } from "../core/clock.ts";

export const COMMANDS = ["/status", "/positions", "/daily", "/help"] as const;
export type Command = (typeof COMMANDS)[number];

const HELP = [
  "hlbot answers (read-only; nothing here trades):",
  "/status — health, open positions, today",
  "/positions — open positions with mark, uPnL and R",
  "/daily — today's (UTC) closed trades per mode",
].join("\n");

/** "/status@my_bot extra" → "/status"; anything else → null. */
export function parseCommand(text: string | undefined): Command | null {
  const word = text?.trim().split(/\s+/)[0]?.toLowerCase().replace(/@\w+$/, "");
  if (word === "/start") return "/help";
  return (COMMANDS as readonly string[]).includes(word ?? "") ? (word as Command) : null;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The Telegram message (HTML) answering `command`. */
export async function commandReply(command: Command, reader: ApiReader, now: number): Promise<string> {
  if (command === "/help") return escapeHtml(HELP);
  const since = utcDayStart(now);
  if (command === "/status") {
    const report: StatusReport = {
      source: reader.source,
      health: await reader.get("/health"),
      positions: await reader.get("/positions"),
      today: await reader.get(`/performance?since=${since}`),
    };
    return pre(renderStatus(report));
  }
  if (command === "/positions") return pre(positionsText(await reader.get("/positions")));
  return pre(dailyText(await reader.get(`/performance?since=${since}`)));
}

function pre(text: string): string {
  const body = escapeHtml(text);
  // Telegram's limit is 4096 characters of the message; keep room for the tags.
  return `<pre>${body.length > 4000 ? `${body.slice(0, 3990)}\n…` : body}</pre>`;
}

interface PositionJson {
  id: number;
  mode: string;
  coin: string;
  side: string;
  entry_px: number;
  mark: { px: number } | null;
  size: number;
  unrealized_pnl: number | null;
  r_multiple: number | null;
}

const fmt = (x: number | null | undefined, d = 2) => (x === null || x === undefined ? "-" : x.toFixed(d));
const px = (x: number | null | undefined) =>
  x === null || x === undefined ? "-" : Number(x.toPrecision(Math.abs(x) >= 1000 ? 7 : 5)).toString();

export function positionsText(json: unknown): string {
  const positions = (json as { positions: PositionJson[] }).positions;
  if (positions.length === 0) return "no open positions";
  return `${positions.length} open (shadow = simulated)\n${table(
    ["ID", "MODE", "COIN", "SIDE", "ENTRY", "MARK", "uPnL", "R"],
    positions.map((p) => [
      String(p.id),
      p.mode,
      p.coin,
      p.side,
      px(p.entry_px),
      px(p.mark?.px),
      fmt(p.unrealized_pnl),
      fmt(p.r_multiple),
    ]),
    4,
  )}`;
}

interface Stats {
  trades: number;
  win_rate: number | null;
  net_pnl: number;
  avg_r: number | null;
  return?: number | null;
}

export function dailyText(json: unknown): string {
  const p = json as { from: string; total: Stats; by_mode: Record<string, Stats> };
  const rows = [["total", p.total] as const, ...Object.entries(p.by_mode)].map(([mode, s]) => [
    mode,
    String(s.trades),
    s.win_rate === null ? "-" : `${(s.win_rate * 100).toFixed(0)}%`,
    fmt(s.net_pnl),
    fmt(s.avg_r),
    s.return === null || s.return === undefined ? "-" : `${(s.return * 100).toFixed(2)}%`,
  ]);
  return `today since ${p.from.slice(0, 16).replace("T", " ")} UTC (shadow = simulated)\n${table(
    ["MODE", "TRADES", "WIN", "NET", "AVG R", "RET"],
    rows,
    1,
  )}`;
}
