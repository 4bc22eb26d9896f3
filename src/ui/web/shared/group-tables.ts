/**
 * The breakdown tables: per coin, strategy, bucket and month. Shadow rows in R; live rows in R with
 * their net PnL; live months as an account (each opens with the previous month's closing equity, so
 * they compound to the total return). Each row shows the window its trades cover.
 */
import { fmtDate, fmtNum, fmtPct, fmtR, fmtShare, fmtUsd, tone } from "./format.ts";
import { type Column, sortableTable } from "./sortable-table.ts";
import type { GroupRow, LiveGroupRow, MonthRow } from "./summary-view.ts";

type Row = GroupRow & { name: string; netPnl?: number };

function columns(first: string, withPnl: boolean): Column<Row>[] {
  const cols: Column<Row>[] = [
    { label: first, value: (r) => r.name },
    { label: "Trades", num: true, value: (r) => r.trades },
    {
      label: "Total R",
      num: true,
      value: (r) => r.totalR,
      text: (r) => fmtR(r.totalR),
      cls: (r) => tone(r.totalR),
    },
    {
      label: "Mean R",
      num: true,
      value: (r) => r.meanR?.value ?? null,
      text: (r) => fmtR(r.meanR?.value, 3),
      cls: (r) => tone(r.meanR?.value),
    },
    { label: "Win", num: true, value: (r) => r.winRate, text: (r) => fmtShare(r.winRate, 0) },
    { label: "PF", num: true, value: (r) => r.profitFactor, text: (r) => fmtNum(r.profitFactor) },
    { label: "Max DD", num: true, value: (r) => r.maxDrawdownR, text: (r) => fmtR(-r.maxDrawdownR) },
    { label: "R/day", num: true, value: (r) => r.rPerDay, text: (r) => fmtR(r.rPerDay, 3) },
  ];
  if (withPnl) {
    cols.push({
      label: "Net PnL",
      num: true,
      value: (r) => r.netPnl ?? null,
      text: (r) => fmtUsd(r.netPnl),
      cls: (r) => tone(r.netPnl),
    });
  }
  cols.push({
    label: "Window",
    value: (r) => r.window?.from ?? null,
    text: (r) => (r.window ? `${fmtDate(r.window.from)} → ${fmtDate(r.window.to)}` : "—"),
    cls: () => "muted",
  });
  return cols;
}

/** A breakdown table, sorted by total R (largest first) until a header is clicked. */
export function groupTable(
  id: string,
  first: string,
  rows: Record<string, GroupRow | LiveGroupRow>,
  withPnl = false,
): HTMLTableElement {
  const list = Object.entries(rows).map(([name, r]) => ({ key: name, row: { ...r, name } as Row }));
  return sortableTable(id, columns(first, withPnl), list, "no closed trades", 2, true);
}

/** Live months, oldest first until sorted otherwise. */
export function monthTable(id: string, months: MonthRow[]): HTMLTableElement {
  const cols: Column<MonthRow>[] = [
    { label: "Month", value: (m) => m.month },
    {
      label: "Return",
      num: true,
      value: (m) => m.returnPct,
      text: (m) => fmtPct(m.returnPct),
      cls: (m) => tone(m.returnPct),
    },
    {
      label: "Net PnL",
      num: true,
      value: (m) => m.netPnl,
      text: (m) => fmtUsd(m.netPnl),
      cls: (m) => tone(m.netPnl),
    },
    { label: "Trades", num: true, value: (m) => m.trades },
    { label: "Start", num: true, value: (m) => m.startEquity, text: (m) => fmtUsd(m.startEquity, false) },
    { label: "End", num: true, value: (m) => m.endEquity, text: (m) => fmtUsd(m.endEquity, false) },
  ];
  return sortableTable(
    id,
    cols,
    months.map((m) => ({ key: m.month, row: m })),
    "no months",
    0,
    false,
  );
}
