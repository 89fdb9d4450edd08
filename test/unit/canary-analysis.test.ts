import { beforeAll, describe, expect, it } from 'vitest';
import {
  MANN_WHITNEY_MIN_SIZE,
  SCENARIOS,
  compareErrorRate,
  compareLatency,
  comparisonToEvaluation,
  confusionMatrix,
  createJudge,
  createRng,
  evaluateSample,
  evidenceRows,
  formatThreshold,
  mannWhitneyU,
  median,
  normalCdf,
  normalSf,
  percentile,
  proportionExcessTest,
  runScenario,
  type ConfusionMatrix,
  type Evaluation,
  type MetricSample,
  type Observations,
} from '../../src/canary/analysis/index.js';

const seq = (n: number, f: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i));

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

describe('mannWhitneyU', () => {
  // Reference values: scipy.stats.mannwhitneyu(a, b, alternative=..., method="asymptotic").
  // By hand for the first: U = 17, var = 5*4*10/12, z = (17 - 10 - 0.5)/4.0825 = 1.5922.
  const males = [19, 22, 16, 29, 24];
  const females = [20, 11, 17, 12];
  const tiedA = [1, 2, 2, 3, 3, 3, 4, 5, 6, 7];
  const tiedB = [2, 3, 4, 4, 5, 5, 6, 8, 9, 9];

  it.each([
    [males, females, 'greater', 17, 0.055673443266570206],
    [males, females, 'less', 17, 0.9669037101389033],
    [males, females, 'two-sided', 17, 0.11134688653314041],
    [tiedA, tiedB, 'greater', 27, 0.9634880448071735],
    [tiedA, tiedB, 'less', 27, 0.043044710232659884],
    [tiedA, tiedB, 'two-sided', 27, 0.08608942046531977],
  ] as const)('matches the reference value %#', (a, b, alternative, u, p) => {
    const result = mannWhitneyU(a, b, alternative, { minSize: 1 })!;
    expect(result.u).toBe(u);
    expect(result.pValue).toBeCloseTo(p, 6);
  });

  it('matches the reference on a larger sample with ties', () => {
    const a = seq(30, (i) => ((i * 37) % 101) + 0.5 * (i % 3));
    const b = seq(25, (i) => ((i * 53) % 97) + 10);
    expect(mannWhitneyU(a, b, 'greater')).toMatchObject({ u: 348 });
    expect(mannWhitneyU(a, b, 'greater')!.pValue).toBeCloseTo(0.6789871428025841, 6);
    expect(mannWhitneyU(a, b, 'less')!.pValue).toBeCloseTo(0.3270895613208502, 6);
    expect(mannWhitneyU(a, b, 'two-sided')!.pValue).toBeCloseTo(0.6541791226417004, 6);
  });

  it('returns undefined below the minimum sample size', () => {
    const eight = seq(MANN_WHITNEY_MIN_SIZE, (i) => i);
    expect(mannWhitneyU(eight.slice(1), eight, 'greater')).toBeUndefined();
    expect(mannWhitneyU(eight, eight.slice(1), 'two-sided')).toBeUndefined();
    expect(mannWhitneyU(eight, eight, 'two-sided')).toBeDefined();
  });

  it('stays within 0.006 of the exact p-value from the minimum size on (no ties)', () => {
    for (const [n1, n2] of [[8, 8], [8, 10], [10, 12]] as const) {
      const exact = exactUpperTail(n1, n2);
      for (let u = Math.ceil((n1 * n2) / 2); u <= n1 * n2; u++) {
        const a = arrangementWithU(n1, n2, u);
        const p = mannWhitneyU(a.a, a.b, 'greater')!.pValue;
        expect(Math.abs(p - exact[u]!)).toBeLessThan(0.006);
      }
    }
  });

  it('has the symmetries of a rank test', () => {
    const rng = createRng(7);
    const a = seq(20, () => rng.lognormal(100, 0.5));
    const b = seq(15, () => rng.lognormal(110, 0.5));
    const ab = mannWhitneyU(a, b, 'greater')!;
    const ba = mannWhitneyU(b, a, 'less')!;
    expect(ab.u + mannWhitneyU(b, a, 'greater')!.u).toBe(20 * 15);
    expect(ab.pValue).toBeCloseTo(ba.pValue, 12);
    // ranks only: a monotone transform of both samples changes nothing
    expect(mannWhitneyU(a.map(Math.log), b.map(Math.log), 'greater')!.pValue).toBeCloseTo(ab.pValue, 12);
    // shifting `a` up makes 'greater' more likely
    expect(mannWhitneyU(a.map((x) => x + 30), b, 'greater')!.pValue).toBeLessThan(ab.pValue);
  });

  it('finds no evidence when every value is tied, and rejects non-numbers', () => {
    const same = seq(10, () => 5);
    expect(mannWhitneyU(same, same, 'greater')).toEqual({ u: 50, z: 0, pValue: 1 });
    expect(() => mannWhitneyU([...same.slice(1), Number.NaN], same, 'less')).toThrow(RangeError);
  });

  it('detects a clear shift and not a null one', () => {
    const rng = createRng(11);
    const base = seq(200, () => rng.lognormal(100, 0.3));
    const slower = seq(200, () => 1.5 * rng.lognormal(100, 0.3));
    const same = seq(200, () => rng.lognormal(100, 0.3));
    expect(mannWhitneyU(slower, base, 'greater')!.pValue).toBeLessThan(1e-6);
    expect(mannWhitneyU(same, base, 'greater')!.pValue).toBeGreaterThan(0.02);
  });
});

