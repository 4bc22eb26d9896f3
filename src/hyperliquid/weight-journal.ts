/**
 * The weight limiter's journal in a key/value store (the ledger's bot_state): the last 60 s of spends
 * of every hlbot process on that ledger (a daemon and a backfill may both run), so the next process
 * starts from what Hyperliquid still counts. Spends are kept per second, rounded UP to the end of
 * their second (a spend leaves the window no earlier than it really does). Writers whose spends have
 * all aged out are dropped. A stored value that does not parse is ignored (a fresh window).
 */
import * as z from "zod";
import { WEIGHT_WINDOW_MS, type WeightJournal, type WeightWindow } from "./rate-limit.ts";

/** The subset of BotStateRepo the journal needs. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown, now: number): void;
}

export const WEIGHT_JOURNAL_KEY = "hyperliquid.weight_window";

const Stored = z.object({
  writers: z.record(
    z.string(),
    z.object({
      spends: z.array(z.tuple([z.number(), z.number()])),
      blockedUntil: z.number(),
    }),
  ),
});
type Stored = z.output<typeof Stored>;

const SECOND_MS = 1_000;

export class StoredWeightJournal implements WeightJournal {
  readonly #store: KeyValueStore;
  readonly #writer: string;

  constructor(store: KeyValueStore, writer = `${process.pid}@${Date.now()}`) {
    this.#store = store;
    this.#writer = writer;
  }

  load(now: number): WeightWindow {
    const stored = this.#read();
    const spends: [number, number][] = [];
    let blockedUntil = 0;
    for (const w of Object.values(stored.writers)) {
      for (const s of w.spends) if (s[0] > now - WEIGHT_WINDOW_MS) spends.push(s);
      blockedUntil = Math.max(blockedUntil, w.blockedUntil);
    }
    return { spends, blockedUntil };
  }

  save(window: WeightWindow, now: number): void {
    const stored = this.#read();
    const writers: Stored["writers"] = {};
    for (const [id, w] of Object.entries(stored.writers)) {
      if (id === this.#writer) continue;
      const spends = w.spends.filter((s) => s[0] > now - WEIGHT_WINDOW_MS);
      if (spends.length > 0 || w.blockedUntil > now) writers[id] = { spends, blockedUntil: w.blockedUntil };
    }
    writers[this.#writer] = { spends: perSecond(window.spends), blockedUntil: window.blockedUntil };
    this.#store.set(WEIGHT_JOURNAL_KEY, { writers }, now);
  }

  #read(): Stored {
    let raw: unknown;
    try {
      raw = this.#store.get(WEIGHT_JOURNAL_KEY);
    } catch {
      return { writers: {} };
    }
    const parsed = Stored.safeParse(raw);
    return parsed.success ? parsed.data : { writers: {} };
  }
}

/** Sums spends per second, each at the end of its second. */
function perSecond(spends: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [at, weight] of spends) {
    const end = Math.ceil(at / SECOND_MS) * SECOND_MS;
    const last = out.at(-1);
    if (last && last[0] === end) last[1] += weight;
    else out.push([end, weight]);
  }
  return out;
}
