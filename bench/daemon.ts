/**
 * `hlbot trade` at 200 coins (the 23 real series reused under new names). (1) CPU time of a tick
 * (websocket caches → ledger, feed view, engine tick, state; one transaction) from a warm cache over a
 * simulated day, quiet and bar-close ticks apart; target ≤ 20 ms. (2) Request weight per simulated
 * minute against the fake Hyperliquid, which knows only the 23 coins: a thin alias layer (REST through
 * the adapter's `fetch`, websocket through a relay) serves the other 177 with their source coin's real
 * data, so the fake counts exactly the requests hlbot makes; target ≤ 50% of 1200, zero 429s.
 */
import type { Database } from "bun:sqlite";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Config, ConfigSchema } from "../src/config/schema.ts";
import { DEFAULT_COINS } from "../src/config/sections/engine.ts";
import { HOUR_MS } from "../src/core/clock.ts";
import { type Interval, intervalMs } from "../src/core/intervals.ts";
import { Daemon } from "../src/daemon/daemon.ts";
import { HyperliquidClient } from "../src/hyperliquid/client.ts";
import { openLedger } from "../src/ledger/open.ts";
import { type Candle, CandlesRepo } from "../src/ledger/repos/candles.ts";
import { FundingRepo } from "../src/ledger/repos/funding.ts";
import { configureLogger } from "../src/log.ts";
import { parseCandleFile, parseFundingFile } from "../src/market/csv-files.ts";
import { type FakeHyperliquid, startFakeHyperliquid } from "../tests/support/fake-hl/index.ts";
import { HL_DATA } from "../tests/support/paths.ts";
import { recordFigure } from "./results.ts";

configureLogger({ level: "error" });
const N = 200;
const INTERVALS: Interval[] = ["15m", "1h", "4h"];
const T0 = Date.parse("2025-06-02T00:00:10Z");
const TICK = 30_000;
/** coin → the real coin whose series it replays. */
const SOURCE = new Map<string, string>(
  Array.from({ length: N }, (_, i) => {
    const src = DEFAULT_COINS[i % DEFAULT_COINS.length]!;
    return [i < DEFAULT_COINS.length ? src : `${src}${Math.floor(i / DEFAULT_COINS.length)}`, src];
  }),
);
const COINS = [...SOURCE.keys()];
const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

function config(http: string, ws: string, extra: Record<string, Record<string, unknown>> = {}): Config {
  const dir = mkdtempSync(join(tmpdir(), "hlbot-bench-"));
  return ConfigSchema.parse({
    engine: { coins: COINS },
    hyperliquid: { network: "custom", http_url: http, ws_url: ws },
    ledger: { path: join(dir, "hlbot.db") },
    live: { candidates_path: join(dir, "live_candidates.json") },
    daemon: { ws_sample_ms: 0 },
    api: { enabled: false },
    ...extra,
  });
}

/** The ledger as `hlbot backfill` leaves it at T0; returns the next day's bars and funding. */
function seed(db: Database, historyBars: number) {
  const candles = new CandlesRepo(db);
  const funding = new FundingRepo(db);
  const day = new Map<string, Candle[]>();
  const fundingRows = new Map<string, { eventT: number; rate: number }[]>();
  for (const [coin, src] of SOURCE) {
    for (const interval of INTERVALS) {
      const len = intervalMs(interval);
      const rows = parseCandleFile(join(HL_DATA, `${src}-${interval}.csv.gz`));
      candles.insertMany(coin, interval, rows.filter((c) => c.t + len <= T0).slice(-historyBars));
      day.set(
        `${coin}|${interval}`,
        rows.filter((c) => c.t + len > T0 && c.t + len <= T0 + 24 * HOUR_MS),
      );
    }
    const f = parseFundingFile(join(HL_DATA, `${src}-funding-1h.csv.gz`));
    funding.insertMany(
      coin,
      f.filter((r) => r.eventT <= T0 && r.eventT > T0 - 2000 * HOUR_MS),
    );
    fundingRows.set(coin, f);
  }
  return { funding, day, fundingRows };
}

