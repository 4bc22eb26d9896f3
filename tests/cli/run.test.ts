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

describe("lazily loaded subcommands (root.ts imports each command's file when it runs)", () => {
  test("a subcommand given as a function is loaded, checked and run; a usage error still exits 2", async () => {
    const calls: unknown[] = [];
    let loads = 0;
    const root = defineCommand({
      meta: { name: "hlbot" },
      subCommands: {
        close: async () => {
          loads++;
          return defineCommand({
            meta: { name: "close" },
            args: { position: { type: "positional", required: true } },
            run: ({ args }) => {
              calls.push(args.position);
            },
          });
        },
      },
    });
    let err = "";
    const io = { out: () => {}, err: (t: string) => (err += t), color: false };
    expect(await runCli(root, ["close", "7"], io)).toBe(0);
    expect(calls).toEqual(["7"]);
    expect(await runCli(root, ["close", "7", "--bogus"], io)).toBe(2);
    expect(err).toContain("unknown option --bogus");
    expect(err).toContain("usage: hlbot close <position> [options]");
    expect(loads).toBeGreaterThan(0);
  });

  test("the real root loads no subcommand for --version", async () => {
    const { root } = await import("../../src/cli/root.ts");
    let out = "";
    const io = { out: (t: string) => (out += t), err: () => {}, color: false };
    expect(await runCli(root, ["--version"], io)).toBe(0);
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+/);
    for (const sub of Object.values(root.subCommands as Record<string, unknown>))
      expect(typeof sub).toBe("function");
  });
});
