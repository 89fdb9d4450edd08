import { describe, expect, it } from 'vitest';
import {
  BettingTest,
  COMPARE_DEFAULTS,
  SCENARIOS,
  SampleWindow,
  createComparison,
  createJudge,
  createRng,
  evaluateSample,
  evidenceRows,
  formatThreshold,
  median,
  normalCdf,
  normalSf,
  percentile,
  powerRow,
  runScenario,
  wilson,
  type Evaluation,
  type MetricSample,
  type ProbeRequest,
} from '../../src/verify/index.js';
import { readSmokeSignal } from '../../src/verify/sources/smoke.js';

const seq = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

describe('stats', () => {
  it('interpolates percentiles between closest ranks (numpy default)', () => {
    expect(percentile([1, 2, 3, 4], 95)).toBeCloseTo(3.85, 12);
    expect(percentile([15, 20, 35, 40, 50], 40)).toBeCloseTo(29, 12);
    expect(percentile([4, 1, 3, 2], 0)).toBe(1);
    expect(percentile([4, 1, 3, 2], 100)).toBe(4);
    expect(median([3, 1, 2])).toBe(2);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it('computes the normal distribution to 1e-7', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 7);
    expect(normalSf(2.054)).toBeCloseTo(0.019987845855041885, 7);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316300933, 8);
    expect(normalSf(5) / 2.866515718791933e-7).toBeCloseTo(1, 5);
  });
});

describe('evaluateSample', () => {
  const at = 1_700_000_000_000;
  it.each([
    [{ value: null }, 'inconclusive', 'no data'],
    [{ value: Number.NaN }, 'inconclusive', 'value is NaN'],
    [{ value: Number.POSITIVE_INFINITY }, 'inconclusive', 'value is Infinity'],
    [{ value: 0.01, requests: 9, threshold: { max: 0.05 } }, 'inconclusive', 'only 9 requests, at least 10 needed'],
    [{ value: 0.01, requests: 10, threshold: { max: 0.05 } }, 'pass', 'within threshold'],
    [{ value: 0.06, requests: 200, threshold: { max: 0.05 } }, 'fail', '0.06 is above the maximum 0.05'],
    [{ value: 0.05, threshold: { max: 0.05 } }, 'pass', 'within threshold'],
    [{ value: 0.9, threshold: { min: 0.95 } }, 'fail', '0.9 is below the minimum 0.95'],
    [{ value: 2013.46, threshold: { min: 0, max: 2000 } }, 'fail', '2013.5 is above the maximum 2000'],
    [{ value: 3 }, 'pass', 'no threshold; recorded'],
  ] as const)('%j -> %s', (partial, verdict, reason) => {
    const sample: MetricSample = { metric: 'm', at, ...partial };
    expect(evaluateSample(sample)).toEqual({ ...sample, verdict, reason });
  });

  it('honours minRequests', () => {
    const sample: MetricSample = { metric: 'm', at, value: 0, requests: 40, threshold: { max: 1 } };
    expect(evaluateSample(sample, { minRequests: 50 }).verdict).toBe('inconclusive');
    expect(evaluateSample(sample, { minRequests: 40 }).verdict).toBe('pass');
  });
});

