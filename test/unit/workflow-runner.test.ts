import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Cancellation } from '../../src/workflow/cancel.js';
import { workflowCli } from '../../src/workflow/cli.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'workflows');

interface Report {
  result: string;
  jobs: Record<string, { result: string; outputs: Record<string, string> }>;
  outputs: Record<string, string>;
}

async function run(args: string[], opts: { interactive?: boolean; cancellation?: Cancellation } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await workflowCli(
    ['run', ...args, '--json'],
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), interactive: opts.interactive ?? false },
    opts.cancellation,
  );
  const report = code === 2 ? undefined : (JSON.parse(stdout) as Report);
  return { code, report: report!, log: stderr };
}

const fixture = (name: string) => join(FIXTURES, name);
const results = (r: Report) => Object.fromEntries(Object.entries(r.jobs).map(([k, v]) => [k, v.result]));

describe('shipline workflow run: jobs, conditions and outputs', () => {
  it('runs jobs in needs order with success()/failure()/always(), outputs across jobs and the env files', async () => {
    const { code, report, log } = await run([fixture('status.yml'), '--workspace', FIXTURES, '--input', 'who=there']);
    expect(code, log).toBe(0);
    expect(results(report)).toEqual({
      first: 'success',
      'on-success': 'success',
      'on-failure': 'skipped',
      downstream: 'success',
      report: 'success',
    });
    expect(report.jobs.first!.outputs).toEqual({ said: 'hello there', level: 'job' });
    // the always() step read the step-level env, the multi-line GITHUB_ENV value and an earlier output
    expect(log).toMatch(/▸ first: Run echo "multi=line one\+line two" >> "\$GITHUB_OUTPUT"/);
    expect(report.jobs['on-success']!.outputs.got).toBe('hello there');
    expect(report.jobs.report!.outputs.results).toBe('success,success,skipped');
    expect(log).toContain('### first says hello');
  });

  it('a failing step fails its job: later steps skip unless failure()/always(), dependants skip, failure() jobs run', async () => {
    const { code, report, log } = await run([fixture('status.yml'), '--workspace', FIXTURES, '--input', 'fail=true']);
    expect(code).toBe(1);
    expect(report.result).toBe('failure');
    expect(results(report)).toEqual({
      first: 'failure',
      'on-success': 'skipped',
      'on-failure': 'success',
      downstream: 'skipped',
      report: 'success',
    });
    expect(report.jobs['on-failure']!.outputs.result).toBe('failure');
    expect(report.jobs.report!.outputs.results).toBe('failure,skipped,success');
    expect(log).toMatch(/first: Run exit 3 failed \(exit 3\)/);
    expect(log).toMatch(/⤼ first: Run echo "ran=yes" >> "\$GITHUB_OUTPUT" \(skipped\)/);
    expect(log).toMatch(/▸ first: Run echo "ran=yes" >> "\$GITHUB_OUTPUT"/);
  });

  it('runs a called workflow with its inputs (defaults, types), secrets masked, and returns its outputs', async () => {
    const { code, report, log } = await run([fixture('caller.yml'), '--workspace', FIXTURES, '--secret', 'deploy-token=s3cr3t-value']);
    expect(code, log).toBe(0);
    expect(results(report)).toEqual({ 'call / say': 'success', call: 'success', after: 'success' });
    expect(report.jobs.call!.outputs.greeting).toBe('shop x2 loud=true token-length=12');
    expect(report.jobs.after!.outputs.seen).toBe('shop x2 loud=true token-length=12 (success)');
    expect(log).toContain('token is ***');
    expect(log).not.toContain('s3cr3t-value');
  });

  it('artifacts go from job to job while RUNNER_TEMP is each job’s own; a SARIF file is checked', async () => {
    const { code, report, log } = await run([fixture('artifacts.yml'), '--workspace', FIXTURES]);
    expect(code).toBe(1);
    expect(results(report)).toEqual({ make: 'success', use: 'success', 'bad-sarif': 'failure' });
    expect(report.jobs.use!.outputs).toEqual({ content: 'made in make', 'temp-empty': 'yes' });
    expect(log).toMatch(/upload-sarif: .*bad\.sarif is not SARIF 2\.1\.0/);
  });
});