// ---------------------------------------------------------------- (1) tick CPU from a warm cache
function tickCpu(): void {
  const cfg = config("http://127.0.0.1:9", "ws://127.0.0.1:9/ws", {
    market_data: { asset_ctx_seconds: 0, book_seconds: 0 },
  });
  const db = openLedger(cfg.ledger.path);
  let t = performance.now();
  const { funding, day, fundingRows } = seed(db, cfg.engine.history_bars);
  const loadMs = performance.now() - t;
  const client = new HyperliquidClient(cfg.hyperliquid);
  const daemon = new Daemon({ config: cfg, db, client, clock: { now: () => T0 } });
  t = performance.now();
  daemon.boot();
  const bootMs = performance.now() - t;
  const quiet: number[] = [];
  const closes: Record<string, number[]> = { "15m": [], "1h": [], "4h": [] };
  const ingest: Record<string, number[]> = { "15m": [], "1h": [], "4h": [] };
  /** The sampler's WAL checkpoints and candle-inbox folds at quiet moments (between ticks, nothing closed). */
  const checkpoints: number[] = [];
  const folds: number[] = [];
  let quietMax = { ms: 0, at: 0 };
  const wire = (coin: string, interval: Interval, c: Candle) => ({
    t: c.t,
    T: c.t + intervalMs(interval) - 1,
    s: coin,
    i: interval,
    ...{ o: `${c.open}`, c: `${c.close}`, h: `${c.high}`, l: `${c.low}`, v: `${c.volume}`, n: 1 },
  });
  for (let now = T0 + TICK; now <= T0 + 24 * HOUR_MS; now += TICK) {
    // What the websocket handler and the recorder did since the last tick (not part of the tick).
    let coarsest: Interval | null = null;
    const mids: Record<string, string> = {};
    for (const coin of COINS) {
      for (const interval of INTERVALS) {
        const len = intervalMs(interval);
        const bar = day.get(`${coin}|${interval}`)!.find((c) => c.t + len > now - TICK && c.t + len <= now);
        if (!bar) continue;
        client.ws.cache.apply("candle", wire(coin, interval, bar));
        client.ws.cache.apply("candle", wire(coin, interval, { ...bar, t: bar.t + len }));
        coarsest = interval;
      }
      const last = day.get(`${coin}|15m`)!.findLast((c) => c.t + 900_000 <= now);
      if (last) mids[coin] = `${last.close}`;
    }
    client.ws.cache.apply("allMids", { mids });
    if (now % HOUR_MS < TICK)
      for (const coin of COINS)
        funding.insertMany(
          coin,
          fundingRows.get(coin)!.filter((r) => r.eventT > now - HOUR_MS && r.eventT <= now),
        );
    // The websocket sampler folds closed bars into the ledger as they arrive, before the tick.
    let cpu = process.cpuUsage();
    const before = daemon.checkpointStats().count;
    const foldsBefore = daemon.foldStats().count;
    daemon.sample(now - 1);
    if (coarsest) ingest[coarsest]!.push(cpuMs(cpu));
    else if (daemon.foldStats().count !== foldsBefore) folds.push(cpuMs(cpu));
    else if (daemon.checkpointStats().count !== before) checkpoints.push(cpuMs(cpu));
    cpu = process.cpuUsage();
    daemon.ingest(now);
    daemon.step(now);
    const tickMs = cpuMs(cpu);
    (coarsest ? closes[coarsest]! : quiet).push(tickMs);
    if (!coarsest && tickMs > quietMax.ms) quietMax = { ms: tickMs, at: now };
  }
  const s = daemon.stats();
  const decisions = db.query("SELECT COUNT(*) AS n FROM decisions WHERE run_id = 0").get() as { n: number };
  const all = [...quiet, ...Object.values(closes).flat()];
  console.log("== hlbot trade: tick CPU (user+sys), 200 coins × 15m/1h/4h, warm cache, one simulated day");
  console.log(
    `ledger seeded in ${(loadMs / 1000).toFixed(1)} s; engine warm-up from it ${bootMs.toFixed(0)} ms`,
  );
  console.log(
    `quiet tick          p50 ${pct(quiet, 0.5).toFixed(2)} ms  p99 ${pct(quiet, 0.99).toFixed(2)} ms (${quiet.length})`,
  );
  for (const [i, xs] of Object.entries(closes))
    console.log(
      `tick at a ${i.padEnd(3)} close  p50 ${pct(xs, 0.5).toFixed(2)} ms  max ${Math.max(...xs).toFixed(2)} ms (${xs.length})`,
    );
  for (const [i, xs] of Object.entries(ingest))
    console.log(
      `  between ticks at a ${i.padEnd(3)} close: websocket bars → ledger p50 ${pct(xs, 0.5).toFixed(2)} ms  max ${Math.max(...xs).toFixed(2)} ms`,
    );
  if (checkpoints.length)
    console.log(
      `  between ticks, nothing closed: the sampler's WAL checkpoint p50 ${pct(checkpoints, 0.5).toFixed(2)} ms  max ${Math.max(...checkpoints).toFixed(2)} ms (${checkpoints.length}; off the close path)`,
    );
  if (folds.length)
    console.log(
      `  between ticks, nothing closed: the sampler's candle-inbox fold p50 ${pct(folds, 0.5).toFixed(2)} ms  max ${Math.max(...folds).toFixed(2)} ms (${folds.length}; off the close path)`,
    );
  console.log(
    `slowest quiet tick  ${quietMax.ms.toFixed(2)} ms at ${new Date(quietMax.at).toISOString().slice(11, 19)}`,
  );
  const verdict = pct(all, 0.99) <= 20 ? "OK" : "OVER";
  console.log(
    `every tick          p99 ${pct(all, 0.99).toFixed(2)} ms  max ${Math.max(...all).toFixed(2)} ms  (target ≤ 20 ms: ${verdict})`,
  );
  console.log(`${s.ticks} ticks committed, ${decisions.n} decisions, errors ${JSON.stringify(s.errors)}`);
  const closeMax = Object.entries(closes)
    .map(([i, xs]) => `${i} ${Math.max(...xs).toFixed(1)}`)
    .join(", ");
  recordFigure({
    what: "`hlbot trade` tick CPU, 200 coins × 15m/1h/4h, one simulated day",
    figure: `max ${Math.max(...all).toFixed(1)} ms (p99 ${pct(all, 0.99).toFixed(1)} ms)`,
    target: "max ≤ 20 ms",
    floor: `max at closes: ${closeMax} ms; quiet p50 ${pct(quiet, 0.5).toFixed(1)} ms`,
    met: Math.max(...all) <= 20,
  });
  const ws4h = Math.max(...ingest["4h"]!);
  recordFigure({
    what: "websocket bars → ledger at a 4h close (200 coins)",
    figure: `max ${ws4h.toFixed(1)} ms (p50 ${pct(ingest["4h"]!, 0.5).toFixed(1)} ms)`,
    target: "≤ 15 ms",
    floor: `at a 15m close max ${Math.max(...ingest["15m"]!).toFixed(1)} ms; at quiet moments, off the close path: inbox → candles fold max ${folds.length ? Math.max(...folds).toFixed(1) : "–"} ms, WAL checkpoint max ${checkpoints.length ? Math.max(...checkpoints).toFixed(1) : "–"} ms`,
    met: ws4h <= 15,
  });
  db.close();
}

