// Blue-green benchmark (seed 004): rollback by switching back to the slot that still runs the good
// version vs rollback by redeploying it, on the local driver. Measured from the step's first line
// of work ("Rolling back ...") to the old version answering on the environment's URL.
// Goal: switch-back <= 200 ms. Nothing is asserted; the figures and their ratio are printed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, report, root } from './lib.mjs';
import { probe, step, stopLocal } from './rollback.mjs';

const bundle = (name) => join(root, 'dist', name, 'index.js');
const RUNS = 5;

/** Deploys 1.0.0 then 2.0.0 with `strategy`, rolls back, and times start of work -> 1.0.0 answers. */
async function timeRollbacks(strategy) {
  const cwd = mkdtempSync(join(tmpdir(), `shipline-bench-bg-${strategy}-`));
  const stateDir = join(cwd, 'state');
  const common = {
    'app-command': `exec "${process.execPath}" "${join(root, 'examples/app/server.js')}"`,
    'state-dir': stateDir,
    environment: 'production',
    driver: 'local',
  };
  const deployInputs = strategy === 'blue-green' ? { strategy: 'blue-green', checks: '[{path: /health}]' } : {};
  const times = [];
  try {
    const v1 = await step(bundle('deploy'), { ...common, ...deployInputs, version: '1.0.0' }, cwd);
    if (v1.code !== 0) throw new Error(`deploy of 1.0.0 (${strategy}) failed`);
    const url = /environment-url<<(\S+)\n(.*)\n/.exec(v1.outputs)?.[2];
    for (let i = 0; i < RUNS; i++) {
      const v2 = await step(bundle('deploy'), { ...common, ...deployInputs, version: '2.0.0' }, cwd);
      if (v2.code !== 0) throw new Error(`deploy of 2.0.0 (${strategy}) failed`);
      let startedAt;
      let goodAt;
      let done = false;
      const watching = (async () => {
        while (goodAt === undefined && !done) {
          const at = performance.now();
          const answer = await probe(`${url}/health`);
          if (startedAt !== undefined && answer.status === 200 && answer.version === '1.0.0') goodAt = at;
        }
      })();
      const rb = await step(bundle('rollback'), { ...common, reason: 'bench' }, cwd, (line, at) => {
        if (startedAt === undefined && line.startsWith('Rolling back ')) startedAt = at;
      });
      // The step is over: give the watcher a last chance to see 1.0.0, then stop it.
      const until = performance.now() + 2_000;
      while (goodAt === undefined && performance.now() < until) await new Promise((r) => setTimeout(r, 5));
      done = true;
      await watching;
      if (rb.code !== 0 || startedAt === undefined || goodAt === undefined)
        throw new Error(`rollback ${i + 1} (${strategy}) did not put 1.0.0 back (exit ${rb.code})`);
      times.push(goodAt - startedAt);
    }
  } finally {
    stopLocal(stateDir, 'production');
  }
  return times;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchBlueGreen() {
  const switchBack = await timeRollbacks('blue-green');
  const redeploy = await timeRollbacks('rolling');
  const rows = switchBack.map((ms, i) => ({ run: i + 1, 'switch back (ms)': fmt(ms), 'redeploy (ms)': fmt(redeploy[i]) }));
  report('Rollback on the local driver, step start -> 1.0.0 answers (goal: switch back <= 200 ms)', rows);
  const result = {
    switchBackMedianMs: fmt(median(switchBack)),
    redeployMedianMs: fmt(median(redeploy)),
    ratio: fmt(median(redeploy) / median(switchBack), 1),
  };
  console.log(
    `median: switch back ${result.switchBackMedianMs} ms, redeploy ${result.redeployMedianMs} ms; redeploy / switch back = ${result.ratio}x`,
  );
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchBlueGreen();
