/**
 * Family-wise error control beside fdr.ts's BH/BY: Bonferroni, and Holm's (1979) step-down procedure
 * ("A simple sequentially rejective multiple test procedure", Scand. J. Statistics 6(2) pp. 65–70).
 * Both bound P(any false rejection) ≤ α under any dependence; Holm rejects everything Bonferroni does
 * and possibly more. With p sorted ascending, p(1) ≤ … ≤ p(m):
 *   Bonferroni: reject p ≤ α/m;            adjusted p = min(1, m·p).
 *   Holm:       reject p(1..k−1), k the first rank with p(k) > α/(m − k + 1);
 *               adjusted p(i) = max over j ≤ i of min(1, (m − j + 1)·p(j)).
 * Adjusted values equal R's p.adjust(method = "bonferroni" | "holm") and statsmodels' multipletests.
 * Ties keep input order (as in fdr.ts), which leaves every adjusted value unchanged.
 */
import { StatsInputError } from "./stats-input-error.ts";

export type FwerMethod = "bonferroni" | "holm";

export interface FwerResult {
  /** Adjusted p-values, in input order: reject at level α ⇔ adjusted ≤ α. */
  adjusted: number[];
  /** 1-based rank of each p-value in ascending order (ties keep input order). */
  rank: number[];
  /** The critical value each p-value is compared with at level α: α/m, or α/(m − rank + 1) for Holm. */
  threshold: number[];
  /** Whether each hypothesis is rejected at level α. */
  rejected: boolean[];
  method: FwerMethod;
}

export function fwerAdjust(p: readonly number[], alpha: number, method: FwerMethod = "holm"): FwerResult {
  if (!(alpha > 0 && alpha < 1)) throw new StatsInputError("alpha", `must be in (0, 1), got ${alpha}`);
  for (const [i, v] of p.entries())
    if (!(v >= 0 && v <= 1)) throw new StatsInputError(`p[${i}]`, `must be in [0, 1], got ${v}`);
  const m = p.length;
  const order = p.map((_, i) => i).sort((a, b) => p[a]! - p[b]! || a - b);
  const adjusted = new Array<number>(m);
  const rank = new Array<number>(m);
  const threshold = new Array<number>(m);
  const rejected = new Array<boolean>(m);
  let running = 0;
  let stepping = true;
  for (let j = 0; j < m; j++) {
    const i = order[j]!;
    rank[i] = j + 1;
    if (method === "bonferroni") {
      adjusted[i] = Math.min(1, m * p[i]!);
      threshold[i] = alpha / m;
      rejected[i] = p[i]! <= threshold[i]!;
    } else {
      running = Math.max(running, Math.min(1, (m - j) * p[i]!));
      adjusted[i] = running;
      threshold[i] = alpha / (m - j);
      // Step-down: once one hypothesis is retained, every later one is too.
      stepping = stepping && p[i]! <= threshold[i]!;
      rejected[i] = stepping;
    }
  }
  return { adjusted, rank, threshold, rejected, method };
}