/** Exact P(U >= u) for samples without ties, by counting arrangements (dynamic programming). */
function exactUpperTail(n1: number, n2: number): number[] {
  // count[i][j][u]: arrangements of i a's and j b's with u pairs where a > b
  let prev: number[][] = [];
  for (let i = 0; i <= n1; i++) {
    const row: number[][] = [];
    for (let j = 0; j <= n2; j++) {
      const cell = new Array<number>(n1 * n2 + 1).fill(0);
      if (i === 0 || j === 0) cell[0] = 1;
      else {
        // the largest element is an a (beats all j b's) or a b
        prev[j]!.forEach((c, u) => c > 0 && (cell[u + j]! += c));
        row[j - 1]!.forEach((c, u) => (cell[u]! += c));
      }
      row.push(cell);
    }
    prev = row;
  }
  const counts = prev[n2]!;
  const total = counts.reduce((s, c) => s + c, 0);
  const tail: number[] = [];
  for (let u = n1 * n2, acc = 0; u >= 0; u--) tail[u] = (acc += counts[u]!) / total;
  return tail;
}

/** Samples a (n1) and b (n2) without ties whose U statistic for a is exactly u. */
function arrangementWithU(n1: number, n2: number, u: number): { a: number[]; b: number[] } {
  const b = seq(n2, (i) => i * 10);
  const a: number[] = [];
  let left = u;
  for (let k = 0; k < n1; k++) {
    const beats = Math.min(n2, left); // a value between b's: beats exactly that many of them
    a.push(beats * 10 - 5 + k * 0.001);
    left -= beats;
  }
  return { a, b };
}

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