describe('judge', () => {
  let clock = 0;
  const ev = (metric: string, verdict: Evaluation['verdict']): Evaluation => ({
    metric,
    value: 1,
    at: (clock += 10),
    verdict,
    reason: verdict,
  });

  it('aborts when a metric reaches the failure limit, counting inconclusive samples too', () => {
    const judge = createJudge({ failureLimit: 3 });
    judge.startStep(10);
    judge.push(ev('latency', 'fail'));
    judge.push(ev('errors', 'pass'));
    judge.push(ev('latency', 'inconclusive'));
    expect(judge.abort).toBeUndefined();
    const third = judge.push(ev('latency', 'inconclusive'));
    expect(third).toMatchObject({ step: 1, weight: 10, streak: 3 });
    expect(judge.abort).toMatchObject({ failedMetric: 'latency', cause: 'fail', step: 1, weight: 10 });
    expect(judge.endStep().passed).toBe(false);
    expect(() => judge.startStep(25)).toThrow(/aborted/);
    expect(judge.finish()).toMatchObject({ outcome: 'aborted', failedMetric: 'latency' });
  });

  it('says the abort came from missing evidence when no sample failed', () => {
    const judge = createJudge({ failureLimit: 2 });
    judge.startStep(10);
    judge.observe({ metric: 'p95', value: null, at: (clock += 1) });
    judge.observe({ metric: 'p95', value: 5, requests: 3, at: (clock += 1) });
    expect(judge.abort).toMatchObject({ failedMetric: 'p95', cause: 'inconclusive' });
    expect(judge.abort!.reason).toBe('p95: 2 samples in a row did not pass (last: only 3 requests, at least 10 needed)');
  });

  it('keeps streaks and windows per metric; a pass no longer wipes out the count', () => {
    const judge = createJudge({ failureLimit: 2 });
    judge.startStep(50);
    for (const [metric, verdict] of [
      ['a', 'fail'],
      ['b', 'fail'],
      ['a', 'pass'],
      ['b', 'pass'],
      ['a', 'pass'],
      ['a', 'pass'],
      ['a', 'fail'],
    ] as const) {
      judge.push(ev(metric, verdict));
    }
    expect(judge.abort).toBeUndefined();
    expect(judge.report().samples.map((s) => s.streak)).toEqual([1, 1, 0, 0, 0, 0, 1]);
    expect(judge.report().samples.map((s) => s.recent)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(judge.endStep()).toEqual({
      step: 1,
      weight: 50,
      passed: true,
      reason: 'every one of 2 metrics passed at least once and none reached its limit',
    });

    const flapping = createJudge({ failureLimit: 2 });
    flapping.startStep(10);
    for (const verdict of ['fail', 'pass', 'fail'] as const) flapping.push(ev('a', verdict));
    expect(flapping.abort).toMatchObject({
      failedMetric: 'a',
      cause: 'fail',
      reason: 'a: 2 of the last 3 samples did not pass (last: fail)',
    });
  });

  it('aborts at once on a failing sample of an accumulating test', () => {
    const judge = createJudge({ failureLimit: 3 });
    judge.startStep(10);
    judge.push({ ...ev('baseline-error-rate', 'pass'), decisive: true });
    expect(judge.abort).toBeUndefined();
    judge.push({ ...ev('baseline-error-rate', 'fail'), decisive: true, reason: 'above stable since the start' });
    expect(judge.abort).toMatchObject({
      failedMetric: 'baseline-error-rate',
      cause: 'fail',
      reason: 'baseline-error-rate: above stable since the start',
    });
  });

  it('passes a step when each metric passed at least once in it, not otherwise', () => {
    const judge = createJudge({ failureLimit: 3 });
    judge.startStep(10);
    judge.push(ev('a', 'pass'));
    judge.push(ev('b', 'pass'));
    judge.push(ev('a', 'inconclusive'));
    expect(judge.endStep().passed).toBe(true);
    judge.startStep(50);
    judge.push(ev('a', 'inconclusive'));
    judge.push(ev('b', 'pass'));
    expect(judge.endStep().passed).toBe(false);
    expect(judge.abort).toMatchObject({
      failedMetric: 'a',
      cause: 'inconclusive',
      reason: 'a: no sample passed during the step (last: inconclusive)',
    });
    expect(judge.finish().outcome).toBe('aborted');
  });

  it('does not pass a step without samples or without an expected metric', () => {
    const empty = createJudge({ failureLimit: 3 });
    empty.startStep(10);
    expect(empty.endStep().reason).toBe('the step ended without any sample');
    expect(empty.finish()).toMatchObject({ outcome: 'aborted' });
    expect(empty.report().failedMetric).toBeUndefined();

    const missing = createJudge({ failureLimit: 3, metrics: ['a', 'b'] });
    missing.startStep(10);
    missing.push(ev('a', 'pass'));
    expect(missing.endStep().passed).toBe(false);
    expect(missing.abort).toMatchObject({ failedMetric: 'b', reason: 'b: no sample during the step' });
  });

  it('promotes only after every step passed, and never with no steps', () => {
    const judge = createJudge({ failureLimit: 3 });
    for (const weight of [10, 50, 100]) {
      judge.startStep(weight);
      judge.push(ev('a', weight === 10 ? 'fail' : 'pass'));
      judge.push(ev('a', 'pass'));
      expect(judge.endStep().passed).toBe(true);
    }
    const report = judge.finish();
    expect(report.outcome).toBe('promoted');
    expect(report.steps.map((s) => s.weight)).toEqual([10, 50, 100]);
    expect(report.samples).toHaveLength(6);
    expect(report.failedMetric).toBeUndefined();
    expect(createJudge({ failureLimit: 1 }).finish().outcome).toBe('aborted');
  });

  it('keeps recording evidence after an abort without changing it', () => {
    const judge = createJudge({ failureLimit: 1 });
    judge.startStep(10);
    judge.push(ev('a', 'fail'));
    judge.push(ev('b', 'fail'));
    expect(judge.report().samples).toHaveLength(2);
    expect(judge.abort!.failedMetric).toBe('a');
  });

  it('rejects misuse', () => {
    expect(() => createJudge({ failureLimit: 0 })).toThrow(RangeError);
    const judge = createJudge({ failureLimit: 3 });
    expect(() => judge.push(ev('a', 'pass'))).toThrow(/startStep/);
    judge.startStep(10);
    expect(() => judge.startStep(20)).toThrow(/still open/);
    judge.push({ ...ev('a', 'pass'), at: 100 });
    expect(() => judge.push({ ...ev('a', 'pass'), at: 99 })).toThrow(/time order/);
    expect(() => judge.push({ ...ev('a', 'pass'), at: Number.NaN })).toThrow(/finite/);
    expect(() => judge.finish()).toThrow(/still open/);
  });

  it('gives evidence rows for a summary table', () => {
    const judge = createJudge({ failureLimit: 3 });
    judge.startStep(25);
    judge.observe({ metric: 'p95-latency', value: 2013.46, threshold: { max: 2000 }, requests: 200, at: Date.UTC(2025, 0, 1) });
    judge.observe({ metric: 'error-rate', value: null, at: Date.UTC(2025, 0, 1) });
    expect(evidenceRows(judge.report().samples)).toEqual([
      ['1', '25%', '2025-01-01T00:00:00.000Z', 'p95-latency', '2013.5', '<= 2000', 'fail', '2013.5 is above the maximum 2000'],
      ['1', '25%', '2025-01-01T00:00:00.000Z', 'error-rate', 'no data', '-', 'inconclusive', 'no data'],
    ]);
    expect(formatThreshold({ min: 0.5, max: 2 })).toBe('>= 0.5 and <= 2');
  });
});

describe('seeded random numbers', () => {
  it('repeats a stream for the same seeds and differs for others', () => {
    const take = (...seeds: number[]): number[] => {
      const rng = createRng(...seeds);
      return seq(5, () => rng.next());
    };
    expect(take(1, 2)).toEqual(take(1, 2));
    expect(take(1, 2)).not.toEqual(take(2, 1));
    expect(take(1)).not.toEqual(take(2));
  });

  it('draws from the distributions it names', () => {
    const rng = createRng(3);
    const uniform = seq(20_000, () => rng.next());
    expect(Math.min(...uniform)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...uniform)).toBeLessThan(1);
    expect(uniform.reduce((s, x) => s + x, 0) / uniform.length).toBeCloseTo(0.5, 1);
    const normal = seq(20_000, () => rng.normal());
    const m = normal.reduce((s, x) => s + x, 0) / normal.length;
    const sd = Math.sqrt(normal.reduce((s, x) => s + (x - m) ** 2, 0) / normal.length);
    expect(Math.abs(m)).toBeLessThan(0.03);
    expect(sd).toBeCloseTo(1, 1);
    expect(median(seq(20_000, () => rng.lognormal(100, 0.5))) / 100).toBeCloseTo(1, 1);
    expect(Math.min(...seq(1000, () => rng.pareto(400, 1.3)))).toBeGreaterThanOrEqual(400);
  });
});

