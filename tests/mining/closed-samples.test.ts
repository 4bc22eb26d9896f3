import { describe, expect, test } from "bun:test";
import { DAY_MS, HOUR_MS } from "../../src/core/clock.ts";
import { ShadowTradesRepo } from "../../src/ledger/repos/shadow-trades.ts";
import { BucketCodes, knownBucketValues } from "../../src/mining/bucket-codes.ts";
import { buildSamples } from "../../src/mining/bucket-sample.ts";
import { readClosedSamples } from "../../src/mining/closed-samples.ts";
import { sfc32 } from "../../src/mining/rng.ts";
import { keyOf, miningFixture, specs, T0 } from "./support/ledger.ts";
import { insertShadowTrades, syntheticTrades } from "./support/synthetic.ts";

/** A ledger with repeated setup keys (scale-ins inserted out of order) in every bucket. */
function fixture() {
  const fx = miningFixture();
  const s = [...specs("momentum", [0.3, 0, -0.1]), ...specs("trend_alpha", [0.1, 0.2], 4)];
  const trades = syntheticTrades(s, T0, T0 + 40 * DAY_MS, 11);
  const rand = sfc32(12);
  const extra = trades
    .filter((_, i) => i % 5 === 0)
    .map((t) => ({
      ...t,
      openedAt: t.openedAt + HOUR_MS,
      closedAt: t.closedAt + Math.floor(rand() * HOUR_MS),
      r: 1.5,
    }));
  insertShadowTrades(fx.db, [...trades, ...extra.reverse()], "v4", 0);
  return { fx, keys: s.map(keyOf) };
}

const SOURCE = { model: "v4", runId: 0 };
const UNTIL = T0 + 41 * DAY_MS;
const windows = (key: string) => new Map([[key, T0 + 20 * DAY_MS]]);

describe("readClosedSamples", () => {
  test("equals groupByBucket + buildSample over the row-by-row read, windows included", () => {
    const { fx, keys } = fixture();
    const expected = buildSamples(new ShadowTradesRepo(fx.db).closedTrades(SOURCE, UNTIL), windows(keys[1]!));
    const codes = new BucketCodes(knownBucketValues(keys));
    const got = readClosedSamples(fx.db, SOURCE, UNTIL, windows(keys[1]!), codes);
    expect(got.samples).toEqual(expected);
    expect(got.samples.some((s) => s.nRaw > s.x.length)).toBe(true);
    expect(got.ids.length).toBe(new ShadowTradesRepo(fx.db).closedTrades(SOURCE, UNTIL).id.length);
    fx.db.close();
  });

  test("hash pairs that collide for different keys are caught and the bucket rebuilt from its strings", () => {
    const { fx, keys } = fixture();
    const expected = buildSamples(new ShadowTradesRepo(fx.db).closedTrades(SOURCE, UNTIL));
    // Hashes that collide for most keys: every false match must be caught by the string check.
    const weak = { h1: (k: string) => k.length, h2: (k: string) => k.charCodeAt(0) };
    const got = readClosedSamples(
      fx.db,
      SOURCE,
      UNTIL,
      new Map(),
      new BucketCodes(knownBucketValues(keys)),
      weak,
    );
    expect(got.samples).toEqual(expected);
    fx.db.close();
  });

  test("bucket values outside the dictionaries are read by key string, same samples", () => {
    const { fx, keys } = fixture();
    const expected = buildSamples(new ShadowTradesRepo(fx.db).closedTrades(SOURCE, UNTIL), windows(keys[0]!));
    for (const known of [[], knownBucketValues(keys.slice(0, 2))]) {
      const got = readClosedSamples(fx.db, SOURCE, UNTIL, windows(keys[0]!), new BucketCodes(known));
      expect(got.samples).toEqual(expected);
    }
    fx.db.close();
  });

  test("an empty source gives no samples", () => {
    const { fx, keys } = fixture();
    const got = readClosedSamples(
      fx.db,
      { model: "v9", runId: 0 },
      UNTIL,
      new Map(),
      new BucketCodes(knownBucketValues(keys)),
    );
    expect(got).toEqual({ ids: new Float64Array(0), samples: [] });
    fx.db.close();
  });
});
