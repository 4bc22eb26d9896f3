/**
 * The panels of `hlbot tui`, each a pure function of the refreshed data: header (health, feed,
 * venue), halts and pauses, open positions (mark, uPnL, R), equity sparklines, the decision stream
 * with verdicts, and the log tail. Shadow figures are simulated; the panels say so.
 */
import { Box, Text } from "ink";
import type { ReactNode } from "react";
import { humanAge } from "../api/routes/health.ts";
import type { ControlStatus } from "../control/target.ts";
import type { DecisionJson, HealthJson, PositionJson, TuiData } from "./data.ts";
import type { LogLine } from "./log-tail.ts";
import { sparkline } from "./sparkline.ts";

const num = (x: number | null | undefined, d = 2) => (x === null || x === undefined ? "-" : x.toFixed(d));
const px = (x: number | null | undefined) =>
  x === null || x === undefined ? "-" : Number(x.toPrecision(Math.abs(x) >= 1000 ? 7 : 5)).toString();
const age = (s: number | null) => (s === null ? "never" : humanAge(s));
const hhmmss = (t: number | string | null) =>
  t === null ? "--:--:--" : new Date(t).toISOString().slice(11, 19);
const signColor = (x: number | null) =>
  x === null ? undefined : x > 0 ? "green" : x < 0 ? "red" : undefined;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold>{title}</Text>
      {children}
    </Box>
  );
}

export function Header({ data }: { data: TuiData }) {
  const h: HealthJson | null = data.health;
  const from =
    data.source.kind === "api" ? `API ${data.source.location}` : `ledger ${data.source.location} (read-only)`;
  if (!h) return <Text color="red">no health: {data.errors.join("; ")}</Text>;
  const venue = h.venue
    ? h.venue.demo
      ? "DEMO"
      : `${h.venue.network} ${h.venue.live ? "LIVE" : "shadow"}`
    : "no daemon";
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>hlbot {h.version}</Text> ·{" "}
        <Text color={h.status === "ok" ? "green" : "yellow"}>{h.status.toUpperCase()}</Text> ·{" "}
        <Text color={h.venue?.live && !h.venue.demo ? "magenta" : undefined}>{venue}</Text> · {from}
      </Text>
      <Text>
        last tick {age(h.last_tick_age_seconds)}
        {h.last_tick_age_seconds === null ? "" : " ago"} · feed{" "}
        <Text color={h.feed.state === "live" ? "green" : h.feed.state === "unknown" ? undefined : "red"}>
          {h.feed.state}
        </Text>
        {h.source === "daemon" ? ` · up ${age(h.uptime_seconds)}` : ""}
      </Text>
      {h.reasons.map((r) => (
        <Text key={r} color="yellow">
          ! {r}
        </Text>
      ))}
    </Box>
  );
}

export function Halts({ health, control }: { health: HealthJson | null; control: ControlStatus | null }) {
  const halts = health?.halts ?? [];
  const paused = control ? (["shadow", "live"] as const).filter((p) => control.paused[p]) : [];
  return (
    <Text>
      halts:{" "}
      {halts.length ? (
        <Text color="red">{halts.map((x) => x.name).join(", ")}</Text>
      ) : (
        <Text color="green">none</Text>
      )}
      {control ? (
        <>
          {" · "}new entries:{" "}
          {paused.length ? <Text color="yellow">PAUSED {paused.join(" + ")}</Text> : "allowed"}
          {control.flattening.length ? (
            <Text color="red"> · flattening {control.flattening.join(", ")}</Text>
          ) : null}
        </>
      ) : null}
    </Text>
  );
}

const POS_COLS = [5, 6, 7, 5, 14, 10, 10, 10, 9, 6];

function row(cells: string[], widths: number[], textCols: number): string {
  return cells
    .map((c, i) => (i < textCols ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
    .join(" ")
    .trimEnd();
}

export function Positions({ positions }: { positions: PositionJson[] }) {
  return (
    <Section title={`Open positions (${positions.length}; shadow = simulated)`}>
      {positions.length === 0 ? (
        <Text dimColor>none</Text>
      ) : (
        <>
          <Text dimColor>
            {row(
              ["ID", "MODE", "COIN", "SIDE", "STRATEGY", "ENTRY", "MARK", "SIZE", "uPnL", "R"],
              POS_COLS,
              5,
            )}
          </Text>
          {positions.slice(0, 12).map((p) => (
            <Text key={p.id} color={signColor(p.unrealized_pnl)}>
              {row(
                [
                  String(p.id),
                  p.mode,
                  p.coin,
                  p.side,
                  p.strategy,
                  px(p.entry_px),
                  px(p.mark?.px),
                  px(p.size),
                  num(p.unrealized_pnl),
                  num(p.r_multiple),
                ],
                POS_COLS,
                5,
              )}
            </Text>
          ))}
        </>
      )}
    </Section>
  );
}

export function Equity({ equity, width }: { equity: Record<string, number[]>; width: number }) {
  const modes = Object.entries(equity).filter(([, v]) => v.length > 0);
  return (
    <Section title="Equity, last 24 h (USDC)">
      {modes.length === 0 ? (
        <Text dimColor>no equity snapshots in the last day</Text>
      ) : (
        modes.map(([mode, v]) => {
          const first = v[0]!;
          const last = v.at(-1)!;
          const change = first > 0 ? (last - first) / first : null;
          return (
            <Text key={mode}>
              {mode.padEnd(7)}
              <Text color={signColor(change)}>{sparkline(v, Math.max(10, width - 40))}</Text>{" "}
              {last.toFixed(2)} (
              {change === null ? "-" : `${change >= 0 ? "+" : ""}${(change * 100).toFixed(2)}%`})
            </Text>
          );
        })
      )}
    </Section>
  );
}

function verdictColor(d: DecisionJson): string | undefined {
  return d.verdict === "open" ? "green" : d.verdict === "rejected" ? "yellow" : undefined;
}

export function Decisions({ decisions }: { decisions: DecisionJson[] }) {
  return (
    <Section title="Latest decisions">
      {decisions.length === 0 ? (
        <Text dimColor>none recorded</Text>
      ) : (
        decisions.map((d) => (
          <Text key={d.id}>
            {hhmmss(d.created_at)} {d.mode.padEnd(6)} {d.coin.padEnd(6)} {d.side.padEnd(5)}{" "}
            {d.strategy.padEnd(14)} {num(d.score, 0).padStart(3)}{" "}
            <Text color={verdictColor(d)}>{d.verdict.padEnd(10)}</Text>
            {d.trade
              ? `→ #${d.trade.position_id} ${d.trade.status}${d.trade.r_multiple === null ? "" : ` ${num(d.trade.r_multiple)}R`}`
              : (d.reasons ?? []).join(", ")}
          </Text>
        ))
      )}
    </Section>
  );
}

const LEVEL_COLOR: Record<string, string> = { error: "red", fatal: "red", warn: "yellow" };

export function LogTail({ lines, path }: { lines: LogLine[] | null; path: string }) {
  return (
    <Section title="Log">
      {lines === null ? (
        <Text dimColor>no log file at {path} (set log.file: true for the daemon)</Text>
      ) : (
        lines.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: log lines have no identity beyond their order
          <Text key={i} wrap="truncate-end">
            <Text dimColor>{hhmmss(l.time)}</Text>{" "}
            <Text color={LEVEL_COLOR[l.level]}>{l.level.padEnd(5)}</Text> {l.tag ? `[${l.tag}] ` : ""}
            {l.msg}
          </Text>
        ))
      )}
    </Section>
  );
}
