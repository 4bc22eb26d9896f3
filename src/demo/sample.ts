/**
 * The demo's bundled sample (demo/sample/, see demo/README.md) as a venue data source: real
 * Hyperliquid candles (15m/1h/4h) and hourly funding of the default basket, embedded in the binary,
 * with the replay window a demo may start in.
 */
import { DAY_MS } from "../core/clock.ts";
import { UsageError } from "../core/errors.ts";
import { type DataSource, fileTableSource } from "../local-venue/data-source.ts";
import { SAMPLE_COINS, SAMPLE_END, SAMPLE_FILES, SAMPLE_REPLAY_FROM } from "./sample-files.ts";

export { SAMPLE_COINS, SAMPLE_END, SAMPLE_REPLAY_FROM };

/** The embedded sample as the local venue reads it. */
export function embeddedSample(): DataSource {
  return fileTableSource("embedded demo sample", SAMPLE_FILES);
}

/** Least replay a start must leave before the data ends. */
const MIN_REPLAY_MS = DAY_MS;

/** A replay start inside the sample's window (warm-up history before it, a day of data after), else exit 2. */
export function checkReplayStart(flag: string, t: number): number {
  if (t >= SAMPLE_REPLAY_FROM && t <= SAMPLE_END - MIN_REPLAY_MS) return t;
  const iso = (x: number) => new Date(x).toISOString();
  throw new UsageError(
    `--${flag} ${iso(t)}: the bundled sample replays ${iso(SAMPLE_REPLAY_FROM)} .. ${iso(SAMPLE_END)}; start between ${iso(SAMPLE_REPLAY_FROM)} and ${iso(SAMPLE_END - MIN_REPLAY_MS)}`,
  );
}
