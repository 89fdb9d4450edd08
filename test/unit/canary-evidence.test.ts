import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJudge, type SampleRecord } from '../../src/verify/index.js';
import { chartPoints, mermaidChart } from '../../src/canary/chart.js';
import { resolveCanaryOptions, type CanaryInputs } from '../../src/canary/options.js';
import { planCanary, planLines } from '../../src/canary/plan.js';
import { startProbeStream, type ProbeStream, type ProbeWindow } from '../../src/verify/sources/probe.js';
import { buildReport } from '../../src/canary/report.js';
import { createSampler } from '../../src/canary/sampler.js';
import { lookRows, writeCanarySummary } from '../../src/canary/summary.js';
import { Summary } from '../../src/core/summary.js';
import { driverTraits } from '../../src/drivers/factory.js';
import type { DriverName } from '../../src/drivers/fields.js';

const inputs: CanaryInputs = {
  steps: [10, 25, 50, 100],
  stepDuration: 60_000,
  analysisInterval: 10_000,
  failureLimit: 3,
  probeRps: 20,
  maxErrorRate: 0.05,
  maxP95: 2000,
  minRequests: 10,
  baselineTolerance: 0.25,
  confidence: 0.98,
  latencyFloor: 5,
  errorRateFloor: 0.005,
  probeUrl: 'http://127.0.0.1:1',
};

describe('canary plan', () => {
  it('gives steps, real shares, time to promote and abort times', () => {
    const o = resolveCanaryOptions(inputs, driverTraits({ driver: 'haproxy' }));
    const plan = planCanary(o, driverTraits({ driver: 'haproxy' }));
    expect(plan.steps.map((s) => [s.weight, s.startsAtMs, s.endsAtMs, s.samples])).toEqual([
      [10, 0, 60_000, 6],
      [25, 60_000, 120_000, 6],
      [50, 120_000, 180_000, 6],
      [100, 180_000, 240_000, 6],
    ]);
    expect(plan).toMatchObject({
      timeToPromoteMs: 240_000,
      abortIfBadFromStartMs: 30_000,
      abortAfterFirstFailureMs: 20_000,
      worstCaseAbortMs: 240_000,
    });
    expect(planLines(plan, o).join('\n')).toMatch(/promoted after 4m when every step passes/);
  });

  it.each([
    ['haproxy', undefined, 10, '10% (server weights 90/10)'],
    ['kubernetes', 'shop', 10, '10% (ingress canary-weight)'],
    ['kubernetes', undefined, 10, 'share of replicas: 50% of 2, 25% of 4, 10% of 10'],
    ['command', undefined, 25, '25% as set-weight-command applies it'],
  ])('real share with %s (ingress %s) at %i%%', (driver, ingress, weight, share) => {
    expect(driverTraits({ driver: driver as DriverName, ingress }).share(weight)).toBe(share);
  });
});

