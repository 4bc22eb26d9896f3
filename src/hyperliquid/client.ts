/**
 * The Hyperliquid adapter wired from config: ONE weight limiter shared by every HTTP caller, the
 * transport, info queries, the WebSocket feed, and — with secrets — the signed exchange client.
 * Info and positions use the ACCOUNT address; the signer may be an API (agent) wallet. The private
 * key lives only inside Signer; this object serialises to its public parts. Two clocks: exchange
 * time (`clock`: nonces, expiresAfter, dead-man switch, address budget — a replay clock in replay
 * runs) and wall time (`rateClock` + `sleep`: the weight limiter, retry backoff, WS silence), so a
 * replay clock that stands still never stalls the limiter.
 */
import type * as z from "zod";
import type { LiveSecrets } from "../config/secrets.ts";
import { HYPERLIQUID_URLS, type VenueSection } from "../config/sections/venue.ts";
import { type Clock, wallClock } from "../core/clock.ts";
import { SecretError } from "../core/errors.ts";
import { AddressBudget } from "./address-budget.ts";
import { AssetBook } from "./assets.ts";
import { ExchangeClient } from "./exchange-client.ts";
import { HttpTransport } from "./http.ts";
import { InfoClient } from "./info-client.ts";
import { NonceManager } from "./nonce.ts";
import { type Sleep, WeightLimiter } from "./rate-limit.ts";
import { type Hex, normalizeAddress } from "./signing/hex.ts";
import { Signer } from "./signing/signer.ts";
import { WsClient } from "./ws-client.ts";

export type VenueConfig = z.output<typeof VenueSection>;

export interface Endpoints {
  http: string;
  ws: string;
  /** Phantom-agent source "a". Custom URLs sign as testnet ("b") so nothing signed for a local
   *  or fake server can ever be replayed on mainnet. */
  isMainnet: boolean;
}

export function resolveEndpoints(venue: VenueConfig): Endpoints {
  if (venue.network === "custom") {
    // The config schema requires both URLs when network is custom.
    return { http: venue.http_url ?? "", ws: venue.ws_url ?? "", isMainnet: false };
  }
  return { ...HYPERLIQUID_URLS[venue.network], isMainnet: venue.network === "mainnet" };
}

export interface HyperliquidClientDeps {
  /** Exchange time: nonces, expiresAfter, the dead-man switch, the address budget. Default wall. */
  clock?: Clock;
  /** Wall time (or an accelerated stand-in) for the weight limiter and WS silence. Default wall,
   *  whatever `clock` is. */
  rateClock?: Clock;
  /** Sleeps on `rateClock`'s time: limiter waits and retry backoff. Default Bun.sleep. */
  sleep?: Sleep;
  random?: () => number;
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

export class HyperliquidClient {
  readonly endpoints: Endpoints;
  readonly limiter: WeightLimiter;
  readonly transport: HttpTransport;
  readonly info: InfoClient;
  readonly ws: WsClient;
  readonly addressBudget: AddressBudget;
  /** Whose positions, orders and fills we trade (undefined without secrets: read-only). */
  readonly accountAddress: Hex | undefined;
  readonly #signer: Signer | undefined;
  readonly #clock: Clock;
  readonly #venue: VenueConfig;
  #exchange: Promise<ExchangeClient> | undefined;

  constructor(venue: VenueConfig, secrets?: LiveSecrets, deps: HyperliquidClientDeps = {}) {
    this.#venue = venue;
    this.#clock = deps.clock ?? wallClock;
    const rateClock = deps.rateClock ?? wallClock;
    this.endpoints = resolveEndpoints(venue);
    this.limiter = new WeightLimiter({
      budgetFraction: venue.weight_budget_fraction,
      clock: rateClock,
      sleep: deps.sleep,
    });
    this.transport = new HttpTransport({
      baseUrl: this.endpoints.http,
      timeoutMs: venue.request_timeout_ms,
      limiter: this.limiter,
      sleep: deps.sleep,
      random: deps.random,
      fetch: deps.fetch,
    });
    this.info = new InfoClient(this.transport);
    this.ws = new WsClient({
      url: this.endpoints.ws,
      staleAfterMs: venue.stale_feed_seconds * 1000,
      clock: rateClock,
    });
    this.addressBudget = new AddressBudget(this.#clock);
    this.#signer = secrets ? new Signer(secrets.privateKey) : undefined;
    this.accountAddress = secrets ? normalizeAddress(secrets.accountAddress) : undefined;
  }

  /** Address of the signing key (the agent wallet when one is used). */
  get signerAddress(): Hex | undefined {
    return this.#signer?.address;
  }

  /** The signed-action client; loads `meta` once for the coin → asset map. Needs secrets. */
  exchange(): Promise<ExchangeClient> {
    if (!this.#exchange) {
      this.#exchange = this.#buildExchange();
      this.#exchange.catch(() => {
        this.#exchange = undefined; // let the next call retry loading meta
      });
    }
    return this.#exchange;
  }

  async #buildExchange(): Promise<ExchangeClient> {
    if (!this.#signer) throw new SecretError("exchange actions need HL_PRIVATE_KEY and HL_ACCOUNT_ADDRESS");
    return new ExchangeClient({
      transport: this.transport,
      signer: this.#signer,
      nonces: new NonceManager(this.#clock),
      assets: new AssetBook(await this.info.meta()),
      clock: this.#clock,
      isMainnet: this.endpoints.isMainnet,
      addressBudget: this.addressBudget,
    });
  }

  /**
   * Re-arms the exchange's dead-man switch to now + schedule_cancel_seconds (config); a no-op when
   * that is 0. Returns the scheduled time, or undefined when disabled.
   */
  async refreshDeadMansSwitch(): Promise<number | undefined> {
    const seconds = this.#venue.schedule_cancel_seconds;
    if (seconds <= 0) return undefined;
    const at = Math.floor(this.#clock.now() + seconds * 1000); // signed as an integer
    await (await this.exchange()).scheduleCancel(at);
    return at;
  }

  /** mainnet | testnet | custom, as configured. */
  get network(): VenueConfig["network"] {
    return this.#venue.network;
  }

  /** Numbers for /metrics and /health. */
  stats() {
    return {
      limiter: this.limiter.stats(),
      transport: this.transport.stats(),
      ws: this.ws.stats(),
      addressBudget: this.addressBudget.stats(),
    };
  }

  toJSON(): Record<string, unknown> {
    return {
      network: this.#venue.network,
      http: this.endpoints.http,
      accountAddress: this.accountAddress,
      signerAddress: this.signerAddress,
    };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `HyperliquidClient(${JSON.stringify(this.toJSON())})`;
  }
}
