/** Canary analysis: statistics, sample verdicts, baseline comparison, the judge, and scenarios. */
export * from './types.js';
export * from './stats.js';
export * from './mann-whitney.js';
export * from './proportions.js';
export * from './sample.js';
export * from './baseline.js';
export * from './judge.js';
export * from './evidence.js';
export { createRng, type Rng } from './random.js';
export * from './simulation.js';
export * from './scenarios.js';
