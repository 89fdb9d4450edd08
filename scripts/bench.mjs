#!/usr/bin/env node
// Benchmarks: each prints its figures and ratios against a baseline run in the same process.
// Nothing here is asserted; goals are stated beside the figures. `npm run bench [name...]`.
import { benchSmoke } from './bench/smoke.mjs';

const benches = { smoke: benchSmoke };
const only = process.argv.slice(2);
for (const [name, fn] of Object.entries(benches)) {
  if (only.length > 0 && !only.includes(name)) continue;
  await fn();
}
