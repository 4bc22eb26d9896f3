/**
 * The tail of the daemon's JSON log file (`log.file`): the last lines read from the end of the file
 * (never the whole of it), each parsed into time, level, tag and message; a line that is not JSON
 * is shown as it is.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

export interface LogLine {
  time: string | null;
  level: string;
  tag: string | null;
  msg: string;
}

/** Bytes read from the end of the file: plenty for the few lines a terminal shows. */
const TAIL_BYTES = 64 * 1024;

export function tailLog(path: string, lines: number): LogLine[] | null {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return null;
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, TAIL_BYTES);
    const buf = Buffer.alloc(length);
    readSync(fd, buf, 0, length, size - length);
    const text = buf.toString("utf8").split("\n");
    if (length < size) text.shift(); // a partial first line
    return text
      .filter((l) => l.trim() !== "")
      .slice(-lines)
      .map(parseLine);
  } finally {
    closeSync(fd);
  }
}

export function parseLine(line: string): LogLine {
  try {
    const j = JSON.parse(line) as { time?: unknown; level?: unknown; tag?: unknown; msg?: unknown };
    return {
      time: typeof j.time === "string" ? j.time : null,
      level: typeof j.level === "string" ? j.level : "info",
      tag: typeof j.tag === "string" ? j.tag : null,
      msg: typeof j.msg === "string" ? j.msg : line,
    };
  } catch {
    return { time: null, level: "info", tag: null, msg: line };
  }
}
