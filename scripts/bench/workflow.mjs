import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, median, report, root } from './lib.mjs';

const time = (command, args, cwd) =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, stdio: 'ignore', env: { ...process.env, SHIPLINE_WORKFLOW_LOCKS: join(cwd, 'locks') } });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(performance.now() - started) : reject(new Error(`${command} ${args.join(' ')} exited ${code}`)),
    );
  });

/** A workflow of `jobs` jobs, each needing the one before, each with one `run: 'true'` step. */
function chain(dir, jobs) {
  const lines = ['on: push', 'env:', '  LEVEL: workflow', 'jobs:'];
  for (let i = 0; i < jobs; i++) {
    lines.push(`  j${i}:`, '    runs-on: ubuntu-latest');
    if (i > 0) lines.push(`    needs: j${i - 1}`);
    lines.push('    outputs:', '      out: ${{ steps.s.outputs.out }}', '    steps:', '      - id: s', "        run: 'true'");
    if (i > 0) lines.push('        env:', `          PREVIOUS: \${{ needs.j${i - 1}.outputs.out }}`);
  }
  const file = join(dir, `chain-${jobs}.yml`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** The runner's own cost: a fixed start, then per job beyond its steps (goal: at most 100 ms a job). */
export async function benchWorkflow() {
  const dir = mkdtempSync(join(tmpdir(), 'shipline-bench-workflow-'));
  const bundle = join(root, 'dist', 'workflow', 'index.js');
  writeFileSync(join(dir, 'step.sh'), 'true\n');
  const step = await median(9, () => time('bash', ['-e', join(dir, 'step.sh')], dir));
  const node = await median(5, () => time(process.execPath, ['-e', ''], dir));
  const one = await median(5, () => time(process.execPath, [bundle, 'run', chain(dir, 1), '--workspace', dir], dir));
  const jobs = 21;
  const many = await median(3, () => time(process.execPath, [bundle, 'run', chain(dir, jobs), '--workspace', dir], dir));
  const perJob = (many - one) / (jobs - 1);
  report('Workflow runner overhead (goal: at most 100 ms a job beyond its steps)', [
    { what: 'one step alone: bash -e (spawn to exit)', ms: fmt(step), ratio: 1 },
    { what: "bare node -e ''", ms: fmt(node), ratio: fmt(node / step, 2) },
    { what: 'workflow of 1 job (node start, parse, run)', ms: fmt(one), ratio: fmt(one / step, 2) },
    { what: `workflow of ${jobs} chained jobs`, ms: fmt(many), ratio: fmt(many / step, 2) },
    { what: 'each further job', ms: fmt(perJob), ratio: fmt(perJob / step, 2) },
    { what: 'each further job beyond its step (overhead)', ms: fmt(perJob - step), ratio: '' },
  ]);
}
