/**
 * Question 8's measurement: the promotion gate calibrated on synthetic bucket families, through the
 * production code (evaluateSamples: every statistic; decide: the state machine) replayed as the
 * daily cron would run it. Trade R is a fat-tailed mixture (−1R stops 62%, −4R gaps 1%, +2R targets
 * 35.5%, +10R runners 1.5%, shifted to an exact mean edge). Three populations:
 *   - noise: 8 buckets of zero edge → how often any reaches LIVE (false promotion);
 *   - planted: one bucket +0.15R among seven of −0.15…+0.10 → how often, and after how many trades,
 *     the planted one reaches LIVE (power);
 *   - decayed: the planted edge turns to −0.15R on day 400 → days until a LIVE bucket is demoted.
 * The simulator (src/mining/gate-simulation.ts) is the one tests/mining/calibration.test.ts runs.
 */
import type { MiningConfig } from "../config/sections/mining.ts";
import { bucketKeys, simulateFamily } from "../mining/gate-simulation.ts";

export interface CalibrationFigures {
  noise: { families: number; anyLive: number; anyProbation: number };
  planted: { families: number; live: number; tradesToLive: number[] };
  decayed: { families: number; liveBeforeDecay: number; demoted: number; daysToDemotion: number[] };
}

export const DECAY_DAY = 400;
const PLANTED_EDGES = [0.15, 0.1, 0.05, 0, 0, -0.05, -0.1, -0.15];

export function calibrateGate(
  rules: MiningConfig,
  seed: number,
  families: { noise: number; planted: number; decayed: number },
): CalibrationFigures {
  const noise = { families: families.noise, anyLive: 0, anyProbation: 0 };
  for (let f = 0; f < families.noise; f++) {
    const events = simulateFamily({
      buckets: bucketKeys("noise", 8).map((key) => ({ key, tradesPerDay: 2, edge: 0 })),
      days: 240,
      cadenceDays: 3,
      seed: (seed * 7 + 10_000 + f) >>> 0,
      rules,
      stopAtLive: true,
    });
    if (events.some((e) => e.to === "LIVE")) noise.anyLive++;
    if (events.some((e) => e.to === "PROBATION")) noise.anyProbation++;
  }
  const planted = { families: families.planted, live: 0, tradesToLive: [] as number[] };
  const keys = bucketKeys("planted", 8);
  for (let f = 0; f < families.planted; f++) {
    const events = simulateFamily({
      buckets: keys.map((key, i) => ({ key, tradesPerDay: 8, edge: PLANTED_EDGES[i]! })),
      days: 600,
      cadenceDays: 10,
      seed: (seed * 7 + 20_000 + f) >>> 0,
      rules,
    });
    const live = events.find((e) => e.key === keys[0] && e.to === "LIVE");
    if (live) {
      planted.live++;
      planted.tradesToLive.push(live.trades);
    }
  }
  const decayed = {
    families: families.decayed,
    liveBeforeDecay: 0,
    demoted: 0,
    daysToDemotion: [] as number[],
  };
  for (let f = 0; f < families.decayed; f++) {
    const events = simulateFamily({
      buckets: keys.map((key, i) => ({
        key,
        tradesPerDay: 8,
        edge: i === 0 ? (day: number) => (day < DECAY_DAY ? 0.15 : -0.15) : PLANTED_EDGES[i]!,
      })),
      days: DECAY_DAY + 300,
      cadenceDays: 10,
      seed: (seed * 7 + 30_000 + f) >>> 0,
      rules,
    });
    const mine = events.filter((e) => e.key === keys[0]);
    const liveAtDecay = mine.filter((e) => e.day <= DECAY_DAY).at(-1)?.to === "LIVE";
    if (!liveAtDecay) continue;
    decayed.liveBeforeDecay++;
    const out = mine.find((e) => e.day > DECAY_DAY && e.from === "LIVE");
    if (out) {
      decayed.demoted++;
      decayed.daysToDemotion.push(out.day - DECAY_DAY);
    }
  }
  return { noise, planted, decayed };
}
