// The rotating log file: JSON lines like stderr's, rotation by size keeping N files, mode 0600,
// attached to the process logger beside stderr (also in pretty mode) and detached again.
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { addLogFile, configureLogger, log } from "../src/log.ts";
import { logFilePath, RotatingFile } from "../src/log-file.ts";
import { scratchDir } from "./support/paths.ts";

describe("RotatingFile", () => {
  test("rotates before a line would pass max size; keeps `keep` old files; 0600", () => {
    const path = join(scratchDir("hlbot-log-"), "hlbot.db.log");
    const f = new RotatingFile({ path, maxBytes: 100, keep: 2 });
    const line = (i: number) => `{"i":${i},"pad":"${"x".repeat(30)}"}`; // 41 bytes + newline
    for (let i = 0; i < 10; i++) f.write(line(i));
    f.close();
    expect(readFileSync(path, "utf8")).toBe(`${line(8)}\n${line(9)}\n`);
    expect(readFileSync(`${path}.1`, "utf8")).toBe(`${line(6)}\n${line(7)}\n`);
    expect(readFileSync(`${path}.2`, "utf8")).toBe(`${line(4)}\n${line(5)}\n`);
    expect(existsSync(`${path}.3`)).toBe(false);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  test("a file that cannot be written is reported once and never throws", () => {
    const warnings: string[] = [];
    const f = new RotatingFile({ path: "/nonexistent-dir/x.log", maxBytes: 100, keep: 1 }, (m) =>
      warnings.push(m),
    );
    expect(() => {
      f.write("a");
      f.write("b");
    }).not.toThrow();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("/nonexistent-dir/x.log cannot be written");
  });

  test("the file beside the ledger", () => {
    expect(logFilePath("/opt/hlbot/data/hlbot.db")).toBe("/opt/hlbot/data/hlbot.db.log");
  });
});

describe("addLogFile", () => {
  test("JSON lines with tag and fields go to the file beside stderr (pretty or json), until detached", () => {
    const path = join(scratchDir("hlbot-log-"), "x.log");
    const stderr: string[] = [];
    configureLogger({ format: "json", level: "info", write: (l) => stderr.push(l) });
    const detach = addLogFile({ path, maxBytes: 1_000_000, keep: 1 });
    log.withTag("daemon").info("tick done", { bars: 3 });
    log.warn("careful");
    detach();
    log.info("after detach");
    configureLogger({ format: "pretty", level: "info" });
    const detach2 = addLogFile({ path, maxBytes: 1_000_000, keep: 1 });
    log.withTag("alerts").warn("from pretty mode");
    detach2();
    configureLogger({ format: "json", level: "info", write: () => {} });
    const lines = readFileSync(path, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.level, l.tag ?? null, l.msg])).toEqual([
      ["info", "daemon", "tick done"],
      ["warn", null, "careful"],
      ["warn", "alerts", "from pretty mode"],
    ]);
    expect(lines[0].bars).toBe(3);
    expect(stderr).toHaveLength(3);
  });
});
