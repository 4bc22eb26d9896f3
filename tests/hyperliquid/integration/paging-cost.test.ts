// What a paged history walk costs against the fake (20 000 bars per series, HL's 5000-candle and
// 500-row pages): the walk ends on its short last page instead of asking once more for its last row.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Harness, HOUR, startHarness } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ candleWindow: 20_000 });
});
afterAll(() => h.fake.stop());

function spent(type: string) {
  const s = h.fake.stats().info[type];
  return { count: s?.count ?? 0, weight: s?.weight ?? 0 };
}

describe("paging cost against the fake", () => {
  test("candleSnapshot of 10 177 bars: 3 requests (5000, 5000, 179), 60 + 83 + 83 + 2 weight", async () => {
    const before = spent("candleSnapshot");
    const bars = await h.reader.info.candleSnapshot(
      "BTC",
      "15m",
      Date.parse("2025-02-15T00:00:00Z"),
      h.fake.now(),
    );
    expect(bars.length).toBe(10_177); // 106 days of 15m bars + the forming one
    const after = spent("candleSnapshot");
    expect(after.count - before.count).toBe(3);
    expect(after.weight - before.weight).toBe(60 + 83 + 83 + 2);
  });

  test("fundingHistory of 1440 rows: 3 requests (500, 500, 442), 60 + 25 + 25 + 22 weight", async () => {
    const before = spent("fundingHistory");
    const rows = await h.reader.info.fundingHistory("ETH", h.fake.now() - 60 * 24 * HOUR, h.fake.now());
    expect(rows.length).toBe(1440);
    const after = spent("fundingHistory");
    expect(after.count - before.count).toBe(3);
    expect(after.weight - before.weight).toBe(60 + 25 + 25 + 22);
  });
});
