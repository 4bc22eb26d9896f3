import { describe, expect, test } from "bun:test";
import { BucketStatesRepo } from "../../../src/ledger/repos/bucket-states.ts";
import { EMPTY_MONITOR } from "../../../src/mining/monitor.ts";
import { miningFixture } from "../../mining/support/ledger.ts";

describe("BucketStatesRepo", () => {
  test("upserts state and monitor; a sparse monitor JSON reads back with defaults", () => {
    const fx = miningFixture();
    const repo = new BucketStatesRepo(fx.db);
    repo.upsert({
      bucket_key: "a|long|us|Long|mid",
      state: "PROBATION",
      since: 5,
      monitor: { ...EMPTY_MONITOR, mu_p: 0.2 },
      updated_at: 5,
    });
    repo.upsert({
      bucket_key: "a|long|us|Long|mid",
      state: "LIVE",
      since: 9,
      monitor: { ...EMPTY_MONITOR, mu_p: 0.2, n: 31 },
      updated_at: 9,
    });
    fx.db.run(
      `INSERT INTO bucket_states (bucket_key, state, since, updated_at) VALUES ('b|short|asia|Short|low', 'SHADOW', 1, 1)`,
    );
    const rows = repo.all();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ state: "LIVE", since: 9, monitor: { mu_p: 0.2, n: 31 } });
    expect(rows[1]!.monitor).toEqual(EMPTY_MONITOR);
  });
});
