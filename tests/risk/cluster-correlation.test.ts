import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { parseCandleColumns } from "../../src/market/csv-files.ts";
import { pairCorrelation, returnsGrid } from "../../src/risk/cluster-correlation.ts";
import { clusterSnapshotAt } from "../../src/risk/cluster-snapshot.ts";
import { HL_DATA } from "../support/paths.ts";

const H = 3_600_000;

describe("returnsGrid", () => {
  test("slot k is the return of the bar opening at end − (W − k)·bar; a missing bar leaves holes", () => {
    // bars open at 0,1,2,4,5 h (3h missing), closes 100,110,121,133.1,146.41
    const cols = { t: [0, H, 2 * H, 4 * H, 5 * H], close: [100, 110, 121, 133.1, 146.41] };
    const g = returnsGrid(cols, H, 6 * H, 5); // bars closed by 6h: opens 1..5h
    expect(g[0]).toBeCloseTo(Math.log(1.1), 12); // bar 1h
    expect(g[1]).toBeCloseTo(Math.log(1.1), 12); // bar 2h
    expect(Number.isNaN(g[2]!)).toBe(true); // bar 3h missing
    expect(Number.isNaN(g[3]!)).toBe(true); // bar 4h: its previous bar is missing
    expect(g[4]).toBeCloseTo(Math.log(1.1), 12); // bar 5h
  });

  test("no lookahead: a bar not closed by `end` is not in the grid", () => {
    const cols = { t: [0, H, 2 * H], close: [100, 110, 1000] };
    const g = returnsGrid(cols, H, 2 * H + H / 2, 2);
    expect(g[1]).toBeCloseTo(Math.log(1.1), 12);
    expect(Number.isNaN(g[0]!)).toBe(true);
  });
});

describe("pairCorrelation", () => {
  test("1 for linear returns, −1 for mirrored, NaN below the overlap", () => {
    const a = Float64Array.from([0.01, -0.02, 0.03, 0.0, 0.015]);
    const b = a.map((x) => 2 * x + 0.001);
    expect(pairCorrelation(a, b, 3)).toBeCloseTo(1, 12);
    expect(
      pairCorrelation(
        a,
        a.map((x) => -x),
        3,
      ),
    ).toBeCloseTo(-1, 12);
    expect(Number.isNaN(pairCorrelation(a, b, 6))).toBe(true);
  });
});

describe("on real Hyperliquid 1h bars", () => {
  const btc = parseCandleColumns(join(HL_DATA, "BTC-1h.csv.gz"));
  const eth = parseCandleColumns(join(HL_DATA, "ETH-1h.csv.gz"));
  const end = Date.parse("2025-03-01T00:00:00Z");

  test("ρ(BTC, ETH) over the week before 2025-03-01 equals a direct computation", () => {
    // Independently: the 168 bars opening in [end − 168h, end − 1h], both coins gap-free there.
    const rets = (c: typeof btc) => {
      const i0 = c.t.indexOf(end - 168 * H);
      return Array.from({ length: 168 }, (_, k) => Math.log(c.close[i0 + k]! / c.close[i0 + k - 1]!));
    };
    const x = rets(btc);
    const y = rets(eth);
    const mx = x.reduce((a, v) => a + v, 0) / 168;
    const my = y.reduce((a, v) => a + v, 0) / 168;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let k = 0; k < 168; k++) {
      sxy += (x[k]! - mx) * (y[k]! - my);
      sxx += (x[k]! - mx) ** 2;
      syy += (y[k]! - my) ** 2;
    }
    const snap = clusterSnapshotAt(
      ["BTC", "ETH"],
      new Map([
        ["BTC", btc],
        ["ETH", eth],
      ]),
      end,
      {
        barMs: H,
        windowBars: 168,
        minCorrelation: 0.7,
        minOverlap: 84,
      },
    );
    expect(snap.correlation("BTC", "ETH")).toBeCloseTo(sxy / Math.sqrt(sxx * syy), 12);
    expect(snap.correlation("BTC", "ETH")).toBeGreaterThan(0.7);
    expect(snap.clusterOf("ETH")).toBe("BTC");
    expect(snap.correlation("BTC", "XRP")).toBe(0); // not in the basket: unknown
    expect(snap.clusterOf("XRP")).toBe("XRP");
  });
});
