// Canary benchmark: how fast a bad canary is caught and undone, and how often the judge is right.
//  1. Time from a bad canary's first failing sample to 100% stable restored, as a multiple of
//     analysis-interval (goal: at most failure-limit + 1), with the canary bundle on the local
//     driver (the example app answering 30% 5xx) and the built-in probe.
//  2. The power table: synthetic canaries of known truth through the verification engine (src/verify/
//     scenarios.ts) at the sample sizes the probe really produces: the defaults (probe-rps 30, 10 s
//     intervals: 300 requests per version and sample), the old default probe-rps 20 (200), and a busy
//     service (1,500); fixed seeds, 95% intervals, and the old per-sample judge's figures.
// Needs `npm run build` (dist/ bundles and the compiled build/ tree).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, report, root, runBundle } from './lib.mjs';

const APP = `"${process.execPath}" "${join(root, 'examples', 'app', 'server.js')}"`;
const FAILURE_LIMIT = 3;

export async function benchCanary({ intervals = [250, 500, 1000], runs = 3 } = {}) {
  const compiled = join(root, 'build', 'verify', 'index.js');
  if (!existsSync(compiled) || !existsSync(join(root, 'dist', 'canary', 'index.js'))) {
    console.log('\n## canary: run `npm run build` first (needs dist/canary and build/)');
    return {};
  }
  const dir = mkdtempSync(join(tmpdir(), 'shipline-bench-canary-'));
  const stateDir = join(dir, 'state');
  const common = { environment: 'bench', 'app-command': APP, 'state-dir': stateDir };
  const rows = [];
  const multiples = [];
  try {
    const deployed = await runBundle(join(root, 'dist', 'deploy', 'index.js'), { ...common, version: '1.0.0' }, { GITHUB_WORKSPACE: dir });
    if (deployed.code !== 0) throw new Error('deploying the stable version failed');
    for (const intervalMs of intervals) {
      const seen = [];
      for (let i = 0; i < runs; i++) {
        const reportPath = join(dir, `report-${intervalMs}-${i}.json`);
        await runBundle(
          join(root, 'dist', 'canary', 'index.js'),
          {
            ...common,
            version: `2.0.0-bad-${intervalMs}-${i}`,
            'app-command': `APP_ERROR_RATE=0.3 ${APP}`,
            steps: '10,100',
            'step-duration': `${intervalMs * 20}ms`,
            'analysis-interval': `${intervalMs}ms`,
            'failure-limit': String(FAILURE_LIMIT),
            'probe-rps': String(Math.max(20, Math.ceil(20_000 / intervalMs))),
            report: reportPath,
          },
          { GITHUB_WORKSPACE: dir },
        );
        const r = JSON.parse(readFileSync(reportPath, 'utf8'));
        const firstFail = r.samples.find((s) => s.verdict === 'fail');
        const restored = r.traffic.find((t) => t.what === 'restore');
        if (r.result !== 'aborted' || !firstFail || !restored) throw new Error(`run ${reportPath} did not abort on a failing sample`);
        seen.push((restored.at - firstFail.at) / intervalMs);
      }
      seen.sort((a, b) => a - b);
      const median = seen[Math.floor(seen.length / 2)];
      multiples.push(median);
      rows.push({
        'analysis-interval': `${intervalMs} ms`,
        'first failing sample -> stable restored (median, ms)': fmt(median * intervalMs),
        'multiple of interval (median)': fmt(median, 2),
        'worst of runs': fmt(seen[seen.length - 1], 2),
        goal: `<= ${FAILURE_LIMIT + 1}`,
      });
    }
  } finally {
    // Stop the stable version and the proxy the deploy started.
    const { createLocalDriver } = await import(join(root, 'build', 'drivers', 'local', 'index.js'));
    await createLocalDriver({ command: APP, stateDir: join(stateDir, 'local'), environment: 'bench', stopGraceMs: 2000 })
      .stop()
      .catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
  report(`Canary: bad canary (30% 5xx) caught and undone, failure-limit ${FAILURE_LIMIT}, ${runs} runs each`, rows);

  const power = await benchPower();
  return { restoreMultiples: multiples, power };
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCanary();

/** Requests per version and sample: the level's name and how it comes about. */
export const POWER_LEVELS = [
  { requestsPerSample: 300, label: 'defaults: probe-rps 30 x analysis-interval 10s = 300 requests per version and sample' },
  { requestsPerSample: 200, label: 'old default probe-rps 20: 200 requests per version and sample' },
  { requestsPerSample: 1500, label: 'busy service: 1,500 requests per version and sample' },
];

/** The power table at each level, the levels in parallel worker threads (2 at a time). */
export async function benchPower(levels = POWER_LEVELS) {
  const compiled = join(root, 'build', 'verify', 'index.js');
  if (!existsSync(compiled)) {
    console.log('\n## canary power: run `npm run build` first (needs build/)');
    return [];
  }
  const { Worker } = await import('node:worker_threads');
  const started = performance.now();
  const run = (level) =>
    new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./power-worker.mjs', import.meta.url), {
        workerData: { compiled, requestsPerSample: level.requestsPerSample },
      });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  const results = [];
  for (let i = 0; i < levels.length; i += 2) results.push(...(await Promise.all(levels.slice(i, i + 2).map(run))));
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(
    `\n## Canary power table (verification engine, ${seconds} s): steps 10,25,50,100 of 60 s, 10 s intervals (24 looks), failure-limit 3,` +
      ' confidence 0.98, tolerance 25%, floors 5 ms and 0.5 points; stable 0.5% errors, log-normal latency median 40 ms (log-sd 0.35), microsecond timer.' +
      ' Seeds 1..runs; "old judge" is the per-sample judge as measured in issue 13 at 200 requests per sample.',
  );
  levels.forEach((level, i) => {
    console.log(`\n### ${level.label}`);
    console.log(results[i].table);
  });
  return levels.map((level, i) => ({ ...level, rows: results[i].rows }));
}
