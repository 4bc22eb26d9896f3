/**
 * Loads the hand-written Hyperliquid payload fixtures (tests/fixtures/hyperliquid), the recorded real
 * payloads (tests/fixtures/hyperliquid/recorded) and the real fills cassette.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { HL_DATA, REPO_ROOT } from "../../support/paths.ts";

export const FIXTURES = join(REPO_ROOT, "tests", "fixtures", "hyperliquid");

export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8"));
}

/** A recorded real payload (tests/fixtures/hyperliquid/recorded/NAME.json; sources in its README). */
export function recorded(name: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES, "recorded", `${name}.json`), "utf8"));
}

/** A recorded info exchange: the request it was made with and the answer. */
export function recordedExchange(name: string): { request: Record<string, unknown>; response: unknown } {
  return recorded(name) as { request: Record<string, unknown>; response: unknown };
}

/** A keyed fixture file ({"name": payload, …}). */
export function fixtureEntry(file: string, key: string): unknown {
  return (fixture(file) as Record<string, unknown>)[key];
}

/**
 * The 500 real mainnet fills of the Python SDK cassette (shared data, CSV), rebuilt into the
 * userFills JSON shape they were recorded in (2023: no tid/feeToken yet).
 */
export function realFills(): Record<string, unknown>[] {
  const path = join(HL_DATA, "fills", "sdk-cassette-userFills-2023-05-05.csv.gz");
  const [header, ...rows] = gunzipSync(readFileSync(path)).toString("utf8").trim().split("\n");
  const cols = (header ?? "").split(",");
  return rows.map((row) => {
    const v = Object.fromEntries(row.split(",").map((cell, i) => [cols[i], cell]));
    return {
      coin: v.coin,
      px: v.px,
      sz: v.sz,
      side: v.side,
      time: Number(v.time_ms),
      startPosition: v.start_position,
      dir: v.dir,
      closedPnl: v.closed_pnl,
      hash: v.hash,
      oid: Number(v.oid),
      crossed: v.crossed === "true",
      fee: v.fee,
    };
  });
}
