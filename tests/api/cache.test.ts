import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { LedgerVersion, ResponseCache } from "../../src/api/cache.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { scratchDir } from "../support/paths.ts";

describe("ResponseCache", () => {
  test("serves a cached body until the ledger changes, through this or another connection", () => {
    const path = join(scratchDir(), "l.db");
    const reader = openLedger(path);
    const writer = openLedger(path);
    const readonly = openLedger(path, { readonly: true });
    for (const db of [reader, readonly]) {
      const cache = new ResponseCache(new LedgerVersion(db));
      let builds = 0;
      const get = () => cache.get("k", () => `body${++builds}`);
      expect(get()).toBe("body1");
      expect(get()).toBe("body1");
      writer.run(
        "INSERT INTO bot_state (key, value, updated_at) VALUES ('a', '1', 0) ON CONFLICT DO NOTHING",
      );
      writer.run("UPDATE bot_state SET updated_at = updated_at + 1");
      expect(get()).toBe("body2");
      expect(get()).toBe("body2");
      if (db === reader) {
        reader.run("UPDATE bot_state SET updated_at = updated_at + 1");
        expect(get()).toBe("body3");
      }
    }
  });

  test("keys are independent and the oldest is evicted beyond the limit", () => {
    const db = openLedger(":memory:");
    const cache = new ResponseCache(new LedgerVersion(db), 2);
    let builds = 0;
    const get = (k: string) => cache.get(k, () => `${k}${++builds}`);
    expect([get("a"), get("b"), get("a")]).toEqual(["a1", "b2", "a1"]);
    get("c");
    expect(get("b")).toBe("b2");
    expect(get("a")).toBe("a4");
  });
});
