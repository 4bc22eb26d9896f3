// R's default random numbers (R ≥ 3.6: Mersenne-Twister, Inversion), so the seeded worked examples of R
// packages (mrbcuda/pbo's tests, R's ?p.adjust example) can be rebuilt here value for value.
// After R's src/main/RNG.c and src/nmath/snorm.c: set.seed scrambles the seed with 50 LCG steps
// (69069·s + 1) and fills the 624-word MT state with further LCG steps; unif_rand is MT19937 scaled by
// 2^-32 (never exactly 0 or 1); norm_rand by inversion uses two uniforms for 2^-27 resolution:
// u = ⌊2^27·U1⌋ + U2, z = Φ⁻¹(u/2^27). Φ⁻¹ here is normInv (full double precision), not R's AS 241,
// so draws agree with R to ~1e-15 — far below anything the tests compare.
import { normInv } from "../../../src/mining/normal.ts";

const N = 624;
const M = 397;
const I2_32M1 = 2.328306437080797e-10; // 1/(2^32 − 1)

export interface RRandom {
  unif(): number;
  /** rnorm(1, mean, sd). */
  norm(mean?: number, sd?: number): number;
}

/** The stream R produces after set.seed(seed) with the default kinds. */
export function rSetSeed(seed: number): RRandom {
  let s = seed >>> 0;
  for (let j = 0; j < 50; j++) s = (Math.imul(69069, s) + 1) >>> 0;
  // R's seed vector is dummy[0] = mti followed by mt[0..623]; the first LCG value lands in dummy[0]
  // and is then overwritten by FixupSeeds (mti = 624: regenerate on the first draw).
  s = (Math.imul(69069, s) + 1) >>> 0;
  const mt = new Uint32Array(N);
  for (let j = 0; j < N; j++) {
    s = (Math.imul(69069, s) + 1) >>> 0;
    mt[j] = s;
  }
  let mti = N;

  const genrand = (): number => {
    if (mti >= N) {
      let kk = 0;
      const mix = (a: number, b: number, c: number): number => {
        const y = (mt[a]! & 0x80000000) | (mt[b]! & 0x7fffffff);
        return (mt[c]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0)) >>> 0;
      };
      for (; kk < N - M; kk++) mt[kk] = mix(kk, kk + 1, kk + M);
      for (; kk < N - 1; kk++) mt[kk] = mix(kk, kk + 1, kk + M - N);
      mt[N - 1] = mix(N - 1, 0, M - 1);
      mti = 0;
    }
    let y = mt[mti++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return (y >>> 0) * 2.3283064365386963e-10;
  };

  const unif = (): number => {
    const v = genrand();
    if (v <= 0) return 0.5 * I2_32M1;
    if (1 - v <= 0) return 1 - 0.5 * I2_32M1;
    return v;
  };

  const BIG = 134217728;
  const norm = (mean = 0, sd = 1): number => {
    let u = unif();
    u = Math.trunc(BIG * u) + unif();
    return mean + sd * normInv(u / BIG);
  };
  return { unif, norm };
}
