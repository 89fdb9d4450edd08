/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32) and the few
 * distributions the synthetic scenarios draw from. Deterministic: the same seeds give the same
 * stream on every machine. Not for anything secret.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** Log-normal with the given median and log-scale standard deviation. */
  lognormal(median: number, sigma: number): number;
  /** Pareto with scale `min` and shape `alpha` (heavier tail for smaller alpha). */
  pareto(min: number, alpha: number): number;
  /** true with probability p. */
  chance(p: number): boolean;
}

/** A generator whose stream is a function of all the seeds given (e.g. run number and scenario). */
export function createRng(...seeds: number[]): Rng {
  let state = 0x9e3779b9;
  const mix = (): number => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  for (const seed of seeds) state = (mix() ^ Math.imul(seed | 0, 0x27d4eb2f)) | 0;
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix() | 1;

  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // let the state settle

  let spare: number | undefined;
  const normal = (): number => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const u = 1 - next(); // (0, 1]
    const radius = Math.sqrt(-2 * Math.log(u));
    const angle = 2 * Math.PI * next();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };

  return {
    next,
    normal,
    lognormal: (median, sigma) => median * Math.exp(sigma * normal()),
    pareto: (min, alpha) => min / Math.pow(1 - next(), 1 / alpha),
    chance: (p) => next() < p,
  };
}
