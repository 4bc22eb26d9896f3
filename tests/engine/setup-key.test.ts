import { expect, test } from "bun:test";
import { setupKey } from "../../src/engine/setup-key.ts";

test("setup key = coin|side|signal-candle close time", () => {
  expect(setupKey("kPEPE", "short", 1741308300000)).toBe("kPEPE|short|1741308300000");
});
