import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HaproxyRuntimeClient } from '../../src/drivers/haproxy/client.js';
import { haproxyBinary, startHaproxy, type HaproxyServer } from '../helpers/haproxy.js';
import { runLoad } from '../helpers/load.js';
import { startMetricsApp, type MetricsApp } from '../helpers/metrics-app.js';
import { prometheusBinary, startPrometheus, usePrometheus, type PrometheusServer } from '../helpers/prometheus.js';
import { sleep, waitFor } from '../helpers/real-server.js';
import { runAction, type ActionRun } from '../helpers/run-action.js';

const missing = [!prometheusBinary && 'prometheus', !haproxyBinary && 'haproxy'].filter(Boolean);
const title =
  missing.length === 0
    ? 'canary action with real HAProxy and Prometheus'
    : `canary action with real HAProxy and Prometheus (SKIPPED: ${missing.join(' and ')} not installed)`;

const METRICS = `
- name: error-ratio
  query: (sum(rate(http_requests_total{version="{{version}}",code=~"5.."}[2s])) or vector(0)) / sum(rate(http_requests_total{version="{{version}}"}[2s]))
  max: 0.05
- name: p95-seconds
  query: histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{version="{{version}}"}[2s])))
  max: 0.3
`;

interface Ledger {
  deployments: Array<{ payload: { version: string; by?: string }; statuses: Array<{ state: string; description?: string }> }>;
}

/**
 * A stable and a canary app exposing metrics behind a real HAProxy, scraped every 250 ms by a real
 * Prometheus, with a load generator sending traffic through HAProxy while the bundle runs.
 */
