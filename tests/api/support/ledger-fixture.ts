/**
 * A ledger filled the way the daemon fills it, from REAL Hyperliquid 1h candles: a deterministic
 * walk over the last `bars` bars of a few coins records breakout and mean-reversion candidates as
 * decisions (shadow; strong ones also live), opens positions with a stop and target, manages them
 * bar by bar (partial at 1.5R then breakeven, stop, target, timeout) with taker fees, and writes
 * an equity snapshot per mode per bar. Nothing is random; the same data gives the same ledger.
 */
import type { Database } from "bun:sqlite";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { HOUR_MS } from "../../../src/core/clock.ts";
import { openLedger } from "../../../src/ledger/open.ts";
import { type Candle, CandlesRepo } from "../../../src/ledger/repos/candles.ts";
import { parseCandleFile } from "../../../src/market/csv-files.ts";
import { HL_DATA } from "../../support/paths.ts";
import { type Book, managePosition, openPosition } from "./fixture-trading.ts";

export interface FixtureOptions {
  coins?: string[];
  /** 1h bars walked per coin (ending at the newest bar all coins share). */
  bars?: number;
  runId?: number;
  /** A positive runId gets a backtest_runs row; `unfinished` leaves its finished_at empty (a killed run). */
  unfinished?: boolean;
}

export interface LedgerFixture {
  db: Database;
  path: string;
  /** Close time of the last bar: "now" for a clock pointed at this ledger. */
  end: number;
  candidatesPath: string;
}

const FEE = 0.00045;
const LOOKBACK = 20;

