// The command-line check in front of citty (src/cli/run.ts) on positional arguments, which
// `hlbot ctl flatten [COIN]` and `hlbot ctl close POSITION_ID` were the first to use: before this,
// every bare word was a stray argument (exit 2), so `ctl close 12 --yes` could never run.
import { describe, expect, test } from "bun:test";
import { defineCommand } from "citty";
import { runCli } from "../../src/cli/run.ts";

function harness() {
  const calls: unknown[] = [];
  const root = defineCommand({
    meta: { name: "hlbot" },
    subCommands: {
      close: defineCommand({
        meta: { name: "close" },
        args: {
          position: { type: "positional", required: true },
          yes: { type: "boolean" },
        },
        run: ({ args }) => {
          calls.push(["close", args.position, args.yes]);
        },
      }),
      flatten: defineCommand({
        meta: { name: "flatten" },
        args: { coin: { type: "positional", required: false } },
        run: ({ args }) => {
          calls.push(["flatten", args.coin]);
        },
      }),
    },
  });
  let err = "";
  const io = { out: () => {}, err: (t: string) => (err += t), color: false };
  return { root, calls, io, err: () => err };
}

describe("positional arguments", () => {
  test("a required positional is taken, with flags on either side", async () => {
    const h = harness();
    expect(await runCli(h.root, ["close", "12", "--yes"], h.io)).toBe(0);
    expect(await runCli(h.root, ["close", "--yes", "13"], h.io)).toBe(0);
    expect(h.calls).toEqual([
      ["close", "12", true],
      ["close", "13", true],
    ]);
  });

  test("an optional positional may be left out", async () => {
    const h = harness();
    expect(await runCli(h.root, ["flatten"], h.io)).toBe(0);
    expect(await runCli(h.root, ["flatten", "BTC"], h.io)).toBe(0);
    expect(h.calls).toEqual([
      ["flatten", undefined],
      ["flatten", "BTC"],
    ]);
  });

  test("a missing required positional, a word too many, or the positional as a flag: exit 2 with the usage line", async () => {
    const h = harness();
    expect(await runCli(h.root, ["close"], h.io)).toBe(2);
    expect(h.err()).toContain("missing argument <position>");
    expect(h.err()).toContain("usage: hlbot close <position> [options]");
    expect(await runCli(h.root, ["flatten", "BTC", "ETH"], h.io)).toBe(2);
    expect(h.err()).toContain('unexpected argument "ETH"');
    expect(await runCli(h.root, ["close", "--position", "12"], h.io)).toBe(2);
    expect(h.err()).toContain("unknown option --position");
    expect(h.calls).toEqual([]);
  });
});
