/**
 * The running daemon's side of `hlbot ctl` / `hlbot tui` (src/control/target.ts): pause and resume
 * new entries per path, flatten the live positions (or one coin's), close one position. A request is
 * checked at once (a refusal is answered at once), then queued and APPLIED INSIDE the next tick's
 * ledger transaction — a rolled-back tick applies nothing and the action waits for the next one — and
 * answered when that tick is done (for a flatten: after its IOCs went out, saying what closed), or
 * after CONTROL_REPLY_MS with "queued" when the next tick is further away than that.
 *
 * Pauses are PauseStore's halt records; positions to close are kept in bot_state (`control.closing`)
 * and handed to the engine every tick (`engine.closeRequests`), which closes them the way the kill
 * switch flattens — a live one by a reduce-only IOC, retried every tick (and after a restart) until it
 * is gone. After each tick a flatten still incomplete (kill switch or ctl) raises `flatten_incomplete`.
 */
import type { Database, Statement } from "bun:sqlite";
import { StatusQueries } from "../api/queries/status.ts";
import { PAUSE_KEY_PREFIX, PauseStore } from "../control/pauses.ts";
import {
  type ActionResult,
  CONTROL_REPLY_MS,
  ControlRefusedError,
  type ControlStatus,
  type ControlTarget,
  type TradingPath,
} from "../control/target.ts";
import type { Clock } from "../core/clock.ts";
import type { Engine } from "../engine/engine.ts";
import type { TradingBook } from "../engine/ports.ts";
import type { Position } from "../engine/position.ts";
import type { LiveEvents } from "../live/events.ts";
import { type ControlAction, ControlQueue } from "./control-queue.ts";
import type { LiveSetup } from "./live-path.ts";
import type { CloseRequest, DaemonStateStore } from "./state-store.ts";

/** What the control target reads of the daemon. */
export interface ControlHost {
  db: Database;
  clock: Clock;
  state: DaemonStateStore;
  /** `--live` was asked for. */
  liveAsked: boolean;
  /** The live path once it runs. */
  live(): LiveSetup | null;
  /** Why the live path is not running yet (its last start failure). */
  liveLastError(): string | null;
  liveEvents(): LiveEvents | null;
  lastTickAt(): number | null;
}

export class DaemonControl implements ControlTarget {
  readonly pauses: PauseStore;
  readonly #h: ControlHost;
  readonly #status: StatusQueries;
  readonly #position: Statement;
  readonly #queue: ControlQueue;
  #closing: CloseRequest[];
  #closingJson: string;
  /** Ticks in a row a flatten stayed incomplete, per cause. */
  readonly #attempts = new Map<string, number>();

  constructor(host: ControlHost, replyMs = CONTROL_REPLY_MS) {
    this.#h = host;
    this.#queue = new ControlQueue(replyMs);
    this.pauses = new PauseStore(host.db);
    this.#status = new StatusQueries(host.db);
    this.#position = host.db.prepare("SELECT mode, coin, status FROM positions WHERE id = ?1 AND run_id = 0");
    this.#closing = host.state.closing();
    this.#closingJson = JSON.stringify(this.#closing);
  }

  /** Actions waiting for a tick. */
  get queued(): number {
    return this.#queue.length;
  }

  // ControlTarget: checked now, applied and answered by the next tick -----------------------------

