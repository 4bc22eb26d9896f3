/**
 * A RunSummary as `hlbot backtest` will store it (src/report/run-summary.ts), built by hand so the
 * pages can be tested against the contract before its producer lands: both paths, a kill switch
 * that refused 1,794 live candidates, a data gap, coverage, and months that compound.
 */
import type { GroupRow, RStats, RunSummary } from "../../../src/report/run-summary.ts";

const DAY = 86_400_000;
const FROM = Date.UTC(2024, 8, 1);
const TO = Date.UTC(2024, 11, 1);

function r(trades: number, totalR: number): RStats {
  const days = (TO - FROM) / DAY;
  return {
    trades,
    days,
    totalR,
    meanR: { value: totalR / trades, ci95: [totalR / trades - 0.2, totalR / trades + 0.2] },
    medianR: { value: -0.4, ci95: [-1, 0.3] },
    rPerDay: totalR / days,
    rSharpePerTrade: 0.05,
    rSharpePerDay: 0.08,
    maxDrawdownR: 12.5,
    profitFactor: 1.1,
    winRate: 0.41,
    tradesPerDay: trades / days,
    exposure: { avgConcurrent: 2.2, maxConcurrent: 9, timeInMarketPct: 71 },
    feesR: 8,
    slippageR: 9,
    fundingR: 0.5,
  };
}

const group = (trades: number, totalR: number): GroupRow => ({
  ...r(trades, totalR),
  window: { from: FROM, to: TO },
  dataWindow: { from: FROM, to: TO },
});

export function runSummaryFixture(runId: number | null): RunSummary {
  const kill = Date.UTC(2024, 9, 12, 14);
  const months = [
    { month: "2024-09", returnPct: 4, startEquity: 10_000, endEquity: 10_400 },
    { month: "2024-10", returnPct: -5, startEquity: 10_400, endEquity: 9_880 },
    { month: "2024-11", returnPct: 0, startEquity: 9_880, endEquity: 9_880 },
  ].map((m) => ({ ...m, netPnl: m.endEquity - m.startEquity, trades: 60 }));
  const equity = Array.from({ length: 91 }, (_, i) => {
    const t = FROM + i * DAY;
    const e = t < kill ? 10_000 + i * 12 : 9_880;
    return { t, equity: e, drawdownPct: t < kill ? 0 : 6.5 };
  });
  return {
    runId,
    modelVersion: "v4",
    dataHash: "abc123",
    mode: "both",
    killSwitch: "halt",
    strategyTimeframes: { momentum: "15m", mean_reversion: "1h", ema_pullback: "1h", trend_alpha: "4h" },
    window: { from: FROM, to: TO },
    dataWindow: { from: FROM + DAY, to: TO },
    coverage: [
      {
        coin: "BTC",
        interval: "1h",
        first: FROM,
        last: TO - 3_600_000,
        bars: 2184,
        gaps: [],
        warmFrom: FROM,
      },
      {
        coin: "ETH",
        interval: "1h",
        first: FROM,
        last: TO - 3_600_000,
        bars: 2180,
        gaps: [{ from: FROM + 20 * DAY, to: FROM + 20 * DAY + 4 * 3_600_000, bars: 4 }],
        warmFrom: FROM,
      },
    ],
    events: [
      {
        t: FROM + 20 * DAY,
        kind: "data_gap",
        mode: null,
        coin: "ETH",
        detail: "4 missing 1h bars",
        value: 4,
        rejectedCandidates: 0,
        endedAt: FROM + 20 * DAY + 4 * 3_600_000,
      },
      {
        t: kill,
        kind: "kill_switch",
        mode: "live",
        coin: null,
        detail: "drawdown 15.2% breached the 15% floor",
        value: 15.2,
        rejectedCandidates: 1794,
        endedAt: null,
      },
    ],
    warnings: ["per-strategy rows cover different windows (15m data starts 2024-10-01)"],
    barUpdates: 26_000,
    shadow: {
      path: "shadow",
      unit: "R",
      overall: r(400, 21),
      byStrategy: { momentum: group(250, 30), mean_reversion: group(150, -9) },
      byCoin: { BTC: group(220, 14), ETH: group(180, 7) },
      byBucket: {
        "momentum|long|us|Long|mid": group(250, 30),
        "mean_reversion|short|asia|Short|low": group(150, -9),
      },
      byMonth: { "2024-09": group(130, 10), "2024-10": group(140, 4), "2024-11": group(130, 7) },
      curve: Array.from({ length: 400 }, (_, i) => ({
        t: FROM + i * 19_440_000,
        cumR: Math.sin(i / 40) * 5 + i * 0.05,
      })),
    },
    live: {
      path: "live",
      unit: "USDC",
      overall: {
        ...r(180, -6),
        startEquity: 10_000,
        endEquity: 9_880,
        netPnl: -120,
        returnPct: -1.2,
        cagrPct: -4.7,
        maxDrawdownPct: 6.5,
        sharpe: -0.4,
        sortino: -0.5,
        calmar: -0.72,
        fees: 210,
        slippage: 230,
        funding: 12,
        liquidations: 0,
        ruin: null,
      },
      byStrategy: { momentum: { ...group(180, -6), netPnl: -120 } },
      byCoin: { BTC: { ...group(100, -2), netPnl: -40 }, ETH: { ...group(80, -4), netPnl: -80 } },
      byBucket: { "momentum|long|us|Long|mid": { ...group(180, -6), netPnl: -120 } },
      byMonth: months,
      equity,
      rejections: { kill_switch: 1794, max_positions: 12 },
      promotedBuckets: "all",
      candidates: { seen: 2000, opened: 180, refused: 1820 },
      note: null,
    },
  };
}
