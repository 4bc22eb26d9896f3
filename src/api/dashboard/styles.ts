/** The dashboard's stylesheet: a dark, dense trading-desk look; numbers in tabular figures. */
export const DASHBOARD_CSS = `
:root {
  --bg: #0b0f17; --panel: #121826; --panel-2: #172033; --line: #243049; --text: #d9e1f2;
  --muted: #8391ab; --faint: #5b6883; --up: #2ecc8f; --down: #ff5d6c; --accent: #5aa9ff;
  --live: #f5b942; --warn: #ffb020;
  color-scheme: dark;
}
* { box-sizing: border-box; }
html, body { margin: 0; background: var(--bg); color: var(--text); }
body { font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif; padding: 18px 22px 28px; }
.num, td.num, th.num { font-variant-numeric: tabular-nums; text-align: right; white-space: nowrap; }
header { display: flex; align-items: center; gap: 14px; flex-wrap: wrap; margin-bottom: 16px; }
header h1 { font-size: 19px; margin: 0; letter-spacing: .3px; font-weight: 650; }
header h1 span { color: var(--accent); }
.pill { border-radius: 999px; padding: 3px 11px; font-weight: 650; font-size: 12px; letter-spacing: .5px; }
.pill.ok { background: rgba(46,204,143,.14); color: var(--up); border: 1px solid rgba(46,204,143,.35); }
.pill.degraded { background: rgba(255,176,32,.13); color: var(--warn); border: 1px solid rgba(255,176,32,.4); }
.pill.down { background: rgba(255,93,108,.13); color: var(--down); border: 1px solid rgba(255,93,108,.4); }
.meta { color: var(--muted); display: flex; gap: 16px; flex-wrap: wrap; font-size: 12px; }
.meta b { color: var(--text); font-weight: 600; }
.spacer { flex: 1; }
.modes { display: flex; border: 1px solid var(--line); border-radius: 7px; overflow: hidden; }
.modes a { color: var(--muted); text-decoration: none; padding: 3px 11px; font-size: 12px; font-weight: 600; }
.modes a + a { border-left: 1px solid var(--line); }
.modes a.active { background: var(--panel-2); color: var(--text); }
.modes a:hover { color: var(--text); }
.reasons { color: var(--warn); font-size: 12px; margin: -8px 0 14px; }
.reasons:empty { display: none; }
.kpis { display: grid; grid-template-columns: repeat(6, minmax(120px, 1fr)); gap: 12px; margin-bottom: 14px; }
.kpi { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 11px 14px; }
.kpi .label { color: var(--muted); font-size: 11px; text-transform: uppercase; letter-spacing: .7px; }
.kpi .value { font-size: 21px; font-weight: 650; margin-top: 3px; font-variant-numeric: tabular-nums; }
.kpi .sub { color: var(--faint); font-size: 11px; margin-top: 1px; }
.grid { display: grid; grid-template-columns: 1.35fr 1fr; gap: 14px; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px 10px; min-width: 0; }
.panel.wide { grid-column: 1 / -1; }
.panel h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .8px; color: var(--muted); margin: 0 0 8px; font-weight: 650; display: flex; gap: 10px; align-items: baseline; }
.panel h2 small { text-transform: none; letter-spacing: 0; color: var(--faint); font-weight: 500; }
.scroll { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; }
th { color: var(--faint); font-weight: 600; font-size: 11px; text-transform: uppercase; letter-spacing: .5px; text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; }
td { padding: 5px 8px; border-bottom: 1px solid rgba(36,48,73,.55); white-space: nowrap; }
tbody tr:hover { background: var(--panel-2); }
tbody tr:last-child td { border-bottom: none; }
td.empty { color: var(--faint); text-align: center; padding: 14px; font-style: italic; }
.up { color: var(--up); } .down { color: var(--down); } .muted { color: var(--muted); }
.tag { display: inline-block; padding: 0 7px; border-radius: 4px; font-size: 11px; font-weight: 600; line-height: 18px; }
.tag.long { background: rgba(46,204,143,.13); color: var(--up); }
.tag.short { background: rgba(255,93,108,.13); color: var(--down); }
.tag.shadow { background: rgba(90,169,255,.12); color: var(--accent); }
.tag.live { background: rgba(245,185,66,.14); color: var(--live); }
.tag.open { background: rgba(90,169,255,.12); color: var(--accent); }
.tag.closed { background: rgba(131,145,171,.14); color: var(--muted); }
.tag.rejected, .tag.duplicate { background: rgba(131,145,171,.1); color: var(--faint); }
.tag.candidate { background: rgba(245,185,66,.1); color: var(--live); }
.chart { width: 100%; height: 230px; display: block; }
.chart text { fill: var(--faint); font-size: 11px; font-variant-numeric: tabular-nums; }
.chart .grid-line { stroke: var(--line); stroke-width: 1; }
.chart .zero-line { stroke: var(--faint); stroke-width: 1; stroke-dasharray: 3 4; }
.chart .series { fill: none; stroke-width: 1.8; stroke-linejoin: round; }
.chart .series.shadow { stroke: var(--accent); } .chart .series.live { stroke: var(--live); }
.legend { display: flex; gap: 14px; font-size: 12px; color: var(--muted); }
.legend i { display: inline-block; width: 10px; height: 3px; border-radius: 2px; margin-right: 6px; vertical-align: middle; }
.legend .shadow i { background: var(--accent); } .legend .live i { background: var(--live); }
footer { color: var(--faint); font-size: 11px; margin-top: 14px; display: flex; gap: 14px; }
.error { color: var(--down); }
@media (max-width: 1100px) { .kpis { grid-template-columns: repeat(3, 1fr); } .grid { grid-template-columns: 1fr; } }
`;