describe('canary chart and summary', () => {
  const startedAt = Date.UTC(2025, 0, 1);
  function judged() {
    const judge = createJudge({ failureLimit: 2, metrics: ['error-rate'] });
    judge.startStep(10);
    judge.observe({ metric: 'error-rate', value: 0.01, threshold: { max: 0.05 }, at: startedAt + 500, query: 'rate <b>|x' });
    judge.observe({ metric: 'error-rate', value: 0.2, threshold: { max: 0.05 }, at: startedAt + 1000, query: 'rate <b>|x' });
    judge.observe({ metric: 'error-rate', value: null, threshold: { max: 0.05 }, at: startedAt + 1500, query: 'rate <b>|x' });
    judge.endStep();
    return judge.finish();
  }

  it('shows the running e-value of the comparison with stable in its look', () => {
    const judge = createJudge({ failureLimit: 3 });
    judge.startStep(25);
    judge.push({
      metric: 'baseline-error-rate',
      value: 0.3,
      at: startedAt + 500,
      verdict: 'fail',
      reason: 'worse',
      statistic: 2400,
      statisticLimit: 100,
      decisive: true,
    });
    judge.endStep();
    const rows = lookRows(judge.finish().samples, ['error-rate', 'baseline-error-rate'], startedAt);
    expect(rows).toEqual([[1, '+0.5s', '25%', '', '❌ 0.3 e=2.4e+3/100']]);
  });

  it('draws weight bars and the error rate in percent, ending at the restored weight', () => {
    const traffic = [
      { at: startedAt, weight: 10, what: 'set-weight' as const },
      { at: startedAt + 1600, weight: 0, what: 'restore' as const },
    ];
    const { points, errorMetric } = chartPoints(judged().samples, traffic, startedAt);
    expect(errorMetric).toBe('error-rate');
    expect(points).toEqual([
      { seconds: 0.5, weight: 10, errorPct: 1 },
      { seconds: 1, weight: 10, errorPct: 20 },
      { seconds: 1.5, weight: 10, errorPct: null },
      { seconds: 1.6, weight: 0, errorPct: null },
    ]);
    const chart = mermaidChart(points, { limitPct: 5, outcome: 'aborted' });
    expect(chart.split('\n')).toEqual([
      '```mermaid',
      '---',
      'config:',
      '  themeVariables:',
      '    xyChart:',
      '      plotColorPalette: "#e5534b, #768390"',
      '---',
      'xychart-beta',
      '  title "Canary error rate, percent and its limit 5%, aborted at 0:02"',
      '  x-axis "minutes since start" 0.01 --> 0.03',
      '  y-axis "error rate, %" 0 --> 24',
      '  line [1, 20, 0]',
      '  line [5, 5, 5]',
      '```',
    ]);
    // Small rates keep their own scale: 0.5% against a 5% limit is not drawn against 100%.
    expect(mermaidChart([{ seconds: 600, weight: 10, errorPct: 0.5 }], { limitPct: 5 })).toContain('y-axis "error rate, %" 0 --> 6');
    // 72 looks: the time axis is a range in minutes from the first look to the last, not 72 labels.
    const many = Array.from({ length: 72 }, (_, i) => ({ seconds: (i + 1) * 10, weight: 10, errorPct: 0.5 }));
    expect(mermaidChart(many)).toContain('x-axis "minutes since start" 0.17 --> 12');
  });

  it('draws up to 120 looks as they are and folds longer canaries without hiding a bad look', () => {
    const samples = (count: number, bad: number) =>
      Array.from({ length: count }, (_, i): SampleRecord => ({
        metric: 'error-rate',
        value: i === bad ? 0.3 : 0.005,
        threshold: { max: 0.05 },
        requests: 200,
        at: startedAt + (i + 1) * 10_000,
        verdict: i === bad ? 'fail' : 'pass',
        reason: '',
        step: 1,
        weight: 10,
        streak: 0,
        recent: 0,
      }));
    expect(chartPoints(samples(120, 50), [], startedAt).points).toHaveLength(120);
    // 360 looks (an hour at 10 s): 120 points, the one bad look among them.
    const { points } = chartPoints(samples(360, 137), [], startedAt);
    expect(points).toHaveLength(120);
    expect(points.filter((p) => p.errorPct === 30)).toHaveLength(1);
    expect(points.filter((p) => p.errorPct === 0.5)).toHaveLength(119);
    expect(points[points.length - 1]!.seconds).toBe(3600);
  });

  it('puts the verdict first, one row per look, and escapes outside text', () => {
    const o = resolveCanaryOptions(inputs, driverTraits({ driver: 'command' }));
    const report = buildReport({
      result: 'aborted',
      environment: 'production',
      version: '2.0.0',
      stableVersion: '1.0.0',
      driver: 'command',
      weight: 0,
      reason: 'error-rate: 2 consecutive samples did not pass',
      startedAt,
      finishedAt: startedAt + 1600,
      options: o,
      metrics: ['error-rate'],
      traffic: [],
      judged: judged(),
    });
    expect(report).toMatchObject({ result: 'aborted', failedMetric: 'error-rate', weight: 0 });
    const summary = new Summary();
    writeCanarySummary(summary, report, [['report', '/tmp/r.json']]);
    const text = summary.toString();
    expect(text.split('\n')[0]).toMatch(
      /^\*\*❌ Aborted 2\.0\.0 in production at step 1 \(10%\) on error-rate: .*; exposed 1\.6 s, all traffic back to stable 1\.0\.0\*\*$/,
    );
    expect(text).toContain('rate &lt;b&gt;&#124;x');
    expect(text).not.toContain('<b>');
    // One row per look, a mark per metric; the per-sample reasons are in the JSON report only.
    expect(text).toContain('| look | time | weight | error-rate |');
    expect(text).toContain('| 1 | +0.5s | 10% | ✅ 0.01 |');
    expect(text).toContain('| 2 | +1s | 10% | ❌ 0.2 |');
    expect(text).toContain('| 3 | +1.5s | 10% | ⚪ no data |');
    expect(text).not.toContain('above the maximum');
    expect(text).toContain('```mermaid');
  });
});