// ---------------------------------------------------------------- (2) request weight vs the fake
/** REST through the adapter's fetch: alias coins asked for as their source coin, answered renamed. */
function aliasFetch(input: string, init: RequestInit): Promise<Response> {
  const body = JSON.parse(String(init.body)) as { type: string; coin?: string; req?: { coin?: string } };
  const alias = body.coin ?? body.req?.coin;
  const src = alias === undefined ? undefined : SOURCE.get(alias);
  if (src && body.coin) body.coin = src;
  if (src && body.req?.coin) body.req.coin = src;
  return fetch(input, { ...init, body: JSON.stringify(body) }).then(async (res) => {
    if (res.status !== 200) return res;
    if (body.type === "allMids") return Response.json(withAliasMids(await res.json()));
    if (!src || src === alias) return res;
    const data = (await res.json()) as Record<string, unknown> | Record<string, unknown>[];
    for (const row of Array.isArray(data) ? data : [data]) {
      if ("s" in row) row.s = alias;
      if ("coin" in row) row.coin = alias;
    }
    return Response.json(data);
  });
}

function withAliasMids(mids: Record<string, string>): Record<string, string> {
  for (const [alias, src] of SOURCE) if (mids[src] !== undefined) mids[alias] = mids[src];
  return mids;
}

interface Push {
  s: string;
  i: string;
  mids: Record<string, string>;
}

interface RelayData {
  up: WebSocket;
  queue: string[];
  /** `source|interval` → alias coins subscribed to that candle stream. */
  candles: Map<string, Set<string>>;
}

