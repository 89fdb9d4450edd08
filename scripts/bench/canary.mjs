// Canary benchmark: how fast a bad canary is caught and undone, and how often the judge is right.
//  1. Time from a bad canary's first failing sample to 100% stable restored, as a multiple of
//     analysis-interval (goal: at most failure-limit + 1), with the canary bundle on the local
//     driver (the example app answering 30% 5xx) and the built-in probe.
//  2. The judge's confusion matrix over synthetic canaries of known truth (confusionMatrix()).
// Needs `npm run build` (dist/ bundles and the compiled build/ tree).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, report, root, runBundle } from './lib.mjs';

const APP = `"${process.execPath}" "${join(root, 'examples', 'app', 'server.js')}"`;
const FAILURE_LIMIT = 3;

export async function benchCanary({ intervals = [250, 500, 1000], runs = 3, seeds = 200 } = {}) {
  const compiled = join(root, 'build', 'canary', 'analysis', 'index.js');
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
    await createLocalDriver({ command: APP, stateDir: join(stateDir, 'local'), environment: 'bench', stopGraceMs: 2000 }).stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
  report(`Canary: bad canary (30% 5xx) caught and undone, failure-limit ${FAILURE_LIMIT}, ${runs} runs each`, rows);

  const { confusionMatrix } = await import(compiled);
  const started = performance.now();
  const matrix = confusionMatrix({ seeds });
  console.log(`\n## Canary judge: confusion matrix, ${seeds} seeds per scenario (default plan; ${fmt(performance.now() - started)} ms)`);
  console.log(matrix.table);
  return { restoreMultiples: multiples, matrix: matrix.rows };
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCanary();