describe('sample window (absolute guardrails)', () => {
  it('trips at limit non-passing samples among the last 2 x limit', () => {
    const w = new SampleWindow(3);
    const states = ['fail', 'pass', 'pass', 'inconclusive', 'pass', 'pass', 'pass', 'fail'].map((v) => w.push(v as 'pass'));
    expect(states.map((s) => s.notPassing)).toEqual([1, 1, 1, 2, 2, 2, 1, 2]);
    expect(states.some((s) => s.tripped)).toBe(false);
    expect(w.push('fail')).toMatchObject({ notPassing: 3, streak: 2, tripped: true, sawFail: true });
  });

  it('ignores samples without data under the bake policy, counts them under the canary policy', () => {
    const bake = new SampleWindow(2, 'ignored');
    for (let i = 0; i < 10; i++) expect(bake.push('inconclusive').tripped).toBe(false);
    expect(bake.state().seen).toBe(0);
    const canary = new SampleWindow(2, 'counts');
    canary.push('inconclusive');
    expect(canary.push('inconclusive')).toMatchObject({ tripped: true, sawFail: false });
    expect(() => new SampleWindow(0)).toThrow(RangeError);
  });
});

describe('betting test (anytime-valid)', () => {
  /** Runs `runs` streams of `n` increments from `draw`, returns the share that ever reached 1/alpha. */
  const rejections = (
    draw: (rng: ReturnType<typeof createRng>) => number,
    lower: number,
    alpha: number,
    runs: number,
    n: number,
  ): number => {
    let rejected = 0;
    for (let seed = 1; seed <= runs; seed++) {
      const rng = createRng(seed, 77);
      const t = new BettingTest({ lower });
      for (let i = 0; i < n; i++) t.observe(draw(rng));
      if (t.rejected(alpha)) rejected++;
    }
    return rejected / runs;
  };
  const pair = (p: number, q: number) => (rng: ReturnType<typeof createRng>) => (rng.chance(p) ? 1 : 0) - (rng.chance(q) ? 1 : 0);

  it('keeps its type-I error below alpha over every look (Ville), at the boundary of the null', () => {
    // Mean exactly 0, looked at after each of 3,000 observations: rejects in at most alpha of runs.
    expect(rejections(pair(0.5, 0.5), 1, 0.05, 400, 3000)).toBeLessThanOrEqual(0.05);
    expect(rejections(pair(0.01, 0.01), 1, 0.05, 400, 3000)).toBeLessThanOrEqual(0.05);
    // Inside the null (negative mean) it almost never rejects.
    expect(rejections(pair(0.4, 0.5), 1, 0.05, 200, 3000)).toBe(0);
  });

  it('gathers evidence against a false null until it rejects', () => {
    expect(rejections(pair(0.6, 0.5), 1, 0.01, 100, 3000)).toBeGreaterThanOrEqual(0.95);
  });

  it('bets the plug-in Kelly fraction of the past, never more than cap / lower, never negative', () => {
    const t = new BettingTest({ lower: 2, cap: 0.5, priorWeight: 0 });
    expect(t.stake()).toBe(0);
    t.observe(1);
    // mean 1, mean square 1: Kelly 1, capped at 0.5 / 2.
    expect(t.stake()).toBe(0.25);
    t.observe(1);
    t.observe(-2);
    expect(t.stake()).toBe(0); // mean 0: no bet
    // Wealth: the first observation unstaked, then (1 + 0.25 x 1) x (1 + 0.25 x -2).
    expect(t.logWealth).toBeCloseTo(Math.log(1.25 * 0.5), 12);
    expect(t.maxLogWealth).toBeCloseTo(Math.log(1.25), 12);
    expect(() => new BettingTest({ lower: 0 })).toThrow(RangeError);
    expect(() => new BettingTest({ lower: 1, cap: 1 })).toThrow(RangeError);
  });
});

