/**
 * Setup-key deduplication without keeping a million setup-key strings alive: the read keeps two
 * independent native 32-bit hashes of each key (CRC-32 and MurmurHash3) and trades are matched on the
 * 64-bit pair. A match is only a candidate: every matched pair is checked against the ledger's strings
 * afterwards (verifySetupPairs), and a bucket with a false match is rebuilt from its strings, so the
 * sample is exactly the string-keyed one of bucket-sample.ts whatever the hashes do.
 */
import { type BucketSample, finishSample } from "./bucket-sample.ts";

/** Two independent hashes of a setup key. */
export interface SetupHashes {
  h1(setupKey: string): number;
  h2(setupKey: string): number;
}

export const NATIVE_SETUP_HASHES: SetupHashes = {
  h1: (key) => Bun.hash.crc32(key),
  h2: (key) => Bun.hash.murmur32v3(key),
};

export interface HashedSample {
  sample: BucketSample;
  /** Row pairs (later row, row of the setup's first trade) matched by hash: rows[2k], rows[2k+1]. */
  matched: number[];
}

/** collapseSetups keyed by the hash pair (same slots, same arithmetic when no pair is a false match). */
export function collapseByHash(
  key: string,
  windowFrom: number | null,
  rows: ArrayLike<number>,
  h1: Uint32Array,
  h2: Uint32Array,
  r: ArrayLike<number>,
  openedAt: ArrayLike<number>,
  closedAt: ArrayLike<number>,
): HashedSample {
  const cap = rows.length;
  let size = 16;
  while (size < 2 * cap) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size); // slot + 1; 0 = empty
  const first = new Int32Array(cap); // row of each slot's first trade
  const sum = new Float64Array(cap);
  const count = new Float64Array(cap);
  const open = new Float64Array(cap);
  const close = new Float64Array(cap);
  const matched: number[] = [];
  let m = 0;
  for (let k = 0; k < cap; k++) {
    const i = rows[k]!;
    const a = h1[i]!;
    const b = h2[i]!;
    let h = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
    let j = -1;
    for (;;) {
      const t = table[h]!;
      if (t === 0) break;
      const f = first[t - 1]!;
      if (h1[f] === a && h2[f] === b) {
        j = t - 1;
        break;
      }
      h = (h + 1) & mask;
    }
    if (j < 0) {
      table[h] = m + 1;
      first[m] = i;
      sum[m] = r[i]!;
      count[m] = 1;
      open[m] = openedAt[i]!;
      close[m] = closedAt[i]!;
      m++;
    } else {
      matched.push(i, first[j]!);
      sum[j]! += r[i]!;
      count[j]! += 1;
      if (openedAt[i]! < open[j]!) open[j] = openedAt[i]!;
      if (closedAt[i]! > close[j]!) close[j] = closedAt[i]!;
    }
  }
  return { sample: finishSample(key, windowFrom, cap, m, sum, count, open, close), matched };
}
