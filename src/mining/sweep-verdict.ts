/**
 * The words a trader reads about a sweep's best combination (sweep-selection.ts computes the numbers):
 * one line — DSR after the trials actually run, PBO, MinBTL against the data's length, Holm/BH counts —
 * and the assumptions each number holds under, printed beside it. Thresholds: DSR ≥ the gate's level
 * (0.95) is "significant"; PBO > ½ means the in-sample winner more likely than not lands in the bottom
 * half out of sample.
 */
import type { SweepSelection } from "./sweep-selection.ts";

type Report = Omit<SweepSelection, "verdict" | "assumptions">;

const f2 = (x: number) => (Math.abs(x) < 0.005 ? 0 : x).toFixed(2);
const years = (y: number) => (y === Number.POSITIVE_INFINITY ? "∞" : y < 10 ? y.toFixed(1) : y.toFixed(0));
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

function trialsText(r: Report): string {
  const prior =
    r.trials > r.combinations ? ` (${r.combinations} run + ${r.trials - r.combinations} earlier)` : "";
  const hat =
    r.effectiveTrials < r.trials - 0.05 ? ` (N̂ ${r.effectiveTrials.toFixed(1)} for correlation)` : "";
  return `${r.trials} trial${r.trials === 1 ? "" : "s"}${prior}${hat}`;
}

function pboText(r: Report): string {
  if (!r.pbo) return `PBO not computed: ${r.pboSkipped}`;
  const { pbo, splits } = r.pbo;
  const n = splits.toLocaleString("en-US");
  if (pbo > 0.5)
    return `PBO ${f2(pbo)}: the in-sample winner is more likely than not in the bottom half out of sample (${pct(pbo)} of ${n} splits)`;
  if (pbo === 0)
    return `PBO 0.00: the in-sample winner stayed in the top half out of sample in all ${n} splits`;
  return `PBO ${f2(pbo)}: the in-sample winner fell to the bottom half out of sample in ${pct(pbo)} of ${n} splits`;
}

function minBtlText(r: Report): string {
  const b = r.best;
  if (!(b.annualSr > 0)) return "best SR ≤ 0: no length of data makes it an edge";
  const need = b.minBtl.years;
  if (need <= r.years)
    return `MinBTL ${years(need)} y ≤ ${years(r.years)} y of data (necessary, not sufficient)`;
  return `MinBTL ${years(need)} y > ${years(r.years)} y of data: too short for ${r.trials} trials`;
}

/** One line, e.g. "best of 64 (x): DSR 0.41 — not significant after 64 trials; PBO 0.62: …". */
export function sweepVerdict(r: Report): string {
  if (r.combinations > 1 && r.distinctSeries === 1)
    return `all ${r.combinations} combinations produced the same series: the sweep selected nothing (PBO 1 by construction)`;
  const b = r.best;
  const head = `best of ${r.combinations} (${b.label})`;
  const dsr = Number.isNaN(b.dsr)
    ? "its results have no spread (did it trade?)"
    : `DSR ${f2(b.dsr)} — ${b.dsrSignificant ? "significant" : "not significant"} after ${trialsText(r)}`;
  const fam = `Holm ${r.holmRejections}/${r.combinations}, BH ${r.bhRejections}/${r.combinations} significant at ${pct(r.alpha)}`;
  return `${head}: ${dsr}; ${pboText(r)}; ${minBtlText(r)}; ${fam}`;
}

/** What the numbers assume, to print with them. */
export function sweepAssumptions(r: Report): string[] {
  const out = [
    "p-values and DSR: PSR z with each series' skew and kurtosis, observations taken as independent (serially correlated daily R overstates them)",
    r.aligned
      ? `DSR: N̂ = ρ̄ + (1 − ρ̄)·M with ρ̄ = ${f2(r.rhoBar)}, the average correlation of the combinations' series; V = variance of their SRs`
      : "DSR: the series are not time-aligned, so ρ̄ is taken as 0 and N̂ = M (the conservative count); V = variance of their SRs",
    "MinBTL: IID normal returns and N̂ independent trials; a necessary length, not a sufficient one",
  ];
  if (r.pbo) {
    const { blocks, blockRows, rowsDropped } = r.pbo;
    const dropped = rowsDropped > 0 ? `, the oldest ${rowsDropped} dropped` : "";
    out.push(
      `PBO: ${blocks} contiguous blocks of ${blockRows} observations${dropped}; assumes the blocks are comparable (no regime break or strong serial dependence inside the sample)`,
    );
  }
  return out;
}
