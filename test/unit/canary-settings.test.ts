import { describe, expect, it } from 'vitest';
import { metricsSchema } from '../../src/canary/metrics.js';
import { judgedMetrics, probeTimeout, resolveCanaryOptions, type CanaryInputs } from '../../src/canary/options.js';
import { checkSteps, stepsField } from '../../src/canary/steps.js';
import { driverTraits } from '../../src/drivers/factory.js';
import type { DriverName } from '../../src/drivers/fields.js';

describe('canary steps', () => {
  it.each([
    ['10,25,50,100', [10, 25, 50, 100]],
    ['100', [100]],
    ['5%, 50%, 100%', [5, 50, 100]],
  ])('accepts %s', (text, steps) => {
    expect(stepsField().schema.parse(text)).toEqual(steps);
  });

  it.each([
    [['10', '5', '100'], 1, /does not rise above the step before it \(10\)/],
    [['120'], 0, /120 is outside 1\.\.100/],
    [['0', '100'], 0, /0 is outside 1\.\.100/],
    [['10', '50'], 1, /the last step is 50, not 100/],
    [['10', 'x', '100'], 1, /"x" is not a whole percentage/],
    [['12.5', '100'], 0, /not a whole percentage/],
    [['50', '50', '100'], 1, /does not rise/],
  ])('refuses %j at index %i', (items, index, message) => {
    const result = checkSteps(items);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.index).toBe(index);
      expect(result.message).toMatch(message);
    }
  });

  it('keeps the index as the issue path (config errors name steps[2])', () => {
    const result = stepsField().schema.safeParse([10, 50, 40]);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([2]);
  });
});

describe('canary metrics schema', () => {
  const ok = { name: 'error-rate', query: 'sum(x)', max: 0.05 };
  it('accepts a list with max, min or both', () => {
    expect(metricsSchema.parse([ok, { name: 'rps', query: 'sum(y)', min: 1 }, { name: 'z', query: 'q', min: 0, max: 2 }])).toHaveLength(3);
  });
  it.each([
    [[{ name: 'a', query: 'q' }], /needs a threshold/],
    [[{ name: 'a', query: 'q', min: 3, max: 2 }], /min is above max/],
    [[ok, ok], /used twice/],
    [[{ ...ok, extra: 1 }], /extra/i],
    [[{ ...ok, name: 'has space' }], /must be a name/],
    [[], /at least one/],
    ['text', /must be a list/],
  ])('refuses %j', (value, message) => {
    const result = metricsSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message).join('; ')).toMatch(message);
  });
});

describe('canary options', () => {
  const base: CanaryInputs = {
    steps: [10, 50, 100],
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
    errorRateFloor: 0.01,
  };
  const metrics = [{ name: 'errors', query: 'sum(x)', max: 0.05 }];

  it('samples step-duration / analysis-interval times a step', () => {
    const o = resolveCanaryOptions({ ...base, probeUrl: 'http://127.0.0.1:1' }, driverTraits({ driver: 'command' }));
    expect(o.samplesPerStep).toBe(6);
    expect(o.probe).toMatchObject({ canaryUrl: 'http://127.0.0.1:1', fromDriver: false, timeoutMs: 4000 });
    expect(o.prometheus).toBeUndefined();
    expect(o.baseline).toEqual({ tolerance: 0.25, confidence: 0.98, latencyFloorMs: 5, errorRateFloor: 0.01, minRequests: 10 });
  });

  it('turns the probe on by itself with the local driver, which reports the URLs', () => {
    const o = resolveCanaryOptions(base, driverTraits({ driver: 'local' }));
    expect(o.probe?.fromDriver).toBe(true);
    expect(judgedMetrics(o, true)).toEqual(['error-rate', 'p95-latency', 'baseline-latency', 'baseline-error-rate']);
    expect(judgedMetrics(o, false)).toEqual(['error-rate', 'p95-latency']);
  });

  it('judges Prometheus metrics alone when only they are given', () => {
    const o = resolveCanaryOptions({ ...base, prometheusUrl: 'http://127.0.0.1:9090', metrics }, driverTraits({ driver: 'haproxy' }));
    expect(o.probe).toBeUndefined();
    expect(judgedMetrics(o, false)).toEqual(['errors']);
    expect(o.prometheus?.timeoutMs).toBe(10_000);
  });

  it.each([
    [{ analysisInterval: 90_000 }, 'command', /"analysis-interval" \(90s\) is longer than "step-duration" \(1m\)/],
    [{ metrics }, 'command', /"prometheus-url" is required with "metrics"/],
    [{ prometheusUrl: 'http://127.0.0.1:9' }, 'command', /"metrics" is required with "prometheus-url"/],
    [{}, 'haproxy', /no evidence to be judged on with the haproxy driver/],
    [{ stableUrl: 'http://127.0.0.1:2' }, 'command', /"probe-url" is required with "stable-url"/],
    [
      { probeUrl: 'http://127.0.0.1:1', prometheusUrl: 'http://127.0.0.1:9', metrics: [{ name: 'p95-latency', query: 'q', max: 1 }] },
      'command',
      /built-in probe's metrics/,
    ],
    [
      { probeUrl: 'http://127.0.0.1:1', probeRps: 0.5, analysisInterval: 1_000 },
      'command',
      /about 0\.5 request\(s\) per sample, fewer than the 10 a sample needs.*Accepted: probe-rps x analysis-interval/,
    ],
    [
      { probeRps: 2, analysisInterval: 4_000 },
      'local',
      /"probe-rps" \(2\), "analysis-interval" \(4s\) and "min-requests" \(10\).*probe-rps: 3 with these/,
    ],
  ])('refuses %j with the %s driver', (extra, driver, message) => {
    expect(() => resolveCanaryOptions({ ...base, ...extra } as CanaryInputs, driverTraits({ driver: driver as DriverName }))).toThrow(
      message,
    );
  });

  it('accepts a probe that sends exactly min-requests a sample, and a slow probe-rps without the probe', () => {
    expect(
      resolveCanaryOptions(
        { ...base, probeUrl: 'http://127.0.0.1:1', probeRps: 1, analysisInterval: 10_000 },
        driverTraits({ driver: 'command' }),
      ).probe?.rps,
    ).toBe(1);
    expect(
      resolveCanaryOptions(
        { ...base, probeRps: 0.5, analysisInterval: 1_000, prometheusUrl: 'http://127.0.0.1:9', metrics },
        driverTraits({ driver: 'haproxy' }),
      ).probe,
    ).toBeUndefined();
  });

  it('lets a probe request take twice the p95 limit, within 1-30 s', () => {
    expect([probeTimeout(100), probeTimeout(2000), probeTimeout(60_000)]).toEqual([1000, 4000, 30_000]);
  });
});