/** The websocket relay: subscriptions renamed upstream, candle and allMids pushes fanned out to aliases. */
function startRelay(upstream: string) {
  return Bun.serve<RelayData>({
    hostname: "127.0.0.1",
    port: 0,
    fetch: (req, srv) =>
      srv.upgrade(req, { data: { up: new WebSocket(upstream), queue: [], candles: new Map() } })
        ? undefined
        : new Response("websocket expected", { status: 400 }),
    websocket: {
      open(ws) {
        const { up } = ws.data;
        up.onopen = () => {
          for (const m of ws.data.queue) up.send(m);
          ws.data.queue = [];
        };
        up.onclose = () => ws.close();
        up.onmessage = (e) => {
          const text = String(e.data);
          const msg = text.startsWith("{") ? (JSON.parse(text) as { channel: string; data: Push }) : null;
          if (msg?.channel === "candle") {
            for (const coin of ws.data.candles.get(`${msg.data.s}|${msg.data.i}`) ?? [])
              ws.send(JSON.stringify({ channel: "candle", data: { ...msg.data, s: coin } }));
          } else if (msg?.channel === "allMids") {
            ws.send(JSON.stringify({ channel: "allMids", data: { mids: withAliasMids(msg.data.mids) } }));
          } else ws.send(text);
        };
      },
      message(ws, raw) {
        const msg = JSON.parse(String(raw)) as {
          method?: string;
          subscription?: { type: string; coin?: string; interval?: string };
        };
        const sub = msg.subscription;
        if (sub?.type === "candle" && sub.coin) {
          const src = SOURCE.get(sub.coin) ?? sub.coin;
          const key = `${src}|${sub.interval}`;
          ws.data.candles.set(key, (ws.data.candles.get(key) ?? new Set()).add(sub.coin));
          sub.coin = src;
        }
        const text = JSON.stringify(msg);
        if (ws.data.up.readyState === WebSocket.OPEN) ws.data.up.send(text);
        else ws.data.queue.push(text);
      },
      close(ws) {
        ws.data.up.close();
      },
    },
  });
}

async function settle(client: HyperliquidClient): Promise<void> {
  let last = -1;
  for (let i = 0; i < 100; i++) {
    await Bun.sleep(i < 2 ? 0 : 5);
    const n = client.ws.stats().messages;
    if (n === last) return;
    last = n;
  }
}

async function weightRun(label: string, extra: Record<string, Record<string, unknown>>, hours: number) {
  let fakeRef: FakeHyperliquid | null = null;
  const fake = startFakeHyperliquid({ time: T0, rateClock: () => fakeRef?.now() ?? T0 });
  fakeRef = fake;
  const relay = startRelay(fake.wsUrl);
  const cfg = config(fake.url, `ws://127.0.0.1:${relay.port}/ws`, extra);
  const db = openLedger(cfg.ledger.path);
  seed(db, cfg.engine.history_bars);
  const clock = { now: () => fake.now() };
  const sleep = async (ms: number) => {
    fake.advance(Math.max(1, Math.ceil(ms)));
    await Bun.sleep(0);
  };
  const client = new HyperliquidClient(cfg.hyperliquid, undefined, {
    clock,
    rateClock: clock,
    sleep,
    fetch: aliasFetch,
  });
  const daemon = new Daemon({ config: cfg, db, client, clock, sleep });
  await daemon.start();
  await settle(client);
  fake.resetStats();
  const weights: number[] = [0];
  const ticks = (hours * HOUR_MS) / TICK;
  for (let i = 0; i < ticks; i++) {
    fake.advance(TICK);
    await settle(client);
    await daemon.tick();
    weights.push(fake.stats().weight);
  }
  const perMinute = weights.slice(2).map((w, i) => w - weights[i]!);
  const stats = fake.stats();
  const types = Object.entries(stats.info)
    .map(([type, c]) => `${type} ${c.count}×/${c.weight}`)
    .join(", ");
  const avg = stats.weight / (hours * 60);
  // Every minute, not just the average, must stay within half of the 1200/min limit.
  const verdict = Math.max(...perMinute) <= 600 && stats.rateLimited === 0 ? "OK" : "OVER";
  console.log(`-- ${label}`);
  console.log(
    `   weight/min avg ${avg.toFixed(0)}  p95 ${pct(perMinute, 0.95)}  max ${Math.max(...perMinute)}  of 1200 (target every minute ≤ 600, 0 × 429: ${verdict})`,
  );
  console.log(
    `   429s: fake ${stats.rateLimited}, client ${client.stats().limiter.rateLimited429}; ${types}`,
  );
  console.log(
    `   websocket: ${stats.ws.messagesOut} pushes upstream, ${client.ws.stats().messages} received after fan-out; ticks ${daemon.stats().ticks}, errors ${JSON.stringify(daemon.stats().errors)}`,
  );
  await daemon.close();
  db.close();
  relay.stop(true);
  await fake.stop();
}

tickCpu();
// BENCH_TICK_ONLY=1: the tick figures alone (while working on the tick).
if (!process.env.BENCH_TICK_ONLY) {
  console.log("== hlbot trade: request weight per simulated minute, 200 coins, against the fake Hyperliquid");
  await weightRun("defaults (books of all 200 coins every 60 s, asset contexts every 60 s)", {}, 2);
  await weightRun(
    "market_data: book_coins = the 23 majors, max_weight_per_tick = 300",
    {
      market_data: { book_coins: DEFAULT_COINS, max_weight_per_tick: 300 },
    },
    2,
  );
}
