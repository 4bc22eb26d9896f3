/**
 * What an idempotent market-data insert did with its rows. A row whose key is already stored is
 * never overwritten; it is a DUPLICATE when the stored row holds the same values and a CONFLICT when
 * it does not (a revised bar, a second funding event in the same hour): the ledger keeps what it had
 * and the caller reports the conflict instead of calling it "already present".
 */
export interface InsertReport {
  /** Rows written. */
  added: number;
  /** Rows already stored with identical values. */
  duplicates: number;
  /** Rows whose key is stored with different values (the stored row is kept). */
  conflicts: number;
  /** The first conflicting row: its index in the input and what differs, or null. */
  firstConflict: { index: number; detail: string } | null;
}

/** "close 1.5 stored, 1.6 given; volume …" for the fields that differ. */
export function describeDifference(
  names: readonly string[],
  stored: readonly number[],
  given: readonly number[],
): string {
  const parts: string[] = [];
  for (let k = 0; k < names.length; k++) {
    if (stored[k] !== given[k]) parts.push(`${names[k]} ${stored[k]} stored, ${given[k]} given`);
  }
  return parts.join("; ");
}
