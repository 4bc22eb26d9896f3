/**
 * The grid ticks at which a replay has something to show: a bar closes or a funding hour passes.
 * An event at time x is first visible at grid slot ceil((x - start) / step) (slot 0 when x ≤ start);
 * slot 0 is always a tick and slots past the last grid time ≤ end never are.
 *
 * Two ways to the same sequence. The dense one marks a byte per grid slot: fastest, but its memory
 * follows the time span, so it is used only while the span is within a small multiple of the event
 * count. Otherwise (one timestamp centuries off, sparse history) a merge of the sorted streams keeps
 * one head per stream: memory proportional to the streams, not to the span.
 */

export interface EventStreams {
  /** Bar series: open times ascending, bar length; events are closes (t + len) from index `from`. */
  bars: readonly { t: Float64Array; len: number; from: number }[];
  /** Funding hours ascending, from index `from`. */
  funding: readonly { rows: readonly { t: number }[]; from: number }[];
}

/** Grid slots the dense way may use per event (plus a constant) before the merge is used instead. */
const DENSE_SLOTS_PER_EVENT = 8;
const DENSE_SLOTS_MIN = 1 << 16;

function eventCount(s: EventStreams): number {
  let n = 0;
  for (const b of s.bars) n += b.t.length - b.from;
  for (const f of s.funding) n += f.rows.length - f.from;
  return n;
}

/** The tick times carrying an event, ascending, starting with `start`; nothing when end < start. */
export function eventTimes(s: EventStreams, start: number, end: number, step: number): Generator<number> {
  const slots = Math.floor((end - start) / step) + 1;
  return slots <= DENSE_SLOTS_PER_EVENT * eventCount(s) + DENSE_SLOTS_MIN
    ? denseEventTimes(s, start, end, step)
    : mergedEventTimes(s, start, end, step);
}

/** One byte per grid slot between start and end. */
export function* denseEventTimes(
  s: EventStreams,
  start: number,
  end: number,
  step: number,
): Generator<number> {
  if (!(end >= start)) return;
  const slots = new Uint8Array(Math.floor((end - start) / step) + 1);
  slots[0] = 1;
  const mark = (x: number) => {
    if (x > end) return;
    slots[x <= start ? 0 : Math.ceil((x - start) / step)] = 1;
  };
  for (const b of s.bars) for (let i = b.from; i < b.t.length; i++) mark(b.t[i]! + b.len);
  for (const f of s.funding) for (let i = f.from; i < f.rows.length; i++) mark(f.rows[i]!.t);
  for (let k = 0; k < slots.length; k++) if (slots[k] === 1) yield start + k * step;
}

/** A k-way merge of the streams: one head per stream, whatever the span. */
export function* mergedEventTimes(
  s: EventStreams,
  start: number,
  end: number,
  step: number,
): Generator<number> {
  if (!(end >= start)) return;
  const last = Math.floor((end - start) / step);
  const nb = s.bars.length;
  const k = nb + s.funding.length;
  const slotOf = (x: number) => {
    const slot = x <= start ? 0 : Math.ceil((x - start) / step);
    return slot > last ? Number.POSITIVE_INFINITY : slot;
  };
  const timeAt = (j: number, i: number): number => {
    if (j < nb) {
      const b = s.bars[j]!;
      return i < b.t.length ? b.t[i]! + b.len : Number.POSITIVE_INFINITY;
    }
    const rows = s.funding[j - nb]!.rows;
    return i < rows.length ? rows[i]!.t : Number.POSITIVE_INFINITY;
  };
  const pos = new Float64Array(k);
  const head = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    pos[j] = j < nb ? s.bars[j]!.from : s.funding[j - nb]!.from;
    head[j] = slotOf(timeAt(j, pos[j]!));
  }
  yield start;
  let done = 0;
  for (;;) {
    let m = Number.POSITIVE_INFINITY;
    for (let j = 0; j < k; j++) if (head[j]! < m) m = head[j]!;
    if (m === Number.POSITIVE_INFINITY) return;
    if (m > done) {
      yield start + m * step;
      done = m;
    }
    for (let j = 0; j < k; j++) {
      if (head[j] !== m) continue;
      let i = pos[j]!;
      let slot = m;
      while (slot <= m) slot = slotOf(timeAt(j, ++i));
      pos[j] = i;
      head[j] = slot;
    }
  }
}