describe('shipline workflow run: environments and concurrency', () => {
  const marks = () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wf-marks-')), 'marks');
    return { file, read: () => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : []) };
  };

  it('without a terminal and without --approve, a job behind an environment does not run and the run fails', async () => {
    const m = marks();
    const { code, report, log } = await run([fixture('approval.yml'), '--workspace', FIXTURES, '--var', `MARKS=${m.file}`]);
    expect(code).toBe(1);
    expect(results(report)).toEqual({ staging: 'failure', production: 'skipped', cleanup: 'success' });
    expect(log).toContain('needs an approval: run with --approve');
    expect(m.read()).toEqual(['cleanup ran']);
  });

  it('--approve approves every environment; --reject NAME rejects that one', async () => {
    const m = marks();
    const all = await run([fixture('approval.yml'), '--workspace', FIXTURES, '--var', `MARKS=${m.file}`, '--approve']);
    expect(results(all.report)).toEqual({ staging: 'success', production: 'success', cleanup: 'skipped' });
    const n = marks();
    const rejected = await run([
      fixture('approval.yml'),
      '--workspace',
      FIXTURES,
      '--var',
      `MARKS=${n.file}`,
      '--approve',
      '--reject',
      'production',
    ]);
    expect(results(rejected.report)).toEqual({ staging: 'success', production: 'failure', cleanup: 'success' });
    expect(rejected.log).toContain('the deployment to production was rejected (--reject production)');
    expect(n.read()).toEqual(['staging ran', 'cleanup ran']);
  });

  it('two runs in the same concurrency group do not overlap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wf-conc-'));
    const file = join(dir, 'conc.yml');
    writeFileSync(
      file,
      [
        'on: push',
        'jobs:',
        '  deploy:',
        '    runs-on: x',
        '    concurrency: { group: fixture-one-at-a-time }',
        '    steps:',
        '      - run: |',
        '          echo "start $(date +%s%N)" >> marks',
        '          sleep 0.4',
        '          echo "end $(date +%s%N)" >> marks',
        '',
      ].join('\n'),
    );
    const [a, b] = await Promise.all([run([file, '--workspace', dir]), run([file, '--workspace', dir])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const lines = readFileSync(join(dir, 'marks'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' ')[0]);
    expect(lines).toEqual(['start', 'end', 'start', 'end']);
    expect(a.log + b.log).toContain('waiting for concurrency group fixture-one-at-a-time');
  });
});

describe('shipline workflow run: workflow-level concurrency', () => {
  it('a run waits for another run of the group; its own jobs in the same group do not wait for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wf-wconc-'));
    const file = join(dir, 'wconc.yml');
    writeFileSync(
      file,
      [
        'on: push',
        'concurrency: fixture-whole-run',
        'jobs:',
        '  one:',
        '    runs-on: x',
        '    concurrency: fixture-whole-run',
        '    steps:',
        '      - run: |',
        '          echo "start $(date +%s%N)" >> marks',
        '          sleep 0.3',
        '  two:',
        '    needs: one',
        '    runs-on: x',
        '    steps:',
        '      - run: |',
        '          sleep 0.3',
        '          echo "end $(date +%s%N)" >> marks',
        '',
      ].join('\n'),
    );
    const [a, b] = await Promise.all([run([file, '--workspace', dir]), run([file, '--workspace', dir])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const lines = readFileSync(join(dir, 'marks'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' ')[0]);
    expect(lines).toEqual(['start', 'end', 'start', 'end']);
  });
});

describe('shipline workflow run: cancellation', () => {
  it('cancelling stops the running step, always() steps and jobs still run, the run is cancelled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wf-cancel-'));
    const file = join(dir, 'cancel.yml');
    writeFileSync(
      file,
      [
        'on: push',
        'jobs:',
        '  long:',
        '    runs-on: x',
        '    steps:',
        '      - run: touch started && sleep 30',
        '      - run: touch never',
        '      - if: always()',
        '        run: touch always-step',
        '      - if: cancelled()',
        '        run: touch cancelled-step',
        '  next:',
        '    needs: long',
        '    runs-on: x',
        '    steps:',
        '      - run: touch next',
        '  cleanup:',
        '    needs: long',
        '    if: always()',
        '    runs-on: x',
        '    steps:',
        '      - run: touch cleanup',
        '',
      ].join('\n'),
    );
    const cancellation = new Cancellation();
    const started = Date.now();
    const watcher = setInterval(() => existsSync(join(dir, 'started')) && cancellation.cancel(), 20);
    const { code, report } = await run([file, '--workspace', dir], { cancellation });
    clearInterval(watcher);
    expect(code).toBe(1);
    expect(report.result).toBe('cancelled');
    expect(results(report)).toEqual({ long: 'cancelled', next: 'skipped', cleanup: 'success' });
    expect(['never', 'always-step', 'cancelled-step', 'next', 'cleanup'].map((f) => existsSync(join(dir, f)))).toEqual([
      false,
      true,
      true,
      false,
      true,
    ]);
    expect(Date.now() - started).toBeLessThan(25_000);
  });
});

describe('shipline workflow run: checkout', () => {
  it('uses the workspace as it is; a ref: must be what the workspace has checked out', async () => {
    const { execFileSync } = await import('node:child_process');
    const dir = mkdtempSync(join(tmpdir(), 'wf-checkout-'));
    const git = (...a: string[]) =>
      execFileSync('git', a, {
        cwd: dir,
        encoding: 'utf8',
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@x.invalid',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@x.invalid',
        },
      });
    git('init', '-q', '-b', 'main');
    writeFileSync(join(dir, 'a'), '1');
    git('add', '-A');
    git('commit', '-q', '-m', 'one');
    git('tag', 'v1');
    writeFileSync(join(dir, 'a'), '2');
    git('commit', '-q', '-am', 'two');
    const file = join(dir, 'co.yml');
    writeFileSync(
      file,
      [
        'on: workflow_dispatch',
        'jobs:',
        '  a:',
        '    runs-on: x',
        '    steps:',
        '      - uses: actions/checkout@v6',
        '        with: { ref: main }',
        '  b:',
        '    runs-on: x',
        '    steps:',
        '      - uses: actions/checkout@v6',
        '        with: { ref: v1 }',
        '',
      ].join('\n'),
    );
    const { report, log } = await run([file, '--workspace', dir]);
    expect(results(report)).toEqual({ a: 'success', b: 'failure' });
    expect(log).toContain('checkout: the workspace is not at v1');
  });
});
