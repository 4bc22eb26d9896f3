/**
 * The local fake Hyperliquid: one Bun.serve on 127.0.0.1 answering POST /info, POST /exchange and
 * /ws from the real data, with a controllable clock, seeded fault injection, Hyperliquid's IP weight
 * limit and request counters. Tests start it on port 0 (`startFakeHyperliquid()`), drive its clock
 * and read its counters (through tests/support/fake-hl, which points it at ../shared/data).
 */
import type { Server } from "bun";
import { ManualClock } from "../core/clock.ts";
import { Accounts } from "./accounts.ts";
import { handleAdmin } from "./admin.ts";
import { Books } from "./book.ts";
import { FakeControls } from "./controls.ts";
import { Faults } from "./faults.ts";
import { type HttpContext, handlePost, handleRequest } from "./http.ts";
import { HL_RATE_LIMIT, type RateLimitOptions, WeightLimiter } from "./limiter.ts";
import { Market } from "./market.ts";
import { NonceBook } from "./nonces.ts";
import { OrderStore } from "./orders.ts";
import type { FakeListeners, FakeState } from "./state.ts";
import { FakeStats } from "./stats.ts";
import { type WsData, WsHub } from "./ws.ts";

export interface FakeHyperliquidOptions {
  /** Replay time the clock starts at (ms or ISO string). Default 2025-06-01T00:00:00Z. */
  time?: number | string;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Directory of the real Hyperliquid data files (COIN-15m.csv.gz, COIN-funding-1h.csv.gz, l2book/). */
  dataDir: string;
  /** Seed of the synthetic books and of probabilistic faults. */
  seed?: number;
  /** IP weight limit; `false` disables it. Default 1200 per 60 s of wall time. */
  rateLimit?: RateLimitOptions | false;
  /** Clock of the rate-limit window (default: wall time, performance.now). */
  rateClock?: () => number;
  /** Candles that exist per coin and interval (real API: 5000). */
  candleWindow?: number;
  /** Candles per candleSnapshot answer (real API: 5000). */
  maxCandlesPerResponse?: number;
  /** Rows per fundingHistory answer (real API: 500). */
  fundingPageSize?: number;
  /**
   * Phantom-agent source signatures must use: testnet "b" (default — hlbot signs every custom URL
   * as testnet so nothing signed for a local server can be replayed on mainnet) or mainnet "a".
   */
  network?: "mainnet" | "testnet";
  /** Time the nonce window is checked against: the fake clock (default) or wall time (demos). */
  nonceClock?: "fake" | "wall";
  /** Traded USD an account needs before scheduleCancel is accepted (real HL: 1 000 000; default 0). */
  scheduleCancelMinVolume?: number;
}

export const DEFAULT_REPLAY_TIME = "2025-06-01T00:00:00Z";

export class FakeHyperliquid extends FakeControls {
  readonly url: string;
  readonly wsUrl: string;
  readonly port: number;

  constructor(
    private readonly server: Server<WsData>,
    state: FakeState,
    hub: WsHub,
    faults: Faults,
    stats: FakeStats,
    limiter: WeightLimiter,
    seed: number,
    held: Set<() => void>,
  ) {
    super(state, hub, faults, stats, limiter, seed, held);
    this.port = server.port ?? 0;
    this.url = `http://127.0.0.1:${this.port}`;
    this.wsUrl = `ws://127.0.0.1:${this.port}/ws`;
  }

  async stop(): Promise<void> {
    this.releaseHeld();
    this.hub.dropAll();
    await this.server.stop(true);
  }
}

export function startFakeHyperliquid(options: FakeHyperliquidOptions): FakeHyperliquid {
  const start = options.time ?? DEFAULT_REPLAY_TIME;
  const clock = new ManualClock(typeof start === "number" ? start : Date.parse(start));
  const seed = options.seed ?? 1;
  const market = new Market(options.dataDir);
  const listeners: FakeListeners = { orderUpdate: [], fills: [], funding: [] };
  const state: FakeState = {
    clock,
    market,
    books: new Books(market, seed),
    accounts: new Accounts(),
    orders: new OrderStore((o) => {
      for (const l of listeners.orderUpdate) l(o);
    }),
    listeners,
    ids: { tid: 0 },
    scheduleCancelMinVolume: options.scheduleCancelMinVolume ?? 0,
  };
  const faults = new Faults(seed);
  const stats = new FakeStats();
  const limiter = new WeightLimiter(
    options.rateLimit === false ? null : (options.rateLimit ?? HL_RATE_LIMIT),
    options.rateClock,
  );
  const http: HttpContext = {
    state,
    faults,
    stats,
    limiter,
    limits: {
      candles: {
        window: options.candleWindow ?? 5000,
        maxPerResponse: options.maxCandlesPerResponse ?? 5000,
      },
      fundingPageSize: options.fundingPageSize ?? 500,
    },
    exchange: {
      state,
      nonces: new NonceBook(),
      isMainnet: (options.network ?? "testnet") === "mainnet",
      nonceNow: options.nonceClock === "wall" ? () => Date.now() : () => clock.now(),
    },
    held: new Set<() => void>(),
  };
  const hub = new WsHub(state, faults, stats, (request) => handlePost(http, request));
  let fake: FakeHyperliquid | null = null;
  const server = Bun.serve<WsData>({
    hostname: "127.0.0.1",
    port: options.port ?? 0,
    idleTimeout: 0,
    fetch(req, srv) {
      const path = new URL(req.url).pathname;
      if (path === "/ws") {
        return srv.upgrade(req, { data: hub.newData() })
          ? undefined
          : new Response("websocket upgrade expected", { status: 400 });
      }
      if (path.startsWith("/admin/")) return handleAdmin(fake!, req, path);
      return handleRequest(http, req, path);
    },
    websocket: {
      idleTimeout: 0,
      open: (ws) => hub.open(ws),
      message: (ws, message) => hub.message(ws, typeof message === "string" ? message : message.toString()),
      close: (ws) => hub.close(ws),
    },
  });
  fake = new FakeHyperliquid(server, state, hub, faults, stats, limiter, seed, http.held);
  return fake;
}
