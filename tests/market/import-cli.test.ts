// `hlbot import` as a user runs it: the exit code, the file named in the error, the summary's counts.
import { describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { hlbot } from "../mining/support/cli.ts";
import { scratchDir } from "../support/paths.ts";

const H = 3_600_000;
const t = (h: number) => Date.UTC(2025, 0, 1) + h * H;
const csv = (...closes: number[]) =>
  `time_ms,open,high,low,close,volume\n${closes.map((c, h) => `${t(h)},1,2,0.5,${c},10`).join("\n")}\n`;

describe("hlbot import (issue 14)", () => {
  test("issue 14 #8 #11: a cut gzip exits 2 naming the file; --json counts conflicts apart from duplicates", async () => {
    const dir = scratchDir();
    const db = join(scratchDir(), "l.db");
    writeFileSync(join(dir, "ETH-1h.csv"), csv(1.5, 1.5, 1.5));
    const first = await hlbot(dir, ["import", "--dir", dir, "--db", db, "--json"]);
    expect(first.code, first.err).toBe(0);

    writeFileSync(join(dir, "ETH-1h.csv"), csv(1.5, 1.6, 1.5, 1.5));
    const again = await hlbot(dir, ["import", "--dir", dir, "--db", db, "--json"]);
    expect(again.code, again.err).toBe(0);
    const summary = JSON.parse(again.out);
    expect([summary.added, summary.duplicates, summary.conflicts]).toEqual([1, 2, 1]);
    expect(summary.files[0].firstConflict).toBe(`${join(dir, "ETH-1h.csv")}:3: close 1.5 stored, 1.6 given`);
    expect(again.err).toContain("1 row(s) conflict with stored rows");

    const gz = Bun.gzipSync(Buffer.from(csv(1, 1)));
    writeFileSync(join(dir, "SOL-1h.csv.gz"), Buffer.concat([gz, Buffer.from("junk")]));
    const bad = await hlbot(dir, ["import", "--dir", dir, "--db", db]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(`${join(dir, "SOL-1h.csv.gz")}: `);
    expect(bad.err).toContain("trailing garbage");
    expect(bad.err).not.toContain("    at ");
  });
});
