/**
 * Seeded randomness for the stationary bootstrap: sfc32 (a small fast counter generator) seeded by
 * splitmix32. Each bucket draws from its own stream derived from (run seed, bucket key), so results do
 * not depend on the order buckets are processed in and a run is reproducible from its recorded seed.
 */

export type Random = () => number;

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A generator of uniforms in [0, 1) from a 32-bit seed. State stays in int32 (`| 0`) for speed. */
export function sfc32(seed: number): Random {
  const init = splitmix32(seed);
  let a = init() | 0;
  let b = init() | 0;
  let c = init() | 0;
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4_294_967_296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** FNV-1a hash of a string, 32 bits. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The seed of one named stream (e.g. a bucket key) under a run seed. */
export function streamSeed(runSeed: number, name: string): number {
  return (hash32(name) ^ Math.imul(runSeed >>> 0, 0x9e3779b1)) >>> 0;
}