export function buildLedgerFixture(dir: string, options: FixtureOptions = {}): LedgerFixture {
  const coins = options.coins ?? ["BTC", "ETH", "SOL", "DOGE"];
  const bars = options.bars ?? 24 * 21;
  const runId = options.runId ?? 0;
  const path = join(dir, "ledger.db");
  const db = openLedger(path);
  const series = new Map<string, Candle[]>();
  const all = coins.map((c) => [c, parseCandleFile(join(HL_DATA, `${c}-1h.csv.gz`))] as const);
  const lastT = Math.min(...all.map(([, rows]) => rows.at(-1)!.t));
  const firstT = lastT - (bars - 1) * HOUR_MS;
  const candles = new CandlesRepo(db);
  for (const [coin, rows] of all) {
    const slice = rows.filter((r) => r.t >= firstT - 60 * HOUR_MS && r.t <= lastT);
    series.set(coin, slice);
    candles.insertMany(coin, "1h", slice);
  }

  const insertDecision = db.prepare(
    "INSERT INTO decisions (run_id, created_at, mode, strategy, coin, side, timeframe, candle_t, score_raw, score, regime, session, vol_bucket, setup_key, entry_ref, stop, target, features, verdict, reasons, sim_model_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, '1h', ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, 'v4')",
  );
  const insertEquity = db.prepare(
    "INSERT INTO equity_snapshots (run_id, mode, t, equity, peak, drawdown, day_pnl, open_positions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
  );
  const books: Record<"shadow" | "live", Book> = {
    shadow: { mode: "shadow", cash: 10_000, peak: 10_000, dayStart: 10_000, day: 0, open: [], maxOpen: 4 },
    live: { mode: "live", cash: 2_000, peak: 2_000, dayStart: 2_000, day: 0, open: [], maxOpen: 2 },
  };
  const btc = series.get("BTC") ?? series.get(coins[0]!)!;

  db.transaction(() => {
    for (let t = firstT; t <= lastT; t += HOUR_MS) {
      const now = t + HOUR_MS;
      const regime = regimeAt(btc, t);
      for (const coin of coins) {
        const rows = series.get(coin)!;
        const i = rows.findIndex((r) => r.t === t);
        if (i < LOOKBACK + 1) continue;
        const bar = rows[i]!;
        for (const book of Object.values(books)) managePosition(db, book, coin, bar, now, FEE);
        for (const c of candidates(rows, i, regime)) {
          const modes: ("shadow" | "live")[] = c.score >= 70 ? ["shadow", "live"] : ["shadow"];
          for (const mode of modes) {
            const book = books[mode];
            const busy = book.open.some((p) => p.coin === coin);
            const full = book.open.length >= book.maxOpen;
            const verdict = busy ? "duplicate" : full ? "rejected" : "open";
            const reasons = busy ? ["position_open"] : full ? ["max_positions"] : [];
            const session = sessionOf(now);
            const volBucket = c.atr / bar.close > 0.012 ? "high" : c.atr / bar.close > 0.006 ? "mid" : "low";
            const setupKey = `${coin}|${c.side}|${now}`;
            const { lastInsertRowid } = insertDecision.run(
              runId,
              now,
              mode,
              c.strategy,
              coin,
              c.side,
              t,
              c.raw,
              c.score,
              regime,
              session,
              volBucket,
              setupKey,
              bar.close,
              c.stop,
              c.target,
              JSON.stringify(c.features),
              verdict,
              JSON.stringify(reasons),
            );
            if (verdict === "open") {
              openPosition(
                db,
                book,
                {
                  runId,
                  decisionId: Number(lastInsertRowid),
                  coin,
                  side: c.side,
                  strategy: c.strategy,
                  session,
                  regime,
                  volBucket,
                  setupKey,
                  now,
                  entry: bar.close,
                  stop: c.stop,
                  target: c.target,
                },
                FEE,
              );
            }
          }
        }
      }
      for (const book of Object.values(books)) {
        const marks = new Map(coins.map((c) => [c, series.get(c)!.find((r) => r.t === t)?.close]));
        const unreal = book.open.reduce((sum, p) => {
          const px = marks.get(p.coin) ?? p.entry;
          return sum + (p.side === "long" ? px - p.entry : p.entry - px) * p.size;
        }, 0);
        const equity = book.cash + unreal;
        if (Math.floor(now / (24 * HOUR_MS)) !== book.day) {
          book.day = Math.floor(now / (24 * HOUR_MS));
          book.dayStart = equity;
        }
        book.peak = Math.max(book.peak, equity);
        insertEquity.run(
          runId,
          book.mode,
          now,
          equity,
          book.peak,
          (book.peak - equity) / book.peak,
          equity - book.dayStart,
          book.open.length,
        );
      }
    }
  })();

  if (runId > 0) {
    db.query(
      "INSERT INTO backtest_runs (id, started_at, finished_at, kind, model, mode, params, data_hash, code_version) VALUES (?1, ?2, ?3, 'single', 'v4', 'live', ?4, 'fixture', 'test')",
    ).run(
      runId,
      firstT,
      options.unfinished ? null : lastT + HOUR_MS,
      JSON.stringify({
        coins,
        from: firstT,
        to: lastT + HOUR_MS,
        command: `hlbot backtest --coins ${coins.join(",")}`,
      }),
    );
  }
  const candidatesPath = join(dir, "live_candidates.json");
  writeCandidates(db, candidatesPath, lastT + HOUR_MS);
  return { db, path, end: lastT + HOUR_MS, candidatesPath };
}

interface Signal {
  strategy: string;
  side: "long" | "short";
  raw: number;
  score: number;
  stop: number;
  target: number;
  atr: number;
  features: Record<string, number>;
}

