/** The verification engine: signals, per-sample guardrails, the sequential comparison with stable, the judge. */
export * from './types.js';
export * from './stats.js';
export * from './sample.js';
export * from './sequential.js';
export * from './compare.js';
export * from './window.js';
export * from './judge.js';
export * from './evidence.js';
export { createRng, type Rng } from './random.js';
export * from './simulation.js';
export * from './scenarios.js';