describe('comparison with stable (accumulating)', () => {
  const requests = (rng: ReturnType<typeof createRng>, n: number, errorRate: number, scale = 1, median = 40): ProbeRequest[] =>
    seq(n, () => ({ latencyMs: scale * rng.lognormal(median, 0.35), error: rng.chance(errorRate) }));
  /** Looks at `looks` intervals of `n` requests each; the first failing look of each metric (1-based), or null. */
  const run = (seed: number, canary: { errorRate?: number; scale?: number }, looks = 24, n = 300) => {
    const rng = createRng(seed, 5);
    const c = createComparison();
    const first: { errorRate: number | null; latency: number | null } = { errorRate: null, latency: null };
    for (let k = 1; k <= looks; k++) {
      const look = c.look(requests(rng, n, canary.errorRate ?? 0.005, canary.scale ?? 1), requests(rng, n, 0.005), k);
      if (look.errorRate.verdict === 'fail') first.errorRate ??= k;
      if (look.latency.verdict === 'fail') first.latency ??= k;
    }
    return first;
  };

  it('splits alpha = 1 - confidence over the error rate and the three latency quantiles', () => {
    const c = createComparison({ confidence: 0.98 });
    expect(c.alpha.errorRate).toBeCloseTo(0.01, 12);
    expect(c.alpha.latencyPerQuantile).toBeCloseTo(0.01 / 3, 12);
    expect(COMPARE_DEFAULTS).toMatchObject({ tolerance: 0.25, errorRateFloor: 0.005, latencyFloorMs: 5 });
  });

  it('does not abort identical versions, looked at 24 times (100 seeds)', () => {
    const aborted = seq(100, (i) => run(i + 1, {})).filter((f) => f.errorRate !== null || f.latency !== null).length;
    expect(aborted).toBeLessThanOrEqual(2);
  });

  it('finds 8x errors and a 50% slower canary within a few looks', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const errors = run(seed, { errorRate: 0.04 }, 12);
      expect(errors.errorRate).not.toBeNull();
      expect(errors.errorRate!).toBeLessThanOrEqual(6);
      const slow = run(seed, { scale: 1.5 }, 12);
      expect(slow.latency).not.toBeNull();
      expect(slow.latency!).toBeLessThanOrEqual(4);
    }
  });

  it('reports the running statistic, the allowance and the counts; the first look sets the latency thresholds', () => {
    const rng = createRng(9);
    const c = createComparison();
    const look = c.look(requests(rng, 200, 0.5, 3), requests(rng, 200, 0.005), 1);
    expect(look.latency).toMatchObject({ metric: 'baseline-latency', verdict: 'pass', statistic: 1, decisive: true });
    expect(look.errorRate.metric).toBe('baseline-error-rate');
    expect(look.errorRate.statisticLimit).toBeCloseTo(100, 9);
    expect(look.errorRate.reason).toMatch(/\d+\/200 vs stable \d+\/200; e=/);
    // stable's rate plus the larger of 25% and 0.5 points
    const stableRate = Number(/vs stable (\d+)\/200/.exec(look.errorRate.reason)![1]) / 200;
    expect(look.errorRate.threshold!.max).toBeCloseTo(Math.max(stableRate * 1.25, stableRate + 0.005), 12);
  });

  it('is inconclusive, not a pass, when an interval has too few pairs', () => {
    const rng = createRng(10);
    const look = createComparison().look(requests(rng, 5, 0), requests(rng, 300, 0), 1);
    expect(look.errorRate.verdict).toBe('inconclusive');
    expect(look.latency.verdict).toBe('inconclusive');
    expect(look.errorRate.reason).toMatch(/too few requests this interval \(5 pairs, at least 10 needed/);
  });

  it('never counts a latency difference below the floor: 1.4 ms against 1 ms', () => {
    const rng = createRng(11);
    const c = createComparison();
    let verdict = 'pass';
    for (let k = 1; k <= 24; k++) verdict = c.look(requests(rng, 300, 0, 1.4, 1), requests(rng, 300, 0, 1, 1), k).latency.verdict;
    expect(verdict).toBe('pass');
  });
});