  status(): ControlStatus {
    const live = this.#h.live();
    const open = live?.path.book.open ?? [];
    const closing = new Set(this.#closing.filter((r) => r.mode === "live").map((r) => r.id));
    const now = this.#h.clock.now();
    const halts = this.#status.halts(now).map((h) => h.name);
    const killing = halts.includes("kill_switch");
    const flattening = open.filter((p) => killing || closing.has(p.id)).map((p) => p.coin);
    const counts = this.#status.openPositions(0);
    return {
      paused: this.pauses.state(),
      live: live !== null,
      flattening: [...new Set(flattening)],
      halts: halts.filter((n) => !n.startsWith(PAUSE_KEY_PREFIX)),
      open_positions: { shadow: counts.shadow ?? 0, live: counts.live ?? 0 },
      last_tick_at: this.#h.lastTickAt(),
      now,
    };
  }

  pause(paths: TradingPath[]): Promise<ActionResult> {
    return this.#queue.push({ action: "pause", paths });
  }

  resume(): Promise<ActionResult> {
    return this.#queue.push({ action: "resume" });
  }

  flatten(coin?: string): Promise<ActionResult> {
    const live = this.#liveBookOrRefuse(this.#h.live()?.path.book ?? null);
    if (!live.open.some((p) => !coin || p.coin === coin))
      throw new ControlRefusedError(`no open live position${coin ? ` on ${coin}` : ""}`);
    return this.#queue.push({ action: "flatten", coin });
  }

  close(positionId: number): Promise<ActionResult> {
    const row = this.#position.get(positionId) as { mode: string; coin: string; status: string } | null;
    if (!row) throw new ControlRefusedError(`no position ${positionId} in this daemon's ledger`);
    if (row.status !== "open")
      throw new ControlRefusedError(`${row.mode} position ${positionId} (${row.coin}) is already closed`);
    if (row.mode === "live") this.#liveBookOrRefuse(this.#h.live()?.path.book ?? null);
    return this.#queue.push({ action: "close", positionId });
  }

  // The daemon's tick -----------------------------------------------------------------------------

  /** Inside the tick's transaction, before `engine.tick`: applies what was queued, hands the engine its pauses and close requests. */
  apply(engine: Engine, now: number): void {
    this.#queue.applyEach((a) => this.#apply(a, engine, now));
    this.#prune(engine);
    engine.paused = this.pauses.state();
    engine.closeRequests = new Set(this.#closing.map((r) => r.id));
  }

  /** Inside the transaction, after `engine.tick`: forgets positions that closed, saves the rest. */
  persist(engine: Engine, now: number): void {
    this.#prune(engine);
    const json = JSON.stringify(this.#closing);
    if (json === this.#closingJson) return;
    this.#h.state.saveClosing(this.#closing, now);
    this.#closingJson = json;
  }

  /** The transaction rolled back: nothing it applied holds; the actions wait for the next tick. */
  rolledBack(): void {
    this.#queue.rolledBack();
    this.pauses.reload();
    this.#closing = this.#h.state.closing();
    this.#closingJson = JSON.stringify(this.#closing);
  }

  /** After a committed tick (and its flush): answers what it applied; reports flattens left incomplete. */
  settle(engine: Engine): void {
    this.#queue.answerApplied();
    const live = engine.live;
    if (!live || !this.#h.live()) return;
    const killing = engine.halts.kill !== null && live.open.length > 0;
    const ids = new Set(this.#closing.filter((r) => r.mode === "live").map((r) => r.id));
    this.#incomplete("kill switch", killing ? live.open : []);
    this.#incomplete("hlbot ctl flatten", killing ? [] : live.open.filter((p) => ids.has(p.id)));
  }

  /** The daemon stops: what was not applied is refused. */
  shutdown(): void {
    this.#queue.refuseAll("the daemon stopped before a tick applied it");
  }

  // -------------------------------------------------------------------------------------------------

  #apply(a: ControlAction, engine: Engine, now: number): () => ActionResult {
    switch (a.action) {
      case "pause": {
        const added = this.pauses.pause(a.paths, now);
        const message = added.length
          ? `paused new ${added.join(" + ")} entries`
          : `already paused: ${a.paths.join(" + ")}`;
        return () => ({ message, details: { paused: this.pauses.state() } });
      }
      case "resume": {
        const lifted = this.pauses.resume();
        const message = lifted.length ? `resumed ${lifted.join(" + ")}` : "nothing was paused";
        return () => ({ message, details: { paused: this.pauses.state() } });
      }
      case "flatten": {
        const book = this.#liveBookOrRefuse(engine.live);
        const targets = book.open.filter((p) => !a.coin || p.coin === a.coin);
        if (targets.length === 0)
          throw new ControlRefusedError(`no open live position${a.coin ? ` on ${a.coin}` : ""}`);
        this.#request(targets, "flatten", now);
        return () => closeOutcome(`flatten of ${plural(targets.length, "live position")}`, targets);
      }
      case "close": {
        const p =
          engine.shadow.open.find((q) => q.id === a.positionId) ??
          engine.live?.open.find((q) => q.id === a.positionId);
        if (!p) {
          const live = (this.#position.get(a.positionId) as { mode: string } | null)?.mode === "live";
          if (live) this.#liveBookOrRefuse(engine.live);
          throw new ControlRefusedError(`position ${a.positionId} is not open any more`);
        }
        this.#request([p], "close", now);
        return () => closeOutcome(`close of ${p.mode} position ${p.id}`, [p]);
      }
    }
  }

  #request(positions: readonly Position[], action: CloseRequest["action"], now: number): void {
    const known = new Set(this.#closing.map((r) => r.id));
    for (const p of positions)
      if (!known.has(p.id)) this.#closing.push({ id: p.id, mode: p.mode, coin: p.coin, action, since: now });
  }

  /** Drops requests whose position is no longer open (a live one only while the live book is there to say). */
  #prune(engine: Engine): void {
    const open = new Set(engine.shadow.open.map((p) => p.id));
    for (const p of engine.live?.open ?? []) open.add(p.id);
    this.#closing = this.#closing.filter((r) => open.has(r.id) || (r.mode === "live" && !engine.live));
  }

  #liveBookOrRefuse(book: TradingBook | null): TradingBook {
    if (!this.#h.liveAsked)
      throw new ControlRefusedError(
        "no live path: this daemon runs shadow only (`hlbot trade` without --live)",
      );
    if (!book || !this.#h.live())
      throw new ControlRefusedError(
        `the live path has not started (${this.#h.liveLastError() ?? "starting"}): nothing can be sent yet`,
      );
    return book;
  }

  #incomplete(why: string, still: readonly Position[]): void {
    if (still.length === 0) {
      this.#attempts.delete(why);
      return;
    }
    const attempts = (this.#attempts.get(why) ?? 0) + 1;
    this.#attempts.set(why, attempts);
    const coins = [...new Set(still.map((p) => p.coin))];
    this.#h
      .liveEvents()
      ?.emit(
        "flatten_incomplete",
        "critical",
        `${why}: flatten not complete after ${plural(attempts, "attempt")}, ${coins.join(", ")} still open; reduce-only IOCs are sent again every tick`,
        { details: { coins: coins.join(","), attempts, why } },
      );
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** What a flatten or close did by the end of its tick: closed at what price, or still open (retried). */
function closeOutcome(what: string, positions: readonly Position[]): ActionResult {
  const closed = positions.filter((p) => p.status === "closed");
  const open = positions.filter((p) => p.status !== "closed");
  const name = (p: Position) => `${p.coin} #${p.id}`;
  // An exchange price, or a simulated one with the model's slippage: 6 significant digits say it.
  const px = (p: Position) => {
    const last = p.exits.at(-1)?.px;
    return last === undefined ? "?" : String(Number(last.toPrecision(6)));
  };
  const parts: string[] = [];
  if (closed.length) parts.push(`closed ${closed.map((p) => `${name(p)} at ${px(p)}`).join(", ")}`);
  if (open.length)
    parts.push(
      `still open ${open.map(name).join(", ")}: reduce-only IOCs are sent again every tick until flat`,
    );
  return {
    message: `${what}: ${parts.join("; ")}`,
    details: { closed: closed.map((p) => p.id), open: open.map((p) => p.id) },
  };
}