describe('baseline comparison', () => {
  const rng = createRng(2024);
  const obs = (latencies: number[], errors = 0, requests = latencies.length): Observations => ({ latencies, requests, errors });
  const lognormal = (n: number, median: number, scale = 1): number[] => seq(n, () => scale * rng.lognormal(median, 0.3));

  it('fails a canary clearly slower than stable by more than the tolerance', () => {
    const result = compareLatency(obs(lognormal(2000, 100, 1.5)), obs(lognormal(2000, 100)));
    expect(result).toMatchObject({ metric: 'baseline-latency', verdict: 'fail' });
    expect(result.pValue).toBeLessThan(0.02);
    expect(result.threshold!.max).toBeCloseTo(result.stableValue! * 1.25, 9);
    expect(result.reason).toMatch(/^canary slower than stable by more than 25% and 5 ms \(median .* ms vs stable .* ms; Mann-Whitney p=/);
  });

  it('passes a canary slower by less than the tolerance, even with much data', () => {
    expect(compareLatency(obs(lognormal(5000, 100, 1.15)), obs(lognormal(5000, 100))).verdict).toBe('pass');
  });

  it('never counts a difference below the latency floor: 1.4 ms against 1 ms passes', () => {
    const stable = seq(500, (i) => 1 + (i % 5) * 0.01);
    const canary = stable.map((x) => x + 0.4);
    expect(compareLatency(obs(canary), obs(stable)).verdict).toBe('pass');
    // the floor is what passes it: without one, 40% slower is a regression
    expect(compareLatency(obs(canary), obs(stable), { latencyFloorMs: 0 }).verdict).toBe('fail');
    // and beyond the floor it fails
    expect(compareLatency(obs(stable.map((x) => x + 8)), obs(stable)).verdict).toBe('fail');
  });

  it('is inconclusive, not a pass, on too few latencies', () => {
    const result = compareLatency(obs(lognormal(9, 100)), obs(lognormal(500, 100)));
    expect(result.verdict).toBe('inconclusive');
    expect(result.reason).toBe('too few latencies (canary 9, stable 500; at least 10 each needed)');
    expect(compareLatency(obs([]), obs([])).value).toBeNull();
    expect(compareLatency(obs([...lognormal(20, 100), Number.NaN]), obs(lognormal(20, 100))).verdict).toBe('inconclusive');
  });

  it('does not fail 0 against 1 error out of 200, nor a rise within tolerance', () => {
    expect(compareErrorRate(obs([], 1, 200), obs([], 0, 200)).verdict).toBe('pass');
    expect(compareErrorRate(obs([], 22, 20_000), obs([], 20, 20_000)).verdict).toBe('pass');
    expect(compareErrorRate(obs([], 0, 200), obs([], 0, 200)).verdict).toBe('pass');
  });

  it('fails a clearly higher error rate and names the evidence', () => {
    const result = compareErrorRate(obs([], 100, 2000), obs([], 20, 2000));
    expect(result).toMatchObject({ verdict: 'fail', value: 0.05, stableValue: 0.01 });
    expect(result.threshold!.max).toBeCloseTo(0.015, 12); // max(1% * 1.25, 1% + 0.5 points)
    expect(result.reason).toMatch(/^canary error rate above stable by more than 25% and 0.5 points \(100\/2000 vs stable 20\/2000; p=/);
  });

  it('needs both the relative and the absolute excess', () => {
    // 0.3% against 0.1% is 3x but only 0.2 points: the floor keeps it a pass
    expect(compareErrorRate(obs([], 300, 100_000), obs([], 100, 100_000)).verdict).toBe('pass');
    expect(compareErrorRate(obs([], 300, 100_000), obs([], 100, 100_000), { errorRateFloor: 0 }).verdict).toBe('fail');
  });

  it('is inconclusive on too few requests or invalid counts', () => {
    expect(compareErrorRate(obs([], 5, 9), obs([], 0, 500)).verdict).toBe('inconclusive');
    expect(compareErrorRate(obs([], 5, 4), obs([], 0, 500)).reason).toBe('request or error counts are not valid counts');
    expect(compareErrorRate(obs([], Number.NaN, 40), obs([], 0, 500)).verdict).toBe('inconclusive');
  });

  it('converts to an evaluation for the judge', () => {
    const comparison = compareErrorRate(obs([], 1, 200), obs([], 0, 200));
    expect(comparisonToEvaluation(comparison, 5)).toEqual({
      metric: 'baseline-error-rate', value: 0.005, requests: 200, at: 5, verdict: 'pass',
      reason: comparison.reason, threshold: comparison.threshold,
    });
  });
});

describe('proportionExcessTest', () => {
  it('computes the adjusted Wald statistic', () => {
    // (x+1)/(n+2): 11/102 vs 3/102; se = sqrt(pa(1-pa)/102 + pb(1-pb)/102)
    const pa = 11 / 102;
    const pb = 3 / 102;
    const z = (pa - pb) / Math.sqrt((pa * (1 - pa) + pb * (1 - pb)) / 102);
    expect(proportionExcessTest({ events: 10, trials: 100 }, { events: 2, trials: 100 }).z).toBeCloseTo(z, 12);
    expect(proportionExcessTest({ events: 10, trials: 100 }, { events: 2, trials: 100 }, { margin: 0.5 }).pValue).toBeGreaterThan(0.999);
    expect(() => proportionExcessTest({ events: 3, trials: 2 }, { events: 0, trials: 2 })).toThrow(RangeError);
  });

  it('keeps its level at the boundary of the null hypothesis', () => {
    const rng = createRng(99);
    let rejections = 0;
    const runs = 2000;
    for (let r = 0; r < runs; r++) {
      const draw = (p: number, n: number): number => seq(n, () => (rng.chance(p) ? 1 : 0)).reduce((s, x) => s + x, 0);
      const a = { events: draw(0.025, 400), trials: 400 };
      const b = { events: draw(0.02, 400), trials: 400 };
      if (proportionExcessTest(a, b, { ratio: 1.25 }).pValue < 0.02) rejections++;
    }
    expect(rejections / runs).toBeLessThan(0.03);
  });
});

describe('judge', () => {
  let clock = 0;
  const ev = (metric: string, verdict: Evaluation['verdict']): Evaluation => ({ metric, value: 1, at: (clock += 10), verdict, reason: verdict });

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
    expect(judge.abort!.reason).toBe('p95: 2 consecutive samples did not pass (last: only 3 requests, at least 10 needed)');
  });

  it('resets a streak on a pass and keeps streaks per metric', () => {
    const judge = createJudge({ failureLimit: 2 });
    judge.startStep(50);
    for (const [metric, verdict] of [['a', 'fail'], ['b', 'fail'], ['a', 'pass'], ['a', 'fail'], ['b', 'pass'], ['a', 'pass']] as const) {
      judge.push(ev(metric, verdict));
    }
    expect(judge.abort).toBeUndefined();
    expect(judge.report().samples.map((s) => s.streak)).toEqual([1, 1, 0, 1, 0, 0]);
    expect(judge.endStep()).toEqual({ step: 1, weight: 50, passed: true, reason: 'the last sample of each of 2 metric(s) passed' });
  });

  it('passes a step only when its last sample of every metric passed', () => {
    const judge = createJudge({ failureLimit: 3 });
    judge.startStep(10);
    judge.push(ev('a', 'pass'));
    judge.push(ev('b', 'pass'));
    judge.push(ev('a', 'inconclusive'));
    const step = judge.endStep();
    expect(step.passed).toBe(false);
    expect(judge.abort).toMatchObject({ failedMetric: 'a', cause: 'inconclusive' });
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
      judge.push(ev('a', 'fail'));
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

describe('scenarios through the judge (200 seeds each)', () => {
  let matrix: ConfusionMatrix;
  beforeAll(() => {
    matrix = confusionMatrix({ seeds: 200 });
  });
  const row = (name: string) => matrix.rows.find((r) => r.scenario === name)!;

  it('runs every scenario the given number of times', () => {
    expect(matrix.rows.map((r) => r.scenario)).toEqual(SCENARIOS.map((s) => s.name));
    for (const r of matrix.rows) expect(r.promote + r.abort + r.inconclusive).toBe(200);
    expect(matrix.table.split('\n')).toHaveLength(2 + SCENARIOS.length);
  });

  it('promotes healthy canaries', () => {
    expect(row('healthy').promote / 200).toBeGreaterThanOrEqual(0.95);
    expect(row('noisy-healthy').promote / 200).toBeGreaterThanOrEqual(0.9);
    expect(row('latency+20%').promote / 200).toBeGreaterThanOrEqual(0.9);
  });

  it('aborts regressions on evidence', () => {
    expect(row('latency+30%').abort / 200).toBeGreaterThanOrEqual(0.9);
    expect(row('latency+30%').failedMetrics['baseline-latency']).toBeGreaterThanOrEqual(180);
    expect(row('errors-2x').abort / 200).toBeGreaterThanOrEqual(0.85);
  });

  it('never promotes on too little traffic, and says why', () => {
    expect(row('low-traffic').promote).toBe(0);
    expect(row('low-traffic').inconclusive).toBe(200);
  });

  it('is reproducible from its seeds', () => {
    const scenario = SCENARIOS.find((s) => s.name === 'errors-2x')!;
    const runs = [1, 2, 3].map((seed) => runScenario(scenario, seed, { requestsPerSample: 200 }));
    expect([1, 2, 3].map((seed) => runScenario(scenario, seed, { requestsPerSample: 200 }))).toEqual(runs);
  });
});
