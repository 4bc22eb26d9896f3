/**
 * Synthetic closed shadow trades for mining tests and the benchmark: realistic skewed, fat-tailed net R
 * (−1R stops 62%, −4R gaps through the stop 1%, +2R targets 35.5%, +10R runners 1.5%: skew ≈ 2,
 * Pearson kurtosis ≈ 11) shifted to an exact mean edge, plus small friction noise; and a ledger writer
 * that inserts them as positions rows.
 */
import type { Database } from "bun:sqlite";
import { HOUR_MS } from "../../../src/core/clock.ts";
import { sfc32 } from "../../../src/mining/rng.ts";
import { drawR } from "../../../src/mining/synthetic-r.ts";

export { drawMany, drawR, gaussian, TRADE_SD } from "../../../src/mining/synthetic-r.ts";

export interface SyntheticTrade {
  bucket: [
    strategy: string,
    side: "long" | "short",
    session: string,
    regime: "Long" | "Short" | "Neutral",
    vol: string,
  ];
  coin: string;
  setupKey: string;
  openedAt: number;
  closedAt: number;
  r: number;
}

export interface BucketSpec {
  bucket: SyntheticTrade["bucket"];
  /** True mean net R per trade (a function of the trade's entry time allows decay). */
  edge: number | ((openedAt: number) => number);
  tradesPerDay: number;
}

/** Trades of each bucket spread evenly over [from, to), 1–8 h holding, one setup key per trade. */
export function syntheticTrades(
  specs: readonly BucketSpec[],
  from: number,
  to: number,
  seed: number,
): SyntheticTrade[] {
  const rand = sfc32(seed);
  const out: SyntheticTrade[] = [];
  const days = (to - from) / (24 * HOUR_MS);
  for (const spec of specs) {
    const n = Math.floor(days * spec.tradesPerDay);
    const step = (to - from) / Math.max(1, n);
    for (let i = 0; i < n; i++) {
      const openedAt = Math.floor(from + i * step + rand() * step * 0.5);
      const edge = typeof spec.edge === "number" ? spec.edge : spec.edge(openedAt);
      out.push({
        bucket: spec.bucket,
        coin: ["BTC", "ETH", "SOL"][i % 3]!,
        setupKey: `${spec.bucket.join("|")}@${openedAt}`,
        openedAt,
        closedAt: openedAt + Math.floor(HOUR_MS * (1 + 7 * rand())),
        r: drawR(rand, edge),
      });
    }
  }
  return out;
}

/** Inserts trades as closed shadow positions (mode 'shadow', status 'closed'); returns rows written. */
export function insertShadowTrades(
  db: Database,
  trades: readonly SyntheticTrade[],
  model = "v4",
  runId = 0,
): number {
  const insert =
    db.prepare(`INSERT INTO positions (run_id, mode, coin, side, strategy, session, regime, vol_bucket,
    setup_key, sim_model_version, status, opened_at, entry_px, size, initial_size, stop_px, initial_stop_px, target_px,
    risk_usd, best_px, closed_at, r_multiple, net_pnl, updated_at)
    VALUES (?1, 'shadow', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'closed', ?10, 100, 1, 1, 99, 99, 102, 10, 100, ?11, ?12, ?13, ?11)`);
  db.transaction(() => {
    for (const t of trades) {
      const [strategy, side, session, regime, vol] = t.bucket;
      insert.run(
        runId,
        t.coin,
        side,
        strategy,
        session,
        regime,
        vol,
        t.setupKey,
        model,
        t.openedAt,
        t.closedAt,
        t.r,
        t.r * 10,
      );
    }
  })();
  return trades.length;
}
