/**
 * The HTML report of a large run: 10,000 closed trades (8,000 shadow, 2,000 live) on REAL candles of
 * 8 coins over a year, each with its decision (features, reasons), and an hourly live equity curve.
 * Measures building the file from the ledger (buildRunReport) and loading it in headless Chromium
 * from disk until the page says it is ready (body[data-loaded]: summary, charts, tables, the first
 * coin's candlesticks and the first page of the trade list drawn). Target: loaded in < 3 s.
 */
import { statSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { openLedger } from "../src/ledger/open.ts";
import { importDirectory } from "../src/market/importer.ts";
import { buildRunReport } from "../src/report/run-report.ts";
import { launchBrowser } from "../tests/api/dashboard/browser.ts";
import { HL_DATA, scratchDir } from "../tests/support/paths.ts";

const COINS = ["BTC", "ETH", "SOL", "DOGE", "AVAX", "BNB", "ADA", "ARB"];
const TRADES = 10_000;
const LIVE_SHARE = 0.2;
const TARGET_S = 3;
const HOUR = 3_600_000;

const dir = scratchDir("hlbot-bench-report-");
const db = openLedger(join(dir, "bench.db"));
await importDirectory(db, HL_DATA, { coins: new Set(COINS) });
const end = (
  db
    .query("SELECT MIN(m) AS t FROM (SELECT MAX(t) AS m FROM candles WHERE interval = '1h' GROUP BY coin)")
    .get() as { t: number }
).t;
const from = end - 365 * 24 * HOUR;
const closes = new Map<string, { t: number; close: number; high: number; low: number }[]>();
for (const coin of COINS) {
  closes.set(
    coin,
    db
      .query(
        "SELECT t, close, high, low FROM candles WHERE coin = ?1 AND interval = '1h' AND t >= ?2 AND t <= ?3 ORDER BY t",
      )
      .all(coin, from, end) as { t: number; close: number; high: number; low: number }[],
  );
}

const run = db
  .query(
    "INSERT INTO backtest_runs (started_at, finished_at, kind, model, mode, params, data_hash, code_version) VALUES (1, 2, 'single', 'v4', 'live', ?1, 'bench', 'bench') RETURNING id",
  )
  .get(
    JSON.stringify({
      coins: COINS,
      from,
      to: end,
      command: "hlbot backtest --model v4 --mode live --ignore-candidates",
    }),
  ) as { id: number };
const insertDecision = db.prepare(
  "INSERT INTO decisions (run_id, created_at, mode, strategy, coin, side, timeframe, candle_t, score_raw, score, regime, session, vol_bucket, setup_key, entry_ref, stop, target, features, verdict, reasons, sim_model_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, '1h', ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, 'open', '[]', 'v4')",
);
const insertPosition = db.prepare(
  `INSERT INTO positions (run_id, decision_id, mode, coin, side, strategy, session, regime, vol_bucket, setup_key, sim_model_version,
     status, opened_at, entry_px, size, initial_size, stop_px, initial_stop_px, target_px, risk_usd, best_px, closed_at, exit_px,
     exit_reason, gross_pnl, fees, slippage, funding, net_pnl, r_multiple, updated_at)
   VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'k', 'v4', 'closed', ?10, ?11, ?12, ?12, ?13, ?13, ?14, 100, ?11, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?15)`,
);
const insertEquity = db.prepare(
  "INSERT INTO equity_snapshots (run_id, mode, t, equity, peak, drawdown, day_pnl, open_positions) VALUES (?1, 'live', ?2, ?3, ?4, ?5, 0, 1)",
);
const STRATEGIES = ["momentum", "mean_reversion", "ema_pullback", "trend_alpha"];
const SESSIONS = ["ASIA", "EU_OPEN", "US_MAIN", "LATE"];
const REGIMES = ["Long", "Short", "Neutral"] as const;
db.transaction(() => {
  let seed = 7;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = 0; i < TRADES; i++) {
    const coin = COINS[i % COINS.length]!;
    const bars = closes.get(coin)!;
    const k = Math.floor(rand() * (bars.length - 40));
    const open = bars[k]!;
    const hold = 1 + Math.floor(rand() * 30);
    const exit = bars[k + hold]!;
    const side = rand() < 0.5 ? "long" : "short";
    const dir = side === "long" ? 1 : -1;
    const stop = open.close * (1 - dir * 0.01);
    const target = open.close * (1 + dir * 0.02);
    const size = 100 / Math.abs(open.close - stop);
    const gross = (exit.close - open.close) * dir * size;
    const fees = 0.00045 * size * (open.close + exit.close);
    const net = gross - fees - 0.5;
    const mode = i < TRADES * (1 - LIVE_SHARE) ? "shadow" : "live";
    const strategy = STRATEGIES[i % 4]!;
    const regime = REGIMES[i % 3]!;
    const session = SESSIONS[Math.floor(rand() * 4)]!;
    const vol = ["low", "mid", "high"][i % 3]!;
    const decision = insertDecision.run(
      run.id,
      open.t + HOUR,
      mode,
      strategy,
      coin,
      side,
      open.t + i, // unique per decision (the ledger keys a decision by its signal bar)
      60 + rand() * 30,
      55 + rand() * 30,
      regime,
      session,
      vol,
      `${coin}|${side}|${open.t}`,
      open.close,
      stop,
      target,
      JSON.stringify({
        close: open.close,
        rsi14: 30 + rand() * 40,
        atr14: open.high - open.low,
        adx14: 10 + rand() * 30,
        volRatio: rand() * 2,
      }),
    );
    insertPosition.run(
      run.id,
      Number(decision.lastInsertRowid),
      mode,
      coin,
      side,
      strategy,
      session,
      regime,
      vol,
      open.t + HOUR,
      open.close,
      size,
      stop,
      target,
      exit.t + HOUR,
      exit.close,
      net > 0 ? "target" : "stop",
      gross,
      fees,
      0.5,
      0,
      net,
      net / 100,
    );
  }
  let equity = 10_000;
  let peak = equity;
  for (let t = from; t <= end; t += HOUR) {
    equity *= 1 + (rand() - 0.499) * 0.004;
    peak = Math.max(peak, equity);
    insertEquity.run(run.id, t, equity, peak, (peak - equity) / peak);
  }
})();

