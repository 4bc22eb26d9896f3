/**
 * Question 8: is the promotion gate calibrated? The false-promotion rate on pure noise, the power to
 * promote a planted +0.15R edge and the time to demote it once it decays (gate-calibration.ts, the
 * production mining code on synthetic families), under the config's mining rules. Rates carry Wilson
 * 95% intervals. Verdict: the gate tells a real edge from noise when power − false-promotion rate has
 * an interval above 0.
 */
import { normInv } from "../../mining/normal.ts";
import type { ResearchContext } from "../context.ts";
import { type Effect, judge } from "../effect.ts";
import { calibrateGate, DECAY_DAY } from "../gate-calibration.ts";
import { type Cell, num, pct, type QuestionResult } from "../result.ts";

/** Wilson score interval of k successes in n. */
export function wilson(k: number, n: number, confidence = 0.95): [number, number] {
  if (n === 0) return [Number.NaN, Number.NaN];
  const z = normInv(1 - (1 - confidence) / 2);
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, c - h), Math.min(1, c + h)];
}

const median = (xs: readonly number[]) => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export const DEFAULT_FAMILIES = { noise: 200, planted: 40, decayed: 40 };

export function gateQuestion(ctx: ResearchContext): QuestionResult {
  const families = ctx.o.calibrationFamilies ?? DEFAULT_FAMILIES;
  const fig = calibrateGate(ctx.config.mining, ctx.o.seed, families);
  const fp = fig.noise.anyLive / Math.max(1, fig.noise.families);
  const power = fig.planted.live / Math.max(1, fig.planted.families);
  const se = Math.sqrt(
    (fp * (1 - fp)) / Math.max(1, fig.noise.families) +
      (power * (1 - power)) / Math.max(1, fig.planted.families),
  );
  const z = normInv(0.975);
  const diff = power - fp;
  const sep: Effect = judge(
    "power − false-promotion rate",
    Math.min(fig.noise.families, fig.planted.families),
    diff,
    [diff - z * se, diff + z * se],
    { minN: 20, practical: 0.1, confidence: 0.95, draws: 0, unit: "" },
  );
  const rate = (label: string, k: number, n: number): Cell[] => {
    const [lo, hi] = wilson(k, n);
    return [label, `${k} / ${n}`, pct(n ? k / n : Number.NaN), `[${pct(lo)}, ${pct(hi)}]`];
  };
  const days = fig.decayed.daysToDemotion;
  return {
    id: 8,
    title: "Promotion gate calibration",
    asks: "How often does the gate promote noise, how reliably and how fast does it promote a real edge, and how fast does it demote one that decayed?",
    method:
      "Synthetic bucket families (fat-tailed R) replayed through the production mining statistics and gate state machine, as the daily cron runs them, under the config's mining rules.",
    answer:
      `False promotion to LIVE on noise: ${pct(fp)} of ${fig.noise.families} families; a planted +0.15R edge reaches LIVE in ${pct(power)} of ${fig.planted.families} (median ${num(median(fig.planted.tradesToLive), 0)} trades); ` +
      `after it decays to −0.15R, ${fig.decayed.demoted} of ${fig.decayed.liveBeforeDecay} LIVE buckets were demoted, median ${num(median(days), 0)} days.`,
    verdict: sep.verdict,
    rule: `${sep.rule} (normal interval of a difference of two rates; minimum 20 families each)`,
    effects: [sep],
    tables: [
      {
        title: "Rates (Wilson 95% intervals)",
        columns: ["figure", "families", "rate", "95% CI"],
        rows: [
          rate(
            "noise: any bucket reaches LIVE (8 buckets, 240 days, every 3 days)",
            fig.noise.anyLive,
            fig.noise.families,
          ),
          rate("noise: any bucket reaches PROBATION", fig.noise.anyProbation, fig.noise.families),
          rate("planted +0.15R: reaches LIVE within 600 days", fig.planted.live, fig.planted.families),
          rate(
            `decayed on day ${DECAY_DAY}: demoted within 300 days (of those LIVE then)`,
            fig.decayed.demoted,
            fig.decayed.liveBeforeDecay,
          ),
        ],
      },
      {
        title: "Timing",
        columns: ["figure", "median", "min", "max"],
        rows: [
          [
            "trades to LIVE (planted)",
            num(median(fig.planted.tradesToLive), 0),
            num(Math.min(...fig.planted.tradesToLive), 0),
            num(Math.max(...fig.planted.tradesToLive), 0),
          ],
          [
            "days to demotion (decayed)",
            num(median(days), 0),
            num(Math.min(...days), 0),
            num(Math.max(...days), 0),
          ],
        ],
      },
    ],
    chart: {
      title: "Gate rates",
      unit: "share",
      bars: [
        {
          label: "false promotion",
          value: fp,
          lo: wilson(fig.noise.anyLive, fig.noise.families)[0],
          hi: wilson(fig.noise.anyLive, fig.noise.families)[1],
        },
        {
          label: "power",
          value: power,
          lo: wilson(fig.planted.live, fig.planted.families)[0],
          hi: wilson(fig.planted.live, fig.planted.families)[1],
        },
      ],
    },
    runs: [],
    assumptions: [
      "Synthetic trades are independent and disjoint in time; real buckets' overlapping trades need more trades for the same evidence.",
      "This question makes no backtest run: it measures the gate, not the data.",
    ],
  };
}
