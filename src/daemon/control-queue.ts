/**
 * The control actions waiting for a tick. A request is queued with a promise for its answer; the
 * tick takes the queue inside its ledger transaction (`applyEach`): an action it applied is answered
 * once that tick is done (`answerApplied`), a refused one at once; when the transaction rolls back,
 * what it applied goes back to the queue (`rolledBack`) for the next tick. A request not answered
 * within the reply deadline is answered "queued" — the tick still applies it later, and a refusal
 * then is logged and alerted, since nobody waits for it any more.
 */
import { emitAlert } from "../alerts/bus.ts";
import { alertEvents } from "../alerts/events.ts";
import { type ActionResult, ControlRefusedError, type TradingPath } from "../control/target.ts";
import { log } from "../log.ts";

const clog = () => log.withTag("control");

export type ControlAction =
  | { action: "pause"; paths: TradingPath[] }
  | { action: "resume" }
  | { action: "flatten"; coin?: string | undefined }
  | { action: "close"; positionId: number };

interface Pending {
  action: ControlAction;
  answer(result: ActionResult): void;
  refuse(error: Error): void;
  /** Set once applied inside a tick: words the outcome when that tick is done. */
  outcome?: () => ActionResult;
}

export class ControlQueue {
  #queue: Pending[] = [];
  #applied: Pending[] = [];

  constructor(private readonly replyMs: number) {}

  get length(): number {
    return this.#queue.length;
  }

  push(action: ControlAction): Promise<ActionResult> {
    return new Promise<ActionResult>((resolve, reject) => {
      let answered = false;
      const timer = setTimeout(() => {
        answered = true;
        resolve({
          message: `${describe(action)}: queued; the next tick applies it (a refusal then is logged and alerted)`,
          details: { queued: true },
        });
      }, this.replyMs);
      timer.unref?.();
      const once = (now: () => void, late: () => void) => {
        clearTimeout(timer);
        if (answered) return late();
        answered = true;
        now();
      };
      this.#queue.push({
        action,
        answer: (r) =>
          once(
            () => resolve(r),
            () => clog().info(`hlbot ctl ${describe(action)}: ${r.message}`),
          ),
        refuse: (e) =>
          once(
            () => reject(e),
            () => {
              clog().warn(`hlbot ctl ${describe(action)} refused at the tick: ${e.message}`);
              emitAlert(
                alertEvents.controlAction({ action: action.action, args: {}, ok: false, message: e.message }),
              );
            },
          ),
      });
    });
  }

  /**
   * Inside the tick's transaction: `apply` each queued action in order. A ControlRefusedError answers
   * that request; any other failure (the ledger) propagates — the tick rolls back and the action
   * stays queued.
   */
  applyEach(apply: (a: ControlAction) => () => ActionResult): void {
    for (let p = this.#queue[0]; p; p = this.#queue[0]) {
      try {
        p.outcome = apply(p.action);
      } catch (error) {
        if (!(error instanceof ControlRefusedError)) throw error;
        this.#queue.shift();
        p.refuse(error);
        continue;
      }
      this.#queue.shift();
      this.#applied.push(p);
    }
  }

  /** The tick committed and is done: answers what it applied. */
  answerApplied(): void {
    for (const p of this.#applied.splice(0)) p.answer(p.outcome!());
  }

  /** The transaction rolled back: what it applied waits for the next tick, in order. */
  rolledBack(): void {
    for (const p of this.#applied) delete p.outcome;
    this.#queue = [...this.#applied, ...this.#queue];
    this.#applied = [];
  }

  /** The daemon stops: everything still waiting is refused. */
  refuseAll(why: string): void {
    const error = new Error(why);
    for (const p of [...this.#queue.splice(0), ...this.#applied.splice(0)]) p.refuse(error);
  }
}

function describe(a: ControlAction): string {
  switch (a.action) {
    case "pause":
      return `pause ${a.paths.join(" + ")}`;
    case "resume":
      return "resume";
    case "flatten":
      return a.coin ? `flatten ${a.coin}` : "flatten";
    case "close":
      return `close ${a.positionId}`;
  }
}
