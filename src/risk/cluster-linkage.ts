/**
 * Clusters of co-moving coins from a correlation matrix: agglomerative clustering with average
 * linkage (UPGMA) on the distance 1 − ρ, merging while the closest pair of clusters is within
 * 1 − minCorrelation. A pair whose correlation could not be measured counts as ρ = 0. Deterministic:
 * among equal distances the pair with the lowest indices merges first.
 *
 * The effective number of independent bets among k members is the participation ratio of the
 * eigenvalues of their correlation matrix, (Σλ)² / Σλ² = k² / Σᵢⱼ ρᵢⱼ² (trace identities: Σλ = k,
 * Σλ² = ‖C‖²_F): k for uncorrelated coins, 1 for perfectly correlated ones.
 */

export interface Cluster {
  /** Members in the order of the input coins. */
  members: string[];
  /** The first member: the cluster's name in labels and reports. */
  label: string;
  effectiveBets: number;
}

const rho = (corr: readonly (readonly number[])[], i: number, j: number) => {
  const r = corr[i]![j]!;
  return Number.isNaN(r) ? 0 : r;
};

/** Effective number of bets among the coins at `idx` (see header). */
export function effectiveBets(corr: readonly (readonly number[])[], idx: readonly number[]): number {
  if (idx.length === 0) return 0;
  let sum2 = 0;
  for (const i of idx) for (const j of idx) sum2 += i === j ? 1 : rho(corr, i, j) ** 2;
  return (idx.length * idx.length) / sum2;
}

export function clusterCoins(
  coins: readonly string[],
  corr: readonly (readonly number[])[],
  minCorrelation: number,
): Cluster[] {
  let groups: number[][] = coins.map((_, i) => [i]);
  const maxDistance = 1 - minCorrelation;
  for (;;) {
    let best: [number, number] | null = null;
    let bestD = Number.POSITIVE_INFINITY;
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        let sum = 0;
        for (const i of groups[a]!) for (const j of groups[b]!) sum += 1 - rho(corr, i, j);
        const d = sum / (groups[a]!.length * groups[b]!.length);
        if (d < bestD - 1e-12) {
          bestD = d;
          best = [a, b];
        }
      }
    }
    if (!best || bestD > maxDistance + 1e-12) break;
    const [a, b] = best;
    const merged = [...groups[a]!, ...groups[b]!].sort((x, y) => x - y);
    groups = groups.filter((_, k) => k !== a && k !== b);
    groups.push(merged);
    groups.sort((x, y) => x[0]! - y[0]!);
  }
  return groups.map((g) => ({
    members: g.map((i) => coins[i]!),
    label: coins[g[0]!]!,
    effectiveBets: effectiveBets(corr, g),
  }));
}
