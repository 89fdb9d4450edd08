import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/verify/index.js';
import { startMetricsApp, type MetricsApp } from '../helpers/metrics-app.js';
import { runAction } from '../helpers/run-action.js';

/**
 * Evidence that accumulates, through the canary bundle: the built-in probe on real loopback
 * services (the canary and stable as separate HTTP servers), the command driver without a
 * deploy-command (the canary is already running at probe-url; only traffic moves).
 */
describe('canary action: the comparison with stable accumulates evidence', () => {
  let dir: string;
  let stable: MetricsApp;
  const apps: MetricsApp[] = [];
  const timers: NodeJS.Timeout[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipline-canary-evidence-'));
    stable = await startMetricsApp({ version: '1.0.0', errorRate: 0.005 });
  });
  afterEach(() => {
    for (const t of timers.splice(0)) clearInterval(t);
  });
  afterAll(async () => {
    await Promise.all([stable?.stop(), ...apps.map((a) => a.stop())]);
  });

  async function app(options: Parameters<typeof startMetricsApp>[0]): Promise<MetricsApp> {
    const started = await startMetricsApp(options);
    apps.push(started);
    return started;
  }

  function canary(name: string, target: MetricsApp, stableApp: MetricsApp = stable) {
    const cwd = join(dir, name);
    mkdirSync(cwd, { recursive: true });
    return runAction('canary', {
      cwd,
      inputs: {
        environment: 'production',
        version: '2.0.0',
        driver: 'command',
        'set-weight-command': 'echo "weight $SHIPLINE_WEIGHT" >> traffic.log',
        'probe-url': target.url,
        'stable-url': stableApp.url,
        steps: '50,100',
        'step-duration': '3s',
        'analysis-interval': '500ms',
        'probe-rps': '200',
      },
    });
  }

  type Report = { samples: Array<{ metric: string; verdict: string; statistic?: number }> };
  const report = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Report;

  it('promotes a healthy canary; without deploy-command it says the canary is taken to be running', async () => {
    const target = await app({ version: '2.0.0', errorRate: 0.005 });
    const run = await canary('healthy', target);
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ result: 'promoted', weight: '100' });
    expect(run.stdout).toContain(
      `::notice::No deploy-command: 2.0.0 is taken to be running already at ${target.url}; the canary moves traffic only.`,
    );
    const samples = report(run.outputs.report!).samples.filter((s) => s.metric === 'baseline-error-rate');
    expect(samples).toHaveLength(12);
    expect(samples.every((s) => typeof s.statistic === 'number')).toBe(true);
  });

  it('dry-run without deploy-command plans no start, only traffic', async () => {
    const cwd = join(dir, 'dry');
    mkdirSync(cwd, { recursive: true });
    const run = await runAction('canary', {
      cwd,
      inputs: {
        environment: 'production',
        version: '2.0.0',
        driver: 'command',
        'set-weight-command': 'true',
        'probe-url': stable.url,
        'dry-run': 'true',
      },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`start nothing: no deploy-command, 2.0.0 is taken to be running already at ${stable.url}`);
    expect(run.stdout).not.toContain('(none)');
  });

  it('promotes a noisy but healthy canary: 1% errors and latency swinging for both alike', async () => {
    const noisyStable = await app({ version: '1.0.0', errorRate: 0.01 });
    const target = await app({ version: '2.0.0', errorRate: 0.01 });
    const rng = createRng(13);
    timers.push(
      setInterval(() => {
        const latencyMs = Math.round(rng.next() * 30);
        noisyStable.set({ latencyMs });
        target.set({ latencyMs });
      }, 200),
    );
    const run = await canary('noisy', target, noisyStable);
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ result: 'promoted', weight: '100' });
  });

  it('aborts 8x the errors of stable (4%, under the 5% line) on the comparison with stable', async () => {
    const target = await app({ version: '2.0.0', errorRate: 0.04 });
    const run = await canary('errors-8x', target);
    expect(run.outputs).toMatchObject({ result: 'aborted', weight: '0', 'failed-metric': 'baseline-error-rate' });
    const samples = report(run.outputs.report!).samples;
    // Every sample was under the absolute line: only the accumulated comparison saw the regression.
    expect(samples.filter((s) => s.metric === 'error-rate').every((s) => s.verdict === 'pass')).toBe(true);
    expect(run.errors).toEqual([
      expect.stringMatching(
        /aborted: baseline-error-rate: canary error rate above stable by more than 25(?:%|%25) or 0\.5 points since the start \(\d+\/\d+ vs stable \d+\/\d+; e=/,
      ),
    ]);
  });

  it('aborts a flapping canary: 30% errors in two intervals of three, none in the third', async () => {
    const target = await app({ version: '2.0.0', errorRate: 0.3 });
    let tick = 0;
    timers.push(setInterval(() => target.set({ errorRate: ++tick % 3 === 2 ? 0 : 0.3 }), 500));
    const run = await canary('flapping', target);
    expect(run.outputs).toMatchObject({ result: 'aborted', weight: '0' });
    expect(run.outputs['failed-metric']).toMatch(/^(baseline-)?error-rate$/);
  });

  it('aborts bursty errors: every 2 s a quarter second of failures', async () => {
    const target = await app({ version: '2.0.0', errorRate: 0 });
    let tick = 0;
    timers.push(setInterval(() => target.set({ errorRate: ++tick % 8 === 0 ? 1 : 0 }), 250));
    const run = await canary('bursty', target);
    expect(run.outputs).toMatchObject({ result: 'aborted', weight: '0' });
    expect(run.outputs['failed-metric']).toMatch(/^(baseline-)?error-rate$/);
  });
});