describe('power table (fixed seeds, small subset of the bench)', () => {
  const scenario = (name: string) => SCENARIOS.find((s) => s.name === name)!;

  it('gives the Wilson score interval of published examples', () => {
    // Newcombe (1998), Table I: 0/10 -> 0 to 0.2775; 1/29 -> 0.0061 to 0.1718.
    const [lo0, hi0] = wilson(0, 10);
    expect(lo0).toBe(0);
    expect(hi0).toBeCloseTo(0.2775, 4);
    const [lo1, hi1] = wilson(1, 29);
    expect(lo1).toBeCloseTo(0.0061, 4);
    expect(hi1).toBeCloseTo(0.1718, 4);
  });

  it('A/A at the default traffic: at most 1% aborted over 200 seeds', () => {
    const row = powerRow(scenario('A/A'), { requestsPerSample: 300, runs: 200 });
    expect(row.runs).toBe(200);
    expect(row.rate).toBeLessThanOrEqual(0.01);
  });

  it('catches regressions the old per-sample judge missed (40 seeds each)', () => {
    expect(powerRow(scenario('errors 8x'), { requestsPerSample: 300, runs: 40 })).toMatchObject({ rate: 1, met: true });
    expect(powerRow(scenario('intermittent'), { requestsPerSample: 300, runs: 40 }).rate).toBe(1);
    expect(powerRow(scenario('tail only'), { requestsPerSample: 300, runs: 40 }).rate).toBeGreaterThanOrEqual(0.8);
    expect(powerRow(scenario('latency +50%'), { requestsPerSample: 300, runs: 40 })).toMatchObject({ rate: 1, met: true });
  });

  it('never promotes flapping samples or too little traffic', () => {
    for (const name of ['fail, fail, pass', 'inconclusive, inconclusive, pass', 'too little traffic']) {
      expect(powerRow(scenario(name), { requestsPerSample: 300, runs: 30 }).rate).toBe(1);
    }
    expect(runScenario(scenario('too little traffic'), 1, 300)).toMatchObject({ aborted: true, inconclusive: true });
  });

  it('is reproducible from its seeds', () => {
    const s = scenario('errors 4x');
    const once = [1, 2, 3].map((seed) => runScenario(s, seed, 200));
    expect([1, 2, 3].map((seed) => runScenario(s, seed, 200))).toEqual(once);
  });
});

describe('smoke checks as a signal (real loopback server)', () => {
  it('sends every check once and fails the look on one failing check', async () => {
    const { createServer } = await import('node:http');
    let hits = 0;
    const server = createServer((req, res) => {
      hits++;
      res.writeHead(req.url === '/bad' ? 503 : 200).end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const check = (path: string) => ({ name: `GET ${path}`, path, method: 'GET', headers: {}, expect: {} });
      const good = await readSmokeSignal([check('/ok'), check('/health')], { url, timeoutMs: 2000 });
      expect(good).toMatchObject({ verdict: 'pass', failed: 0 });
      const bad = await readSmokeSignal([check('/ok'), check('/bad')], { url, timeoutMs: 2000 });
      expect(bad).toMatchObject({ verdict: 'fail', failed: 1, first: { name: 'GET /bad', status: 503 } });
      expect(hits).toBe(4); // no retries
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
