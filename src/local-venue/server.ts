/**
 * The local Hyperliquid venue: one Bun.serve on 127.0.0.1 answering POST /info, POST /exchange and
 * /ws from real data, with a controllable clock, seeded fault injection, Hyperliquid's IP weight
 * limit and request counters. Tests start it on port 0 (`startLocalVenue()`, through
 * tests/support/fake-hl, which points it at ../shared/data), drive its clock and read its counters;
 * `hlbot demo` and `hlbot exchange` run it on the embedded sample with its clock following an
 * accelerated replay clock.
 */
import type { Server } from "bun";
import { type Clock, ManualClock } from "../core/clock.ts";
import { Accounts } from "./accounts.ts";
import { handleAdmin } from "./admin.ts";
import { Books } from "./book.ts";
import { FakeControls } from "./controls.ts";
import type { DataSource } from "./data-source.ts";
import { Faults } from "./faults.ts";
import { ClockFollower } from "./follow.ts";
import { type HttpContext, handlePost, handleRequest } from "./http.ts";
import { HL_RATE_LIMIT, type RateLimitOptions, WeightLimiter } from "./limiter.ts";
import { Market } from "./market.ts";
import { NonceBook } from "./nonces.ts";
import { OrderStore } from "./orders.ts";
import type { FakeListeners, FakeState } from "./state.ts";
import { FakeStats } from "./stats.ts";
import { type WsData, WsHub } from "./ws.ts";

export interface LocalVenueOptions {
  /** Replay time the clock starts at (ms or ISO string). Default: `clock`'s now, else 2025-06-01T00:00:00Z. */
  time?: number | string;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** The real Hyperliquid data (COIN-15m.csv.gz, COIN-funding-1h.csv.gz, l2book/): a directory or the embedded sample. */
  data: DataSource;
  /**
   * A clock to follow (an AcceleratedClock): the venue advances itself to its now before every request
   * and every 50 ms of wall time. Without one the clock moves only through advance / advanceTo.
   */
  clock?: Clock;
  /**
   * Serve every bar, funding event and book this much later than it happened (a whole number of days
   * keeps them on their grids): `hlbot exchange` replays a day of the sample as today. Default 0.
   */
  timeShiftMs?: number;
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

export class LocalVenue extends FakeControls {
  readonly url: string;
  readonly wsUrl: string;
  readonly port: number;
  /** Set when the venue follows an outside clock. */
  follower: ClockFollower | null = null;

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
    this.follower?.stop();
    this.releaseHeld();
    this.hub.dropAll();
    await this.server.stop(true);
  }
}

export function startLocalVenue(options: LocalVenueOptions): LocalVenue {
  const start = options.time ?? options.clock?.now() ?? DEFAULT_REPLAY_TIME;
  const clock = new ManualClock(typeof start === "number" ? start : Date.parse(start));
  const seed = options.seed ?? 1;
  const market = new Market(options.data, options.timeShiftMs ?? 0);
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
  let venue: LocalVenue | null = null;
  const server = Bun.serve<WsData>({
    hostname: "127.0.0.1",
    port: options.port ?? 0,
    idleTimeout: 0,
    fetch(req, srv) {
      venue?.follower?.catchUp();
      const path = new URL(req.url).pathname;
      if (path === "/ws") {
        return srv.upgrade(req, { data: hub.newData() })
          ? undefined
          : new Response("websocket upgrade expected", { status: 400 });
      }
      if (path.startsWith("/admin/")) return handleAdmin(venue!, req, path);
      return handleRequest(http, req, path);
    },
    websocket: {
      idleTimeout: 0,
      open: (ws) => hub.open(ws),
      message: (ws, message) => {
        venue?.follower?.catchUp();
        return hub.message(ws, typeof message === "string" ? message : message.toString());
      },
      close: (ws) => hub.close(ws),
    },
  });
  venue = new LocalVenue(server, state, hub, faults, stats, limiter, seed, http.held);
  if (options.clock) {
    venue.follower = new ClockFollower(venue, options.clock);
    venue.follower.start();
  }
  return venue;
}
