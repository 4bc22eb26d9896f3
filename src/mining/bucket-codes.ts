/**
 * Bucket keys as small integers computed inside SQLite, so a 1M-trade read does not build a 40-byte
 * key string per row in JS (that string alone cost more than the rest of the read). Each of the five
 * key columns is coded against a dictionary of known values (the enums, the configured names and the
 * keys of buckets the ledger already knows); a row with any value outside them gets a negative code
 * and its key is read as a string by a second query, so an unknown strategy or session is still mined,
 * only slower.
 */

/** The five bucket-key columns, in key order. */
const COLUMNS = ["strategy", "side", "session", "regime", "vol_bucket"] as const;

export class BucketCodes {
  private readonly dicts: string[][];
  private readonly radix: number[];

  /** `known`: dictionary values per column (duplicates ignored), e.g. from knownBucketValues. */
  constructor(known: readonly (readonly string[])[]) {
    this.dicts = COLUMNS.map((_, c) => [...new Set(known[c] ?? [])]);
    this.radix = this.dicts.map((d) => Math.max(1, d.length));
  }

  /** SQL for the integer code of a row's bucket, negative when a column's value is not in its dictionary. */
  codeSql(): string {
    // Mixed radix, most significant column first. An unknown value's digit is −(size of the code
    // space), which no sum of the other, non-negative digits can lift back to zero or above.
    const space = this.radix.reduce((a, b) => a * b, 1);
    const parts = COLUMNS.map((col, c) => {
      const dict = this.dicts[c]!;
      if (dict.length === 0) return `-${space}`;
      const whens = dict.map((v, i) => `WHEN ${quote(v)} THEN ${i}`).join(" ");
      return `CASE ${col} ${whens} ELSE -${space} END`;
    });
    let expr = parts[0]!;
    for (let c = 1; c < parts.length; c++) expr = `(${expr}) * ${this.radix[c]} + ${parts[c]}`;
    return expr;
  }

  /** SQL for a row's key string, for the rows whose code is negative. */
  keySql(): string {
    return COLUMNS.join(" || '|' || ");
  }

  /** The bucket key of a non-negative code. */
  key(code: number): string {
    const parts = new Array<string>(COLUMNS.length);
    let rest = code;
    for (let c = COLUMNS.length - 1; c >= 0; c--) {
      const r = this.radix[c]!;
      parts[c] = this.dicts[c]![rest % r]!;
      rest = Math.floor(rest / r);
    }
    return parts.join("|");
  }
}

function quote(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Dictionaries per column from bucket keys (strategy|side|session|regime|vol_bucket) plus extras. */
export function knownBucketValues(
  keys: Iterable<string>,
  extra: readonly (readonly string[])[] = [],
): string[][] {
  const sets = COLUMNS.map((_, c) => new Set<string>(extra[c] ?? []));
  for (const key of keys) {
    const parts = key.split("|");
    if (parts.length !== COLUMNS.length) continue;
    for (let c = 0; c < COLUMNS.length; c++) sets[c]!.add(parts[c]!);
  }
  return sets.map((s) => [...s]);
}
