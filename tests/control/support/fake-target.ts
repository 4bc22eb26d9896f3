/** A ControlTarget that records every call and answers like a daemon would (pauses via PauseStore). */
import type { Database } from "bun:sqlite";
import { PauseStore } from "../../../src/control/pauses.ts";
import {
  type ActionResult,
  ControlRefusedError,
  type ControlStatus,
  type ControlTarget,
  type TradingPath,
} from "../../../src/control/target.ts";

export class FakeTarget implements ControlTarget {
  readonly calls: unknown[][] = [];
  readonly pauses: PauseStore;
  open: Record<number, string> = { 7: "BTC", 8: "ETH" };
  flattening: string[] = [];
  live = true;

  constructor(
    db: Database,
    private readonly now: () => number,
  ) {
    this.pauses = new PauseStore(db);
  }

  status(): ControlStatus {
    this.calls.push(["status"]);
    return {
      paused: this.pauses.state(),
      live: this.live,
      flattening: this.flattening,
      halts: [],
      open_positions: { shadow: 3, live: Object.keys(this.open).length },
      last_tick_at: this.now(),
    };
  }

  pause(paths: TradingPath[]): ActionResult {
    this.calls.push(["pause", paths]);
    const added = this.pauses.pause(paths, this.now());
    return { message: added.length ? `paused new ${added.join(" + ")} entries` : "already paused" };
  }

  resume(): ActionResult {
    this.calls.push(["resume"]);
    const lifted = this.pauses.resume();
    return { message: lifted.length ? `resumed ${lifted.join(" + ")}` : "nothing was paused" };
  }

  async flatten(coin?: string): Promise<ActionResult> {
    this.calls.push(["flatten", coin ?? null]);
    if (!this.live) throw new ControlRefusedError("no live path: this daemon runs shadow only");
    const coins = Object.values(this.open).filter((c) => !coin || c === coin);
    if (coins.length === 0)
      throw new ControlRefusedError(`no open live position${coin ? ` on ${coin}` : ""}`);
    this.flattening = coins;
    return {
      message: `flattening ${coins.length} live position(s): ${coins.join(", ")}`,
      details: { coins },
    };
  }

  close(positionId: number): ActionResult {
    this.calls.push(["close", positionId]);
    const coin = this.open[positionId];
    if (!coin) throw new ControlRefusedError(`no open live position ${positionId}`);
    if (coin === "ETH") throw new Error("exchange unreachable");
    return { message: `closing live position ${positionId} (${coin})` };
  }
}
