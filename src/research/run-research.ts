/**
 * `hlbot research`'s core: the eight questions of issue 17 in order, each answered through the
 * ResearchContext (engine runs stored as normal backtest runs), with the time each took. Which
 * questions run is the caller's choice; shared runs (the configured baseline) are made once.
 */
import { ResearchContext, type ResearchOptions, type RunRef } from "./context.ts";
import { regimeQuestion } from "./questions/q1-regime.ts";
import { partialQuestion } from "./questions/q2-partial.ts";
import { slippageQuestion } from "./questions/q3-slippage.ts";
import { adxQuestion } from "./questions/q4-adx.ts";
import { clusterQuestion } from "./questions/q5-clusters.ts";
import { fundingQuestion } from "./questions/q6-funding.ts";
import { bookQuestion } from "./questions/q7-book.ts";
import { gateQuestion } from "./questions/q8-gate.ts";
import type { QuestionResult } from "./result.ts";

export const QUESTIONS: Record<number, (ctx: ResearchContext) => QuestionResult> = {
  1: regimeQuestion,
  2: partialQuestion,
  3: slippageQuestion,
  4: adxQuestion,
  5: clusterQuestion,
  6: fundingQuestion,
  7: bookQuestion,
  8: gateQuestion,
};

export const QUESTION_IDS = Object.keys(QUESTIONS).map(Number);

export interface ResearchReport {
  seed: number;
  coins: string[];
  from: number;
  to: number;
  model: string;
  questions: (QuestionResult & { seconds: number })[];
  /** Every engine run made, once each. */
  runs: RunRef[];
  seconds: number;
}

export function runResearch(o: ResearchOptions, ids: readonly number[]): ResearchReport {
  const ctx = new ResearchContext(o);
  const started = performance.now();
  const questions = [...ids]
    .sort((a, b) => a - b)
    .map((id) => {
      const t0 = performance.now();
      const q = QUESTIONS[id]!(ctx);
      return { ...q, seconds: (performance.now() - t0) / 1000 };
    });
  return {
    seed: o.seed,
    coins: o.coins,
    from: o.from,
    to: o.to,
    model: o.config.friction.model,
    questions,
    runs: ctx.all,
    seconds: (performance.now() - started) / 1000,
  };
}
