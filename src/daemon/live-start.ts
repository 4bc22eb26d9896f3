/**
 * Starting the live path beside the shadow path. One attempt = create it (the key is checked against
 * the account), start it (reconciliation, leverage, dead-man switch), then the losing-weeks check —
 * AFTER reconciliation, so exits the exchange made while hlbot was down are counted. The first
 * attempt is awaited at start-up; when it fails for a reason that can pass (exchange unreachable or
 * refusing, "Too many scheduled cancels today", …) the shadow path starts anyway and the live path is
 * retried beside it with backoff, the real cause in the log. A refusal that needs a human (exit-2
 * errors: signer not allowed, losing weeks, bad secrets) ends the daemon instead.
 */
import { BotError } from "../core/errors.ts";
import type { LiveEvents } from "../live/events.ts";
import { log } from "../log.ts";
import { errorKind } from "./error-kind.ts";
import type { LivePathDeps, LivePathFactory, LiveSetup } from "./live-path.ts";
import { checkLosingWeeks } from "./losing-weeks.ts";
import { backoffMs } from "./waits.ts";

const slog = () => log.withTag("daemon");

/** The live path never started: `--once` ends non-zero with this (the cause is the last failure). */
export class LiveStartError extends BotError {
  readonly kind = "live_start";
}

/** Errors a retry cannot fix: the daemon stops with their exit code. */
export function isFatalStartError(error: unknown): error is BotError {
  return error instanceof BotError && error.exitCode === 2;
}

export interface LiveStarterDeps {
  factory: LivePathFactory;
  /** Fresh deps per attempt (restored positions and account state read from the ledger each time). */
  deps: () => LivePathDeps;
  /** Skip the losing-weeks check (`--force`). */
  force: boolean;
  retry: { initialMs: number; maxMs: number };
  events: LiveEvents;
  stopping: () => boolean;
  /** Waits `ms`, ending early on a stop request. */
  pause: (ms: number) => Promise<void>;
  onReady: (setup: LiveSetup) => void;
  onFatal: (error: BotError) => void;
}

export type LiveStartState = "starting" | "ready" | "failed";

export class LiveStarter {
  #state: LiveStartState = "starting";
  #attempts = 0;
  #lastError: string | null = null;
  #loop: Promise<void> | null = null;

  constructor(private readonly d: LiveStarterDeps) {}

  get state(): LiveStartState {
    return this.#state;
  }

  get attempts(): number {
    return this.#attempts;
  }

  /** The last failure, as logged ("kind: message"); null when none. */
  get lastError(): string | null {
    return this.#lastError;
  }

  /** Runs the first attempt; when it fails for a passing reason, the retries go on in the background. */
  async start(): Promise<void> {
    if (await this.#attempt()) return;
    this.#loop = this.#retryLoop();
  }

  /** Resolves when the background retries ended (ready, fatal or stopped); immediate without them. */
  async settled(): Promise<void> {
    await this.#loop;
  }

  async #retryLoop(): Promise<void> {
    for (let n = 0; !this.d.stopping(); n++) {
      await this.d.pause(backoffMs(n, this.d.retry.initialMs, this.d.retry.maxMs));
      if (this.d.stopping() || (await this.#attempt())) return;
    }
  }

  /** True when done (ready, or a fatal error reported); false when worth retrying. */
  async #attempt(): Promise<boolean> {
    this.#attempts++;
    try {
      const deps = this.d.deps();
      const setup = await this.d.factory(deps);
      await setup.path.start();
      if (!this.d.force) checkLosingWeeks(deps.db, deps.clock.now(), deps.config.risk.losing_weeks_halt);
      if (this.d.stopping()) return true;
      this.#state = "ready";
      this.#lastError = null;
      if (this.#attempts > 1) slog().info(`live path started (attempt ${this.#attempts})`);
      this.d.onReady(setup);
      return true;
    } catch (error) {
      if (isFatalStartError(error)) {
        this.#state = "failed";
        this.#lastError = `${error.kind}: ${error.message}`;
        this.d.onFatal(error);
        return true;
      }
      const kind = errorKind(error);
      const message = error instanceof Error ? error.message : String(error);
      this.#lastError = `${kind}: ${message}`;
      if (this.d.stopping()) return true;
      const next = backoffMs(Math.max(0, this.#attempts - 1), this.d.retry.initialMs, this.d.retry.maxMs);
      this.d.events.emit(
        "live_start_failed",
        this.#attempts === 1 ? "critical" : "warning",
        `live path could not start (${kind}): ${message} — shadow keeps ticking; live retried in ${Math.round(next / 1000)} s (attempt ${this.#attempts})`,
      );
      return false;
    }
  }
}
