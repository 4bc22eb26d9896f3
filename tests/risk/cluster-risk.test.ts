import { describe, expect, test } from "bun:test";
import { CLUSTER_CAP_REASON, type ClusterView, clusterRisk } from "../../src/risk/cluster-risk.ts";

// BTC, ETH, SOL in cluster "BTC"; DOGE alone. ρ: BTC–ETH 0.8, BTC–SOL 0.6, ETH–SOL 0.7.
const view: ClusterView = {
  clusterOf: (c) => (c === "DOGE" ? "DOGE" : "BTC"),
  correlation: (a, b) => {
    if (a === b) return 1;
    const key = [a, b].sort().join("-");
    return ({ "BTC-ETH": 0.8, "BTC-SOL": 0.6, "ETH-SOL": 0.7 } as Record<string, number>)[key] ?? 0;
  },
};
const on = { enabled: true, maxSameSide: 2, scaleByEffectiveBets: true };

describe("clusterRisk", () => {
  test("disabled: neutral", () => {
    const v = clusterRisk(
      { coin: "SOL", side: "long" },
      [
        { coin: "BTC", side: "long" },
        { coin: "ETH", side: "long" },
      ],
      view,
      {
        ...on,
        enabled: false,
      },
    );
    expect(v).toEqual({ reasons: [], sizeMultiplier: 1, cluster: "BTC", peers: 0, effectiveBets: 1 });
  });

  test("the cap counts same-side positions of the cluster only, the new one included", () => {
    const open = [
      { coin: "BTC", side: "long" as const },
      { coin: "ETH", side: "long" as const },
      { coin: "DOGE", side: "long" as const },
      { coin: "BTC", side: "short" as const },
    ];
    const v = clusterRisk({ coin: "SOL", side: "long" }, open, view, on);
    expect(v.reasons).toEqual([CLUSTER_CAP_REASON]);
    expect(v.peers).toBe(2);
    expect(clusterRisk({ coin: "SOL", side: "short" }, open, view, on).reasons).toEqual([]); // one short peer
    expect(clusterRisk({ coin: "DOGE", side: "long" }, open, view, on).reasons).toEqual([]); // DOGE's own cluster
    expect(clusterRisk({ coin: "SOL", side: "long" }, open, view, { ...on, maxSameSide: 0 }).reasons).toEqual(
      [],
    );
  });

  test("scaling by effective bets: N_eff / k, hand-computed", () => {
    // SOL joining a long BTC: k = 2, Σρ² = 2 + 2·0.36 = 2.72, N_eff = 4 / 2.72 = 1.470588, × = 0.735294
    const one = clusterRisk({ coin: "SOL", side: "long" }, [{ coin: "BTC", side: "long" }], view, on);
    expect(one.effectiveBets).toBeCloseTo(4 / 2.72, 12);
    expect(one.sizeMultiplier).toBeCloseTo(4 / 2.72 / 2, 12);
    // Three: Σρ² = 3 + 2·(0.64 + 0.36 + 0.49) = 5.98, N_eff = 9 / 5.98 = 1.505017, × = 0.501672
    const three = clusterRisk(
      { coin: "SOL", side: "long" },
      [
        { coin: "BTC", side: "long" },
        { coin: "ETH", side: "long" },
      ],
      view,
      { ...on, maxSameSide: 0 },
    );
    expect(three.effectiveBets).toBeCloseTo(9 / 5.98, 12);
    expect(three.sizeMultiplier).toBeCloseTo(9 / 5.98 / 3, 12);
    // Alone in its cluster: full size; scaling off: full size.
    expect(
      clusterRisk({ coin: "DOGE", side: "long" }, [{ coin: "BTC", side: "long" }], view, on).sizeMultiplier,
    ).toBe(1);
    expect(
      clusterRisk({ coin: "SOL", side: "long" }, [{ coin: "BTC", side: "long" }], view, {
        ...on,
        scaleByEffectiveBets: false,
      }).sizeMultiplier,
    ).toBe(1);
  });
});
