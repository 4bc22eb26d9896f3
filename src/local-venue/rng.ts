/** Seeded, reproducible randomness for the fake (books, fault probabilities): mulberry32 over an FNV-1a seed. */

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A generator of floats in [0, 1) determined by the seed and the given parts. */
export function seededRng(seed: number, ...parts: (string | number)[]): () => number {
  let a = fnv1a(`${seed}|${parts.join("|")}`);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