const t0 = performance.now();
const html = buildRunReport(db, run.id);
const buildS = (performance.now() - t0) / 1000;
const file = join(dir, "report.html");
writeFileSync(file, html);
const mb = statSync(file).size / 1e6;
console.log(
  `report: ${TRADES.toLocaleString("en-US")} trades, ${COINS.length} coins, 1 year → ${mb.toFixed(1)} MB file built in ${buildS.toFixed(2)} s`,
);

// The floor: a page that only marks itself loaded, to show how loaded the machine is right now.
const floorFile = join(dir, "floor.html");
writeFileSync(
  floorFile,
  '<!doctype html><body><script>performance.mark("hlbot-report-loaded")</script></body>',
);

interface Load {
  loaded: number;
  marks: Record<string, number>;
}

async function load(path: string): Promise<Load> {
  const page = await browser.newPage();
  try {
    await page.goto(`file://${path}`, { waitUntil: "commit" });
    await page.waitForFunction(() => performance.getEntriesByName("hlbot-report-loaded").length > 0, null, {
      timeout: 60_000,
      polling: 50,
    });
    // The page's own clock, from navigation start to its marks (not the test driver's polling).
    return await page.evaluate(() => {
      const marks: Record<string, number> = {};
      for (const m of performance.getEntriesByType("mark"))
        marks[m.name.replace("hlbot-report-", "")] = m.startTime / 1000;
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      marks.parsed = (nav?.domInteractive ?? 0) / 1000;
      return { loaded: marks.loaded!, marks };
    });
  } finally {
    await page.close();
  }
}

const browser = await launchBrowser();
const loads: Load[] = [];
const floors: Load[] = [];
try {
  for (let i = 0; i < 4; i++) {
    floors.push(await load(floorFile));
    loads.push(await load(file));
  }
} finally {
  await browser.close();
}
db.close();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const warm = loads.slice(1);
const m = (k: string) => median(warm.map((l) => l.marks[k] ?? 0)).toFixed(2);
const loaded = median(warm.map((l) => l.loaded));
console.log(
  `report: Chromium, file to ready (body[data-loaded]): cold ${loads[0]!.loaded.toFixed(2)} s, warm median ${loaded.toFixed(2)} s ` +
    `(HTML parsed ${m("parsed")} s, data read ${m("data")} s, figures ${m("figures")} s, trade list ${m("trades")} s)`,
);
console.log(
  `report: target < ${TARGET_S} s for a 10k-trade run: ${loaded < TARGET_S ? "met" : "NOT met"}; ` +
    `machine floor (an empty page) ${median(floors.map((f) => f.loaded)).toFixed(2)} s, ` +
    `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
);