describe('canary sampler', () => {
  const stream = (w: ProbeWindow): ProbeStream => ({ take: () => w, stop: () => {} });

  it('judges the probe window, the baseline, and Prometheus answers, down or not', async () => {
    const o = resolveCanaryOptions(
      {
        ...inputs,
        stableUrl: 'http://127.0.0.1:2',
        prometheusUrl: 'http://user:secret@127.0.0.1:9',
        metrics: [
          { name: 'errors', query: 'sum(x{v="{{version}}"})', max: 0.1 },
          { name: 'rps', query: 'sum(y)', min: 1 },
        ],
      },
      driverTraits({ driver: 'command' }),
    );
    const bodies: Record<string, unknown> = {
      'sum(x{v="2.0.0"})': { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [0, '0.5'] }] } },
    };
    const fetch = async (_url: string, init: RequestInit) => {
      const query = new URLSearchParams(String(init.body)).get('query')!;
      if (!(query in bodies)) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      return new Response(JSON.stringify(bodies[query]), { status: 200 });
    };
    const latencies = Array.from({ length: 20 }, (_, i) => 10 + i);
    const canary = {
      requests: 20,
      errors: 4,
      latencies,
      records: latencies.map((latencyMs, i) => ({ latencyMs, error: i < 4 })),
      statuses: { '200': 16, '500': 4 },
    };
    const stable = {
      requests: 20,
      errors: 0,
      latencies,
      records: latencies.map((latencyMs) => ({ latencyMs, error: false })),
      statuses: { '200': 20 },
    };
    const sampler = createSampler({
      options: o,
      vars: { version: '2.0.0', environment: 'prod' },
      now: () => 42,
      fetch,
      probe: { canary: stream(canary), stable: stream(stable), canaryUrl: 'http://127.0.0.1:1', stableUrl: 'http://127.0.0.1:2' },
    });
    const got = Object.fromEntries((await sampler()).map((e) => [e.metric, e]));
    expect(got.errors).toMatchObject({ value: 0.5, verdict: 'fail', at: 42, query: 'sum(x{v="2.0.0"})' });
    expect(got.rps).toMatchObject({ value: null, verdict: 'inconclusive' });
    expect(got.rps!.reason).toMatch(/unreachable.*ECONNREFUSED/);
    expect(got.rps!.reason).not.toContain('secret');
    expect(got['error-rate']).toMatchObject({ value: 0.2, verdict: 'fail', requests: 20 });
    expect(got['p95-latency']).toMatchObject({ verdict: 'pass' });
    expect(got['baseline-latency']).toMatchObject({ verdict: 'pass' });
    expect(got['baseline-error-rate']!.verdict).toMatch(/pass|fail/);
  });

  it('is inconclusive with fewer requests than min-requests', async () => {
    const o = resolveCanaryOptions(inputs, driverTraits({ driver: 'command' }));
    const sampler = createSampler({
      options: o,
      vars: { version: '2', environment: 'e' },
      now: () => 1,
      probe: {
        canary: stream({
          requests: 3,
          errors: 0,
          latencies: [1, 2, 3],
          records: [1, 2, 3].map((latencyMs) => ({ latencyMs, error: false })),
          statuses: {},
        }),
        canaryUrl: 'http://127.0.0.1:1',
      },
    });
    const got = await sampler();
    expect(got.map((e) => [e.metric, e.verdict])).toEqual([
      ['error-rate', 'inconclusive'],
      ['p95-latency', 'inconclusive'],
    ]);
  });
});

describe('canary probe against a real server', () => {
  let server: http.Server;
  let url: string;
  let n = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      n += 1;
      const code = n % 4 === 0 ? 503 : 200;
      setTimeout(
        () => {
          res.writeHead(code);
          res.end('x');
        },
        req.url === '/slow' ? 300 : 0,
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );

  it('sends at the rate asked and counts 5xx as errors', async () => {
    const began = performance.now();
    const probe = startProbeStream({ url: `${url}/`, rps: 100, timeoutMs: 1000 });
    await new Promise((r) => setTimeout(r, 420));
    const w = probe.take();
    const due = ((performance.now() - began) * 100) / 1000;
    probe.stop();
    // Never more than the schedule allows; most of it answered (the server answers at once).
    expect(w.requests).toBeLessThanOrEqual(Math.ceil(due) + 1);
    expect(w.requests).toBeGreaterThanOrEqual(Math.floor(due / 2));
    expect(w.errors).toBe(w.statuses['503'] ?? 0);
    expect(w.errors / w.requests).toBeGreaterThan(0.1);
    expect(w.errors / w.requests).toBeLessThan(0.4);
    expect(w.latencies).toHaveLength(w.requests);
  });

  it('counts a request slower than the timeout as an error at the timeout', async () => {
    const probe = startProbeStream({ url: `${url}/slow`, rps: 20, timeoutMs: 100 });
    await new Promise((r) => setTimeout(r, 400));
    const w = probe.take();
    probe.stop();
    expect(w.requests).toBeGreaterThan(0);
    expect(w.errors).toBe(w.requests);
    expect(w.statuses.failed).toBe(w.requests);
    expect(Math.min(...w.latencies)).toBe(100);
  });

  it('counts refused connections as errors', async () => {
    const probe = startProbeStream({ url: 'http://127.0.0.1:1/', rps: 50, timeoutMs: 500 });
    await new Promise((r) => setTimeout(r, 200));
    const w = probe.take();
    probe.stop();
    expect(w.requests).toBeGreaterThan(0);
    expect(w.errors).toBe(w.requests);
  });
});
