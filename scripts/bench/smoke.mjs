import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, median, report, root, runBundle, startServer } from './lib.mjs';

/** Cold start of every bundle and the smoke action's concurrency against a 200 ms endpoint. */
export async function benchSmoke() {
  const server = await startServer(0);
  const baseline = await median(7, async () => (await runBundle(['-e', ''])).ms);
  const rows = [{ what: "bare node -e ''", ms: fmt(baseline), ratio: 1 }];
  const bundles = readdirSync(join(root, 'dist'))
    .filter((n) => existsSync(join(root, 'dist', n, 'index.js')))
    .sort();
  for (const name of bundles) {
    // smoke runs one real check; the others validate their inputs and stop on dry-run or a missing input.
    const inputs =
      name === 'smoke' || name === 'shipline' ? { command: 'smoke', url: server.url, checks: '[{path: /health}]' } : { 'dry-run': 'true' };
    const ms = await median(7, async () => (await runBundle(join(root, 'dist', name, 'index.js'), inputs)).ms);
    rows.push({ what: `dist/${name} cold start (spawn to exit)`, ms: fmt(ms), ratio: fmt(ms / baseline, 2) });
  }
  await server.close();
  report('Cold start of each bundle vs bare node (goal: under 2x)', rows);

  const slow = await startServer(200);
  const checks = JSON.stringify(Array.from({ length: 100 }, (_, i) => ({ name: `c${i}`, path: `/x${i}` })));
  const wall = await median(
    3,
    async () => (await runBundle(join(root, 'dist', 'smoke', 'index.js'), { url: slow.url, checks, concurrency: '10' })).ms,
  );
  await slow.close();
  const ideal = 10 * 200;
  report('100 checks against a 200 ms endpoint, concurrency 10 (goal: under 1.2x ideal)', [
    { what: 'ideal (10 waves x 200 ms)', ms: ideal, ratio: 1 },
    { what: 'smoke bundle, spawn to exit', ms: fmt(wall), ratio: fmt(wall / ideal, 2) },
  ]);
  return { coldStartRatio: rows.slice(1).map((r) => r.ratio), concurrencyRatio: wall / ideal };
}
