/**
 * The fake's test API: move its clock (everything time-driven happens on the way: triggers, resting
 * fills, funding, dead-man switch, liquidations, websocket pushes), register accounts, agents and
 * sub-accounts, inject faults, cut websockets, and read counters and account state.
 */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { addressFromPrivateKey } from "../hyperliquid/signing/index.ts";
import type { Account } from "./accounts.ts";
import type { FaultRule, Faults } from "./faults.ts";
import type { WeightLimiter } from "./limiter.ts";
import type { FakeState } from "./state.ts";
import type { FakeStats, StatsSnapshot } from "./stats.ts";
import { advanceTo } from "./stepper.ts";
import type { WsHub } from "./ws.ts";

export interface CreatedAccount {
  address: string;
  /** Present when the fake generated the key (deterministic from the seed). */
  privateKey?: string;
}

export class FakeControls {
  private keySeq = 0;

  constructor(
    protected readonly state: FakeState,
    protected readonly hub: WsHub,
    readonly faults: Faults,
    private readonly counters: FakeStats,
    private readonly limiter: WeightLimiter,
    private readonly seed: number,
    private readonly held: Set<() => void>,
  ) {}

  /** The fake's "now" (replay time, ms). */
  now(): number {
    return this.state.clock.now();
  }

  /** Moves the clock forward by `ms`, doing everything that happens meanwhile. */
  advance(ms: number): void {
    this.advanceTo(this.state.clock.now() + ms);
  }

  advanceTo(t: number | string): void {
    this.catchUp(t);
    this.hub.advanced();
  }

  /**
   * Moves the clock like advanceTo (triggers, fills, funding, and their user pushes) but leaves the
   * market pushes (mids, candles, books) to the next advance: a followed venue catches up before each
   * request this way, and pushes market data on its timer.
   */
  catchUp(t: number | string): void {
    const target = typeof t === "number" ? t : Date.parse(t);
    if (target < this.state.clock.now()) throw new Error("fake-hl: the clock only moves forward");
    advanceTo(this.state, target);
  }

  /**
   * Registers an account with `usdc` of collateral. Without an address, a key is derived from the
   * seed and returned so a test can sign with it.
   */
  createAccount(options: { usdc: number; address?: string; privateKey?: string }): CreatedAccount {
    let privateKey = options.privateKey;
    if (!options.address && !privateKey) {
      privateKey = `0x${bytesToHex(keccak_256(utf8ToBytes(`fake-hl|${this.seed}|${this.keySeq++}`)))}`;
    }
    const address = options.address ?? addressFromPrivateKey(privateKey!);
    this.state.accounts.create(address, options.usdc);
    return { address: address.toLowerCase(), ...(privateKey ? { privateKey } : {}) };
  }

  /** Lets `agent` sign L1 actions for `account` (what approveAgent does on the real exchange). */
  approveAgent(account: string, agent: string): void {
    this.state.accounts.approveAgent(account, agent);
  }

  /** A sub-account `master` may act for with vaultAddress. */
  createSubAccount(master: string, sub: string, usdc: number): void {
    this.state.accounts.createSubAccount(master, sub, usdc);
  }

  account(address: string): Account | undefined {
    return this.state.accounts.get(address);
  }

  /** Mark price of a coin at the fake "now". */
  mark(coin: string): number | null {
    return this.state.market.mark(coin, this.now());
  }

  injectFault(rule: FaultRule): number {
    return this.faults.inject(rule);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Cuts every websocket without a close frame; returns how many were open. */
  dropWebSockets(): number {
    return this.hub.dropAll();
  }

  stats(): StatsSnapshot & { weightInWindow: number } {
    return { ...this.counters.snapshot({ ...this.faults.fired }), weightInWindow: this.limiter.used() };
  }

  resetStats(): void {
    this.counters.reset();
    for (const k of Object.keys(this.faults.fired)) delete this.faults.fired[k as keyof Faults["fired"]];
  }

  /** Answers held by slow/timeout faults are sent now. */
  protected releaseHeld(): void {
    for (const release of [...this.held]) release();
  }
}
