import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../helpers/github-emulator.js';
import { startMetricsApp, type MetricsApp } from '../helpers/metrics-app.js';
import { runAction } from '../helpers/run-action.js';

/**
 * The canary bundle with the command driver: bad inputs fail with one ::error:: and move nothing;
 * dry-run prints the plan; a failing canary is aborted through the user's own commands.
 */
describe('canary action: inputs, dry-run and the command driver', () => {
  let dir: string;
  let app: MetricsApp;
  let healthy: MetricsApp;
  let emu: GitHubEmulator;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipline-canary-inputs-'));
    [app, healthy, emu] = await Promise.all([
      startMetricsApp({ version: '2.0.0', errorRate: 0.3 }),
      startMetricsApp({ version: '2.1.0' }),
      startGitHubEmulator(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([app?.stop(), healthy?.stop(), emu?.close()]);
  });

  /** A workspace whose commands write what they were asked to a file. */
  function workspace(name: string) {
    const cwd = join(dir, name);
    mkdirSync(cwd, { recursive: true });
    return {
      cwd,
      log: join(cwd, 'traffic.log'),
      ledger: join(cwd, '.shipline', 'deployments.json'),
      inputs: {
        environment: 'production',
        version: '2.0.0',
        driver: 'command',
        'deploy-command': 'echo "deploy $SHIPLINE_VERSION canary=$SHIPLINE_CANARY" >> traffic.log',
        'set-weight-command': 'echo "weight $SHIPLINE_WEIGHT" >> traffic.log',
        'abort-command': 'echo "abort $SHIPLINE_VERSION weight=$SHIPLINE_WEIGHT" >> traffic.log',
        'probe-url': app.url,
        'step-duration': '1s',
        'analysis-interval': '250ms',
      },
    };
  }

  it.each([
    [
      'steps',
      '10,5,100',
      /Input "steps" at \[1\]: 5 does not rise above the step before it \(10\); steps must rise\. Accepted: canary weights in percent, rising/,
    ],
    ['steps', '120', /Input "steps" at \[0\]: 120 is outside 1\.\.100/],
    ['failure-limit', '0', /Input "failure-limit": "0" is out of range\. Accepted: a whole number from 1 to 1000/],
    ['prometheus-url', 'localhost', /Input "prometheus-url": "localhost" is not a URL\. Accepted: an absolute http or https URL/],
    ['analysis-interval', '5s', /"analysis-interval" \(5s\) is longer than "step-duration" \(1s\)/],
    ['metrics', '[{name: errors, query: "sum(x)"}]', /Input "metrics" at \[0\]: needs a threshold/],
    ['confidence', '1', /Input "confidence": "1" is out of range\. Accepted: a number greater than 0\.5 and less than 1/],
    ['confidence', '0.3', /Input "confidence": "0\.3" is out of range\. Accepted: a number greater than 0\.5 and less than 1/],
    ['error-rate-floor', '-1', /Input "error-rate-floor": "-1" is out of range\. Accepted: a number from 0 to 1/],
    ['latency-floor', 'fast', /Input "latency-floor": "fast" is not a duration\. Accepted: /],
    ['probe-rps', '0', /Input "probe-rps": "0" is out of range\. Accepted: a number greater than 0 and of at most 1000/],
  ])('%s: %s fails with one ::error:: and moves no traffic', async (input, value, message) => {
    const ws = workspace(`bad-${input}-${value.length}`);
    const run = await runAction('canary', { cwd: ws.cwd, inputs: { ...ws.inputs, [input]: value } });
    expect(run.code).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(message);
    expect(existsSync(ws.log)).toBe(false);
    expect(existsSync(ws.ledger)).toBe(false);
  });

  it('refuses a probe that can never send min-requests in an interval, before moving traffic', async () => {
    const ws = workspace('probe-too-slow');
    const run = await runAction('canary', {
      cwd: ws.cwd,
      inputs: { ...ws.inputs, 'probe-rps': '0.5', 'analysis-interval': '1s', 'min-requests': '10' },
    });
    expect(run.code).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(/Inputs "probe-rps" \(0\.5\), "analysis-interval" \(1s\) and "min-requests" \(10\)/);
    expect(run.errors[0]).toMatch(/Accepted: probe-rps x analysis-interval \(in seconds\) of at least min-requests/);
    expect(existsSync(ws.log)).toBe(false);
    expect(existsSync(ws.ledger)).toBe(false);
  });

  it('names the config path of a bad value in the config file', async () => {
    const ws = workspace('config');
    mkdirSync(join(ws.cwd, '.github'));
    writeFileSync(join(ws.cwd, '.github', 'shipline.yml'), 'environments:\n  production:\n    canary:\n      steps: [10, 50, 40]\n');
    const run = await runAction('canary', { cwd: ws.cwd, inputs: ws.inputs });
    expect(run.errors).toEqual([
      expect.stringMatching(/Config \.github\/shipline\.yml, environments\.production\.canary\.steps\[2\]: 40 does not rise/),
    ]);
    expect(existsSync(ws.log)).toBe(false);
  });

  it('dry-run prints the plan and changes nothing', async () => {
    const ws = workspace('dry');
    const run = await runAction('canary', {
      cwd: ws.cwd,
      inputs: { ...ws.inputs, 'dry-run': 'true', steps: '10,50,100', 'step-duration': '1m', 'analysis-interval': '10s' },
    });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'dry-run', weight: '0' });
    expect(run.summary).toMatch(
      /Dry run: would move 2\.0\.0 in production through 3 steps with the command driver and promote it after 3m; nothing changed/,
    );
    expect(run.summary).toContain('| 2 | 50% | 50% as set-weight-command applies it | 1m | 2m | 6 |');
    expect(run.summary).toMatch(/\*\*worst-case time to abort\*\*: 3m/);
    expect(run.summary).toMatch(/\*\*abort after the first failing sample\*\*: within 20s \(3 in a row\)/);
    expect(run.stdout).toMatch(/ {2}step 1: weight 10% -> 10% as set-weight-command applies it; from 0ms to 1m, 6 sample\(s\) every 10s/);
    expect(run.stdout).toContain('set-weight-command with SHIPLINE_WEIGHT=50');
    expect(existsSync(ws.log)).toBe(false);
    expect(existsSync(ws.ledger)).toBe(false);
  });

  it('aborts a failing canary through the commands and records the failure', async () => {
    const ws = workspace('abort');
    const run = await runAction('canary', { cwd: ws.cwd, inputs: { ...ws.inputs, steps: '10,100', 'probe-rps': '60' } });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'aborted', weight: '0', 'failed-metric': 'error-rate' });
    expect(readFileSync(ws.log, 'utf8').trim().split('\n')).toEqual(['deploy 2.0.0 canary=true', 'weight 10', 'abort 2.0.0 weight=0']);
    expect(run.errors).toEqual([
      expect.stringMatching(/Canary 2\.0\.0 in production aborted: error-rate: 3 samples in a row did not pass/),
    ]);
    const ledger = JSON.parse(readFileSync(ws.ledger, 'utf8')) as {
      deployments: Array<{ payload: { version: string; by: string }; statuses: Array<{ state: string; description: string }> }>;
    };
    const record = ledger.deployments[0]!;
    expect(record.payload).toMatchObject({ version: '2.0.0', by: 'canary' });
    expect(record.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(record.statuses[1]!.description).toMatch(/^canary aborted on error-rate/);
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as {
      result: string;
      samples: unknown[];
      traffic: Array<{ what: string; weight: number }>;
    };
    expect(report.result).toBe('aborted');
    expect(report.samples.length).toBeGreaterThanOrEqual(6);
    expect(report.traffic.map((t) => [t.what, t.weight])).toEqual([
      ['start', 0],
      ['set-weight', 10],
      ['restore', 0],
    ]);
  });

  it('restores stable when a traffic command fails mid-canary', async () => {
    const ws = workspace('failing-command');
    const run = await runAction('canary', {
      cwd: ws.cwd,
      inputs: {
        ...ws.inputs,
        version: '2.1.0',
        'probe-url': healthy.url,
        'probe-rps': '60',
        steps: '10,100',
        'set-weight-command': 'echo "weight $SHIPLINE_WEIGHT" >> traffic.log; test "$SHIPLINE_WEIGHT" != 100',
      },
    });
    expect(run.code).toBe(1);
    expect(readFileSync(ws.log, 'utf8').trim().split('\n')).toEqual([
      'deploy 2.1.0 canary=true',
      'weight 10',
      'weight 100',
      'abort 2.1.0 weight=0',
    ]);
    expect(run.outputs).toMatchObject({ result: 'aborted', weight: '0', 'failed-metric': '' });
    expect(run.errors).toEqual([expect.stringMatching(/set-weight-command exited with code 1/)]);
    expect(run.summary).toMatch(/Aborted 2\.1\.0 in production: stopped by an error: set-weight-command exited with code 1/);
  });

  it('promotes and records the canary as a GitHub Deployment: in_progress, then success', async () => {
    const ws = workspace('github');
    const run = await runAction('shipline', {
      cwd: ws.cwd,
      inputs: {
        ...ws.inputs,
        command: 'canary',
        version: '2.1.0',
        'probe-url': healthy.url,
        'probe-rps': '60',
        steps: '100',
        'github-token': emu.token,
      },
      env: { GITHUB_API_URL: emu.url },
    });
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ result: 'promoted', weight: '100' });
    expect(readFileSync(ws.log, 'utf8').trim().split('\n')).toEqual(['deploy 2.1.0 canary=true', 'weight 100', 'weight 100']);
    const [deployment] = emu.deployments('production');
    expect(deployment).toMatchObject({ environment: 'production', payload: expect.objectContaining({ version: '2.1.0', by: 'canary' }) });
    // Newest first, as GitHub lists them.
    expect(emu.statuses(deployment!.id).map((s) => s.state)).toEqual(['success', 'in_progress']);
  });

  it('with a manifest, records the commit it names (checked out and built) and runs its artifact; a manifest value that would not pass as an input is refused first', async () => {
    const ws = workspace('manifest');
    const built = 'c'.repeat(40);
    const manifest = join(ws.cwd, 'manifest.json');
    const write = (version: string) =>
      writeFileSync(
        manifest,
        JSON.stringify({
          schemaVersion: 1,
          version,
          channel: 'hotfix',
          commit: built,
          ref: 'refs/heads/main',
          tags: ['2.1.0'],
          builtAt: new Date().toISOString(),
          archive: { path: 'dist/app-2.1.0.tgz', sha256: `sha256:${'f'.repeat(64)}`, bytes: 10, files: 1 },
        }),
      );
    const { version: _version, ...inputs } = ws.inputs;
    write('2.1.0$(id)\n::error::forged');
    const bad = await runAction('canary', {
      cwd: ws.cwd,
      inputs: { ...inputs, manifest, 'probe-url': healthy.url, steps: '100', 'github-token': emu.token },
      env: { GITHUB_API_URL: emu.url },
    });
    expect(bad.code).toBe(1);
    expect(bad.errors).toEqual([
      expect.stringMatching(
        /^::error::Input "manifest": build manifest .*manifest\.json, field "version": .* is not valid\. Accepted: a version of letters/,
      ),
    ]);
    expect(existsSync(ws.log)).toBe(false);
    expect(emu.deployments('production').filter((d) => d.sha === built)).toEqual([]);

    write('2.1.0');
    const run = await runAction('canary', {
      cwd: ws.cwd,
      inputs: {
        ...inputs,
        manifest,
        'deploy-command': 'echo "deploy $SHIPLINE_VERSION $SHIPLINE_ARTIFACT" >> traffic.log',
        'probe-url': healthy.url,
        'probe-rps': '60',
        steps: '100',
        'github-token': emu.token,
      },
      env: { GITHUB_API_URL: emu.url },
    });
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ result: 'promoted' });
    expect(readFileSync(ws.log, 'utf8').trim().split('\n')[0]).toBe('deploy 2.1.0 dist/app-2.1.0.tgz');
    const mine = emu.deployments('production').filter((d) => d.sha === built);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.payload).toMatchObject({ version: '2.1.0', channel: 'hotfix', artifact: 'dist/app-2.1.0.tgz' });
  });
});
