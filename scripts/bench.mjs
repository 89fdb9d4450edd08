#!/usr/bin/env node
// Benchmarks: each prints its figures and ratios against a baseline run in the same process.
// Nothing here is asserted; goals are stated beside the figures. `npm run bench [name...]`.
// Bundles are benchmarked as built: run `npm run build` (or `npm test`, which builds dist/ when
// the sources changed) first after changing src/.
const benches = {
  smoke: async () => (await import('./bench/smoke.mjs')).benchSmoke(),
  build: async () => (await import('./bench/build.mjs')).benchBuild(),
  scan: async () => (await import('./bench/scan.mjs')).benchScan(),
  deploy: async () => (await import('./bench/deploy.mjs')).benchDeploy(),
  canary: async () => (await import('./bench/canary.mjs')).benchCanary(),
  'canary-power': async () => (await import('./bench/canary.mjs')).benchPower(),
  rollback: async () => (await import('./bench/rollback.mjs')).benchRollback(),
  'blue-green': async () => (await import('./bench/blue-green.mjs')).benchBlueGreen(),
  workflow: async () => (await import('./bench/workflow.mjs')).benchWorkflow(),
};
const only = process.argv.slice(2);
for (const name of only) if (!(name in benches)) throw new Error(`no benchmark ${name}; there are: ${Object.keys(benches).join(', ')}`);
for (const [name, run] of Object.entries(benches)) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n# ${name}`);
  await run();
}
