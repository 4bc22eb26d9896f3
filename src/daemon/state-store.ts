/**
 * What the daemon keeps in bot_state across restarts, read back through zod (the row may come from an
 * older build or a hand edit): the halts (`halts`, the shape the API reads), each path's account
 * (peak equity, day start), the feed cursors (which bars and funding hours the engine has consumed —
 * written in the same transaction as the tick, so no bar is scanned twice or skipped), the trail
 * distance of open positions (not a positions column), `hlbot resume` requests, and the positions an
 * operator asked to close (`hlbot ctl flatten` / `close`: retried every tick until closed, also
 * after a restart).
 */
import * as z from "zod";
import { BotError } from "../core/errors.ts";
import type { AccountState } from "../engine/account.ts";
import type { Mode } from "../engine/position.ts";
import type { BotStateRepo } from "../ledger/repos/bot-state.ts";
import { log } from "../log.ts";
import { EMPTY_HALTS, type HaltState } from "../risk/halts.ts";

export const STATE_KEYS = {
  halts: "halts",
  cursors: "daemon.cursors",
  trails: "daemon.trails",
  heartbeat: "daemon.heartbeat",
  resume: "resume.request",
  closing: "control.closing",
  account: (mode: Mode) => `account.${mode}`,
} as const;

const HaltStateSchema = z.object({
  kill: z.object({ since: z.number(), drawdown: z.number() }).nullable().default(null),
  dailyHaltDay: z.number().nullable().default(null),
  cooldowns: z.record(z.string(), z.number()).default({}),
});

const AccountStateSchema = z.object({
  realized: z.number(),
  peak: z.number(),
  dayStart: z.number(),
  dayStartEquity: z.number(),
});

const CursorsSchema = z.object({
  /** series key (`coin|interval`) → open time of the last bar handed to the engine. */
  bars: z.record(z.string(), z.number()).default({}),
  /** coin → funding hour of the last funding event handed to the engine. */
  funding: z.record(z.string(), z.number()).default({}),
});
export type FeedCursors = z.output<typeof CursorsSchema>;

const TrailsSchema = z.record(z.string(), z.number());

const ClosingSchema = z.array(
  z.object({
    id: z.number().int(),
    mode: z.enum(["shadow", "live"]),
    coin: z.string(),
    action: z.enum(["flatten", "close"]),
    since: z.number(),
  }),
);
/** A position an operator asked to close, kept until it is. */
export type CloseRequest = z.output<typeof ClosingSchema>[number];

export const ResumeRequestSchema = z.object({
  kill: z.boolean(),
  daily: z.boolean(),
  at: z.number(),
});
export type ResumeRequest = z.output<typeof ResumeRequestSchema>;

/** A halts row that cannot be read: starting anyway could silently lift a kill switch. Exit 2. */
export class HaltStateError extends BotError {
  readonly kind = "halt_state";
  override readonly exitCode = 2;
}

export class DaemonStateStore {
  constructor(private readonly repo: BotStateRepo) {}

  /** The persisted halts; an unreadable row is an error, never a silent reset of the kill switch. */
  halts(): HaltState {
    const onBad = (why: string) => {
      throw new HaltStateError(
        `bot_state "${STATE_KEYS.halts}" ${why}: refusing to start with unknown halts (inspect it; \`hlbot resume\` rewrites it)`,
      );
    };
    return this.#read(STATE_KEYS.halts, HaltStateSchema, onBad) ?? structuredClone(EMPTY_HALTS);
  }

  account(mode: Mode): AccountState | undefined {
    return this.#read(STATE_KEYS.account(mode), AccountStateSchema);
  }

  cursors(): FeedCursors {
    return this.#read(STATE_KEYS.cursors, CursorsSchema) ?? { bars: {}, funding: {} };
  }

  /** Position id → trail distance in R. */
  trails(): Record<string, number> {
    return this.#read(STATE_KEYS.trails, TrailsSchema) ?? {};
  }

  /** A pending `hlbot resume`, removed as it is taken. */
  takeResume(): ResumeRequest | undefined {
    const request = this.#read(STATE_KEYS.resume, ResumeRequestSchema);
    if (request) this.repo.delete(STATE_KEYS.resume);
    return request;
  }

  requestResume(request: ResumeRequest, now: number): void {
    this.repo.set(STATE_KEYS.resume, request, now);
  }

  saveHalts(h: HaltState, now: number): void {
    this.repo.set(STATE_KEYS.halts, h, now);
  }

  saveAccount(mode: Mode, s: AccountState, now: number): void {
    this.repo.set(STATE_KEYS.account(mode), s, now);
  }

  saveCursors(c: FeedCursors, now: number): void {
    this.repo.set(STATE_KEYS.cursors, c, now);
  }

  closing(): CloseRequest[] {
    return this.#read(STATE_KEYS.closing, ClosingSchema) ?? [];
  }

  saveClosing(requests: CloseRequest[], now: number): void {
    if (requests.length === 0) this.repo.delete(STATE_KEYS.closing);
    else this.repo.set(STATE_KEYS.closing, requests, now);
  }

  saveTrails(t: Record<string, number>, now: number): void {
    this.repo.set(STATE_KEYS.trails, t, now);
  }

  heartbeat(value: { t: number; ticks: number; mode: "shadow" | "live"; pid: number }, now: number): void {
    this.repo.set(STATE_KEYS.heartbeat, value, now);
  }

  #read<T>(key: string, schema: z.ZodType<T>, onBad: (why: string) => void = warnBad(key)): T | undefined {
    let raw: unknown;
    try {
      raw = this.repo.get<unknown>(key);
    } catch {
      onBad("is not JSON");
      return undefined;
    }
    if (raw === undefined) return undefined;
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    onBad(`does not match its schema (${z.prettifyError(parsed.error)})`);
    return undefined;
  }
}

function warnBad(key: string) {
  return (why: string) => log.withTag("daemon").warn(`bot_state "${key}" ${why}; ignoring it`);
}
