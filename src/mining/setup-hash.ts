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

/**
 * Buffers reused from bucket to bucket (allocating and zero-filling seven arrays per bucket cost as
 * much as the matching). The hash table keeps both hashes beside the slot, so a probe reads no trade.
 */
export class CollapseScratch {
  table = new Int32Array(0); // slot + 1; 0 = empty
  ta = new Uint32Array(0);
  tb = new Uint32Array(0);
  first = new Int32Array(0); // row of each slot's first trade
  sum = new Float64Array(0);
  count = new Float64Array(0);
  open = new Float64Array(0);
  close = new Float64Array(0);

  /** Room for `cap` rows; returns the table size in use (a power of two ≥ 2·cap), cleared. */
  reserve(cap: number): number {
    let size = 16;
    while (size < 2 * cap) size *= 2;
    if (this.table.length < size) {
      this.table = new Int32Array(size);
      this.ta = new Uint32Array(size);
      this.tb = new Uint32Array(size);
    } else this.table.fill(0, 0, size);
    if (this.first.length < cap) {
      this.first = new Int32Array(cap);
      this.sum = new Float64Array(cap);
      this.count = new Float64Array(cap);
      this.open = new Float64Array(cap);
      this.close = new Float64Array(cap);
    }
    return size;
  }
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
  scratch: CollapseScratch = new CollapseScratch(),
): HashedSample {
  const cap = rows.length;
  const mask = scratch.reserve(cap) - 1;
  const { table, ta, tb, first, sum, count, open, close } = scratch;
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
      if (ta[h] === a && tb[h] === b) {
        j = t - 1;
        break;
      }
      h = (h + 1) & mask;
    }
    if (j < 0) {
      table[h] = m + 1;
      ta[h] = a;
      tb[h] = b;
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