describe.skipIf(missing.length > 0)(title, () => {
  let prom: PrometheusServer;
  let privateProm: PrometheusServer;
  let stable: MetricsApp;
  const apps: Record<string, MetricsApp> = {};
  const proxies: Record<string, HaproxyServer> = {};
  const behaviour = {
    healthy: {},
    errors: { errorRate: 0.2 },
    slow: { latencyMs: 500 },
    promkill: {},
    sigint: {},
    badquery: {},
  } as const;
  type Scenario = keyof typeof behaviour;

  beforeAll(async () => {
    [prom, privateProm, stable] = await Promise.all([usePrometheus(), startPrometheus(), startMetricsApp({ version: '1.0.0' })]);
    await Promise.all(
      (Object.keys(behaviour) as Scenario[]).map(async (name) => {
        apps[name] = await startMetricsApp({ version: `2.0.0-${name}`, ...behaviour[name] });
        proxies[name] = await startHaproxy({ stablePort: stable.port, canaryPort: apps[name]!.port });
      }),
    );
    await Promise.all([
      ...(['healthy', 'errors', 'slow', 'sigint'] as const).map((name) =>
        prom.addTarget(`canary-hap-${name}`, `${apps[name]!.url}/metrics`),
      ),
      privateProm.addTarget('canary-hap-promkill', `${apps.promkill!.url}/metrics`),
    ]);
  });

  afterAll(async () => {
    for (const name of ['healthy', 'errors', 'slow', 'sigint']) prom?.removeTarget(`canary-hap-${name}`);
    await Promise.all([prom?.stop(), privateProm?.stop(), ...Object.values(proxies).map((p) => p.stop())]);
    await Promise.all([stable?.stop(), ...Object.values(apps).map((a) => a.stop())]);
  });

  const weights = async (name: Scenario) => {
    const client = HaproxyRuntimeClient.connect(proxies[name]!.socket);
    return { stable: (await client.getWeight('app', 'stable')).current, canary: (await client.getWeight('app', 'canary')).current };
  };

  /** Runs the bundle against one scenario's HAProxy while load goes through it. */
  async function canary(
    name: Scenario,
    extra: Record<string, string> = {},
    during?: (child: { kill(signal: NodeJS.Signals): boolean }) => Promise<void>,
  ) {
    const cwd = mkdtempSync(join(tmpdir(), `shipline-canary-hap-${name}-`));
    const proxy = proxies[name]!;
    const stopLoad = new AbortController();
    const load = runLoad({ url: proxy.url, rps: 80, seconds: 60, signal: stopLoad.signal });
    let onChild: Promise<void> | undefined;
    const run: ActionRun = await runAction('canary', {
      cwd,
      inputs: {
        environment: 'production',
        version: `2.0.0-${name}`,
        driver: 'haproxy',
        'deploy-command': 'echo "$SHIPLINE_VERSION" >> deployed.log',
        'haproxy-socket': proxy.socket,
        'haproxy-backend': proxy.backend,
        'stable-server': proxy.stableServer,
        'canary-server': proxy.canaryServer,
        'prometheus-url': name === 'promkill' ? privateProm.url : prom.url,
        metrics: METRICS,
        steps: '10,50,100',
        'step-duration': '2s',
        'analysis-interval': '500ms',
        'failure-limit': '3',
        ...extra,
      },
      onSpawn: (child) => {
        if (during) onChild = during(child);
      },
    });
    await onChild;
    stopLoad.abort();
    const served = await load;
    const ledgerPath = join(cwd, '.shipline', 'deployments.json');
    const ledger = existsSync(ledgerPath) ? (JSON.parse(readFileSync(ledgerPath, 'utf8')) as Ledger) : undefined;
    return { run, served, ledger, cwd, deployed: existsSync(join(cwd, 'deployed.log')) };
  }

  it('promotes a healthy canary: HAProxy sends it all traffic at the end', async () => {
    const { run, ledger, served } = await canary('healthy', { steps: '25,100' });
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ result: 'promoted', weight: '100', 'failed-metric': '' });
    expect(await weights('healthy')).toEqual({ stable: 0, canary: 100 });
    expect(served.failures).toBe(0);
    expect(ledger!.deployments[0]!.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as {
      steps: Array<{ weight: number; passed: boolean }>;
      samples: Array<{ verdict: string }>;
    };
    expect(report.steps).toEqual([
      expect.objectContaining({ weight: 25, passed: true }),
      expect.objectContaining({ weight: 100, passed: true }),
    ]);
    expect(run.summary).toMatch(/^## Canary 2\.0\.0-healthy in production\n\n\*\*✅ Promoted/);
    expect(run.summary).toContain('xychart-beta');
  });

  it('aborts a canary with 20% 5xx before it reaches 100% and gives stable all traffic back', async () => {
    const { run, ledger } = await canary('errors');
    expect(run.outputs).toMatchObject({ result: 'aborted', weight: '0', 'failed-metric': 'error-ratio' });
    expect(await weights('errors')).toEqual({ stable: 100, canary: 0 });
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as {
      steps: Array<{ step: number; weight: number; passed: boolean }>;
    };
    // A step no longer ends the canary for ending on a failing sample (that rule inflated false
    // aborts); the third failing sample does, which Prometheus's rate window may put in step 2.
    const last = report.steps[report.steps.length - 1]!;
    expect(last).toMatchObject({ passed: false });
    expect(last.weight).toBeLessThanOrEqual(50);
    expect(run.errors).toEqual([
      expect.stringMatching(
        /Canary 2\.0\.0-errors in production aborted: error-ratio: 3 (samples in a row|of the last \d+ samples) did not pass/,
      ),
    ]);
    const statuses = ledger!.deployments[0]!.statuses;
    expect(statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(statuses[1]!.description).toMatch(/on error-ratio/);
  });

  it('aborts a canary 500 ms slower on p95', async () => {
    const { run } = await canary('slow');
    expect(run.outputs).toMatchObject({ result: 'aborted', weight: '0', 'failed-metric': 'p95-seconds' });
    expect(await weights('slow')).toEqual({ stable: 100, canary: 0 });
  });

  it('aborts, never promotes, when Prometheus stops answering mid-step', async () => {
    const { run } = await canary('promkill', { steps: '50,100', 'step-duration': '4s' }, async () => {
      await waitFor('the canary at 50%', async () => (await weights('promkill')).canary === 50, { attempts: 200, intervalMs: 50 });
      await sleep(1200);
      await privateProm.stop();
    });
    expect(run.outputs).toMatchObject({ result: 'aborted', weight: '0' });
    expect(['error-ratio', 'p95-seconds']).toContain(run.outputs['failed-metric']);
    expect(await weights('promkill')).toEqual({ stable: 100, canary: 0 });
    expect(run.summary).toMatch(/unreachable/);
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as { samples: Array<{ verdict: string; step: number }> };
    expect(report.samples.some((s) => s.verdict === 'pass')).toBe(true);
    expect(report.samples.every((s) => s.step === 1)).toBe(true);
  });

  it('restores stable before exiting on SIGINT mid-step', async () => {
    const { run, ledger } = await canary('sigint', { steps: '50,100', 'step-duration': '4s' }, async (child) => {
      await waitFor('the canary at 50%', async () => (await weights('sigint')).canary === 50, { attempts: 200, intervalMs: 50 });
      await sleep(700);
      child.kill('SIGINT');
    });
    expect(run.code).toBe(1);
    expect(await weights('sigint')).toEqual({ stable: 100, canary: 0 });
    expect(run.outputs).toMatchObject({ result: 'aborted', weight: '0' });
    expect(run.summary).toMatch(/Cancelled by the runner \(SIGINT\); safe state restored/);
    const statuses = ledger!.deployments[0]!.statuses;
    expect(statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(statuses[1]!.description).toMatch(/cancelled by the runner/);
  });

  it("refuses a query that is not PromQL with Prometheus's own message, before any traffic moves", async () => {
    const { run, ledger, deployed } = await canary('badquery', {
      metrics: '[{name: errors, query: "sum(rate(http_requests_total[5s])", max: 0.05}]',
    });
    expect(run.code).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(/Input "metrics" at \[0\] \(errors\): Prometheus rejected the query: .*parse error/);
    expect(deployed).toBe(false);
    expect(ledger).toBeUndefined();
    expect(await weights('badquery')).toEqual({ stable: 100, canary: 0 });
  });
});