/** Breakout of the 20-bar range (momentum) and a 2.2σ stretch from the 20-bar mean (mean reversion). */
function candidates(rows: Candle[], i: number, regime: string): Signal[] {
  const bar = rows[i]!;
  const window = rows.slice(i - LOOKBACK, i);
  const hh = Math.max(...window.map((r) => r.high));
  const ll = Math.min(...window.map((r) => r.low));
  const atr =
    rows.slice(i - 14, i + 1).reduce((s, r, k, a) => {
      const prev = k === 0 ? r.open : a[k - 1]!.close;
      return s + Math.max(r.high - r.low, Math.abs(r.high - prev), Math.abs(r.low - prev));
    }, 0) / 15;
  const closes = window.map((r) => r.close);
  const mean = closes.reduce((a, b) => a + b, 0) / closes.length;
  const sd = Math.sqrt(closes.reduce((a, b) => a + (b - mean) ** 2, 0) / closes.length) || 1e-12;
  const z = (bar.close - mean) / sd;
  const out: Signal[] = [];
  const mult = (side: string) =>
    regime === "Neutral" ? 1 : (regime === "Long") === (side === "long") ? 1.2 : 0.8;
  const push = (strategy: string, side: "long" | "short", raw: number, stopR: number, targetR: number) => {
    const dir = side === "long" ? 1 : -1;
    out.push({
      strategy,
      side,
      raw,
      atr,
      score: Math.min(100, raw * mult(side)),
      stop: bar.close - dir * stopR * atr,
      target: bar.close + dir * targetR * atr,
      features: { atr: round(atr), z: round(z), hh: round(hh), ll: round(ll), mean: round(mean) },
    });
  };
  if (bar.close > hh) push("momentum", "long", 55 + Math.min(40, (40 * (bar.close - hh)) / atr), 1.5, 3);
  if (bar.close < ll) push("momentum", "short", 55 + Math.min(40, (40 * (ll - bar.close)) / atr), 1.5, 3);
  if (Math.abs(z) > 2.2)
    push("mean_reversion", z > 0 ? "short" : "long", Math.min(95, 50 + 15 * (Math.abs(z) - 2.2)), 1.2, 1.8);
  return out;
}

function regimeAt(btc: Candle[], t: number): string {
  const i = btc.findIndex((r) => r.t === t);
  if (i < 50) return "Neutral";
  const sma = btc.slice(i - 50, i).reduce((s, r) => s + r.close, 0) / 50;
  const c = btc[i]!.close;
  return c > sma * 1.01 ? "Long" : c < sma * 0.99 ? "Short" : "Neutral";
}

function sessionOf(t: number): string {
  const h = new Date(t).getUTCHours();
  return h < 8 ? "asia" : h < 13 ? "europe" : h < 21 ? "us" : "late";
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** live_candidates.json with the two most-traded buckets, plus a mining run with their statistics. */
function writeCandidates(db: Database, path: string, now: number): void {
  const rows = db
    .query(
      "SELECT strategy, side, session, regime, vol_bucket, COUNT(*) AS n, AVG(r_multiple) AS mean_r FROM positions WHERE status = 'closed' AND mode = 'shadow' GROUP BY 1, 2, 3, 4, 5 ORDER BY n DESC, 1, 2, 3, 4, 5 LIMIT 2",
    )
    .all() as {
    strategy: string;
    side: string;
    session: string;
    regime: string;
    vol_bucket: string;
    n: number;
    mean_r: number;
  }[];
  const run = db
    .query(
      "INSERT INTO mining_runs (t, sim_model_version, n_trades, n_buckets, trades_sha256, config_hash, code_version, seed, params) VALUES (?1, 'v4', ?2, ?3, 'fixture', 'fixture', 'test', 1, '{}') RETURNING id",
    )
    .get(
      now,
      rows.reduce((s, r) => s + r.n, 0),
      rows.length,
    ) as { id: number };
  const buckets = rows.map((r) => {
    const key = `${r.strategy}|${r.side}|${r.session}|${r.regime}|${r.vol_bucket}`;
    db.query(
      "INSERT INTO bucket_stats (mining_run_id, bucket_key, strategy, side, session, regime, vol_bucket, n_raw, n_dedup, n_eff, days, mean_r, eligible, stats) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?8, 21, ?9, 1, '{}')",
    ).run(run.id, key, r.strategy, r.side, r.session, r.regime, r.vol_bucket, r.n, r.mean_r);
    db.query(
      "INSERT INTO bucket_states (bucket_key, state, since, updated_at) VALUES (?1, 'PROBATION', ?2, ?2)",
    ).run(key, now);
    return {
      key,
      strategy: r.strategy,
      side: r.side,
      session: r.session,
      regime: r.regime,
      vol_bucket: r.vol_bucket,
      state: "PROBATION",
      size_multiplier: 0.25,
      since: new Date(now).toISOString(),
      stats: { n: r.n, mean_r: r.mean_r },
    };
  });
  writeFileSync(
    path,
    JSON.stringify(
      {
        version: 1,
        generated_at: new Date(now).toISOString(),
        mining_run_id: run.id,
        promote_run_id: "fixture",
        sim_model_version: "v4",
        buckets,
      },
      null,
      2,
    ),
  );
}
