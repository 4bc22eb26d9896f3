// issue 12 §2 "no silent waits": the progress bar carries an ETA on a TTY and stays out of logs otherwise.
import { describe, expect, test } from "bun:test";
import { createProgress, etaSeconds, formatEta } from "../../src/cli/progress.ts";

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, isTTY, write: (text: string) => written.push(text) };
}

describe("progress", () => {
  test("issue 12 §2: the ETA extrapolates the pace so far (rate waits included)", () => {
    expect(etaSeconds(0, 10, 5_000)).toBeNull();
    expect(etaSeconds(2, 10, 30_000)).toBe(120);
    expect(etaSeconds(10, 10, 30_000)).toBe(0);
    expect([formatEta(42), formatEta(75), formatEta(3_700)]).toEqual(["42s", "1m15s", "1h01m"]);
  });

  test("issue 12 §2: a TTY gets the bar with done/total, ETA and the unit; a pipe gets nothing", () => {
    let t = 0;
    const tty = stream(true);
    const bar = createProgress("backfill", tty, () => t);
    bar.update(0, 4, "BTC 1h");
    t = 20_000;
    bar.update(1, 4, "BTC 4h");
    bar.done();
    expect(tty.written[0]).toContain("0/4 ETA …");
    expect(tty.written[1]).toContain("1/4 ETA 1m00s");
    expect(tty.written[1]).toContain("BTC 4h");
    expect(tty.written.at(-1)).toBe("\r\x1b[2K");
    const pipe = stream(false);
    const quiet = createProgress("backfill", pipe, () => t);
    quiet.update(1, 4, "BTC");
    quiet.done();
    expect(pipe.written).toEqual([]);
  });
});
