// The entries section: defaults, the version tags its options add, and bad values named by key.
import { describe, expect, test } from "bun:test";
import { ConfigSchema } from "../../src/config/schema.ts";
import { entryOptions, entryTags } from "../../src/sim/models/entry-options.ts";
import { getModel, resolveModel } from "../../src/sim/models/index.ts";

describe("config: entries", () => {
  test("defaults are taker entries at once: the version is the bare tag", () => {
    const c = ConfigSchema.parse({});
    expect(c.entries).toEqual({
      delay_bars: 0,
      cancel_if_signal_gone: false,
      maker: { enabled: false, offset_bps: 5, expiry_bars: 2, queue_haircut_bps: 1 },
    });
    const o = entryOptions(c.entries, c.friction.maker_fee_bps);
    expect(resolveModel(getModel("v4"), c.friction, c.exits, c.strategies, o).version).toBe("v4");
  });

  test("every option that is not the default is in sim_model_version", () => {
    const c = ConfigSchema.parse({
      entries: { delay_bars: 1, cancel_if_signal_gone: true, maker: { enabled: true, offset_bps: 3 } },
      friction: { maker_fee_bps: 1.5 },
    });
    const o = entryOptions(c.entries, c.friction.maker_fee_bps);
    expect(entryTags(o)).toEqual(["delay=1", "cancel_gone", "maker=off3,exp2,q1,fee1.5"]);
    expect(resolveModel(getModel("v4"), c.friction, c.exits, c.strategies, o).version).toBe(
      "v4+delay=1,cancel_gone,maker=off3,exp2,q1,fee1.5",
    );
  });

  test("bad values are errors naming the key", () => {
    for (const [entries, key] of [
      [{ delay_bars: -1 }, "entries.delay_bars"],
      [{ delay_bars: 1.5 }, "entries.delay_bars"],
      [{ cancel_if_signal_gone: "yes" }, "entries.cancel_if_signal_gone"],
      [{ maker: { offset_bps: -2 } }, "entries.maker.offset_bps"],
      [{ maker: { expiry_bars: 0 } }, "entries.maker.expiry_bars"],
      [{ maker: { queue_haircut_bps: 1000 } }, "entries.maker.queue_haircut_bps"],
      [{ maker: { post_only: true } }, "entries.maker"],
    ] as const) {
      const r = ConfigSchema.safeParse({ entries });
      expect(r.success, key).toBe(false);
      expect(r.error!.issues[0]!.path.join("."), key).toBe(key);
    }
  });
});
