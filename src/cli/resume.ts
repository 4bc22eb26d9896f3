/**
 * `hlbot resume [--daily]`: lifts the drawdown kill switch (and, with --daily, today's daily loss
 * halt) recorded in the ledger, and leaves a request a running `hlbot trade` applies at its next
 * tick. Prints what it cleared; with nothing to clear it says so. Exit 0 either way.
 */
import { defineCommand } from "citty";
import { wallClock } from "../core/clock.ts";
import { DaemonStateStore, HaltStateError } from "../daemon/state-store.ts";
import { BotStateRepo } from "../ledger/repos/bot-state.ts";
import { EMPTY_HALTS, type HaltState } from "../risk/halts.ts";
import { createContext, globalArgs, runAction } from "./context.ts";

export const resumeCommand = defineCommand({
  meta: { name: "resume", description: "clear the kill switch (and with --daily the daily loss halt)" },
  args: {
    ...globalArgs,
    daily: { type: "boolean", description: "also clear today's daily loss halt" },
  },
  run: ({ args }) =>
    runAction(() => {
      const ctx = createContext(args);
      const db = ctx.openDb();
      try {
        const now = wallClock.now();
        const daily = args.daily === true;
        const cleared = db
          .transaction(() => {
            const store = new DaemonStateStore(new BotStateRepo(db));
            const out: string[] = [];
            let halts: HaltState;
            try {
              halts = store.halts();
            } catch (error) {
              if (!(error instanceof HaltStateError)) throw error;
              out.push("unreadable halt state (reset)");
              halts = structuredClone(EMPTY_HALTS);
            }
            const kill = halts.kill !== null;
            const day = daily && halts.dailyHaltDay !== null;
            if (halts.kill) {
              out.push(
                `kill switch (drawdown ${(halts.kill.drawdown * 100).toFixed(1)}% since ${new Date(halts.kill.since).toISOString()})`,
              );
              halts.kill = null;
            }
            if (daily && halts.dailyHaltDay !== null) {
              out.push(`daily loss halt of ${new Date(halts.dailyHaltDay).toISOString().slice(0, 10)}`);
              halts.dailyHaltDay = null;
            }
            if (out.length > 0) {
              store.saveHalts(halts, now);
              store.requestResume({ kill, daily: day, at: now }, now);
            }
            return out;
          })
          .immediate();
        if (cleared.length === 0) {
          console.log(`nothing to clear: no kill switch${daily ? " and no daily loss halt" : ""} in force`);
        } else {
          console.log(`cleared: ${cleared.join("; ")}`);
          console.log("a running `hlbot trade` applies it at its next tick");
        }
        return 0;
      } finally {
        db.close();
      }
    }),
});
