/**
 * The power table: synthetic canaries with known truth, each run over many fixed seeds through the
 * same engine the action uses, at the sample sizes the probe really produces. How often is each
 * aborted, how fast, and does that meet the goal?
 *
 * Traffic: stable answers 0.5% errors and log-normal latencies (median 40 ms, log-sd 0.35: p95
 * about 71 ms, p99 about 90 ms), timed to the microsecond as the probe times them.
 */
import { createRng, type Rng } from './random.js';
import { DEFAULT_PLAN, simulateCanary, type CanaryPlan, type TrafficModel, type VersionModel } from './simulation.js';

export type Expected = 'promote' | 'abort';

export interface Scenario {
  name: string;
  description: string;
  expected: Expected;
  /** For `promote`: the most aborts allowed; for `abort`: the fewest. A share of runs. */
  goal: number;
  /** For `abort`: the median number of intervals to the abort may be at most this. */
  medianIntervals?: number;
  /** Runs of this row in the bench (A/A rows need more for a tight interval). */
  runs: number;
  /** The old per-sample judge's figure at the defaults, as measured in issue 13. */
  old: string;
  traffic: (requestsPerSample: number, rng: Rng) => TrafficModel;
}

const MEDIAN_MS = 40;
const SIGMA = 0.35;
const Z95 = 1.6448536269514722;
const base = (rng: Rng): number => rng.lognormal(MEDIAN_MS, SIGMA);
const stable: VersionModel = { errorRate: 0.005, latency: base };
const slower = (factor: number): VersionModel => ({ errorRate: 0.005, latency: (rng) => factor * base(rng) });
const errors = (rate: number): VersionModel => ({ errorRate: rate, latency: base });
/** The slowest 5% of requests take twice as long: p95 to p99 doubled, the median unchanged. */
const slowTail: VersionModel = {
  errorRate: 0.005,
  latency: (rng) => {
    const z = rng.normal();
    return MEDIAN_MS * Math.exp(SIGMA * z) * (z > Z95 ? 2 : 1);
  },
};
/** 97% log-normal with a wide spread, 3% from a Pareto tail (slow queries, GC pauses) up to 30 s. */
const heavyTailed: VersionModel = {
  errorRate: 0.01,
  latency: (rng) => (rng.chance(0.03) ? Math.min(30_000, rng.pareto(400, 1.3)) : rng.lognormal(120, 0.6)),
};
const same = (n: number, canary: TrafficModel['canary']): TrafficModel => ({ stable, canary, requestsPerSample: n });
const AA = 1000;
const REGRESSION = 300;
const SAMPLES_PER_STEP = DEFAULT_PLAN.samplesPerStep;

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'A/A',
    description: 'canary and stable identical',
    expected: 'promote',
    goal: 0.01,
    runs: AA,
    old: '-',
    traffic: (n) => same(n, stable),
  },
  {
    name: 'noisy A/A',
    description: 'identical heavy-tailed latency and 1% errors, load swinging per interval for both',
    expected: 'promote',
    goal: 0.01,
    runs: AA,
    old: '-',
    traffic: (n) => ({ stable: heavyTailed, canary: heavyTailed, requestsPerSample: n, sharedLoadSigma: 0.25 }),
  },
  {
    name: 'latency +25% (at tolerance)',
    description: 'every canary request 25% slower',
    expected: 'promote',
    goal: 0.02,
    runs: REGRESSION,
    old: '7% aborted',
    traffic: (n) => same(n, slower(1.25)),
  },
  {
    name: 'errors at the allowance',
    description: 'canary 1.0% errors: stable 0.5% plus the 0.5-point floor',
    expected: 'promote',
    goal: 0.02,
    runs: REGRESSION,
    old: '-',
    traffic: (n) => same(n, errors(0.01)),
  },
  {
    name: 'errors 4x',
    description: 'canary 2% errors against 0.5%',
    expected: 'abort',
    goal: 0.95,
    runs: REGRESSION,
    old: '10%',
    traffic: (n) => same(n, errors(0.02)),
  },
  {
    name: 'errors 8x',
    description: 'canary 4% errors, under the 5% line',
    expected: 'abort',
    goal: 1,
    medianIntervals: 3,
    runs: REGRESSION,
    old: '91%',
    traffic: (n) => same(n, errors(0.04)),
  },
  {
    name: 'latency +30%',
    description: 'every canary request 30% slower',
    expected: 'abort',
    goal: 0.9,
    runs: REGRESSION,
    old: '35%',
    traffic: (n) => same(n, slower(1.3)),
  },
  {
    name: 'latency +50%',
    description: 'every canary request 50% slower',
    expected: 'abort',
    goal: 1,
    medianIntervals: 2,
    runs: REGRESSION,
    old: '-',
    traffic: (n) => same(n, slower(1.5)),
  },
  {
    name: 'intermittent',
    description: '20% errors in one interval of each step of 6 (at a random place)',
    expected: 'abort',
    goal: 1,
    runs: REGRESSION,
    old: '17%',
    traffic: (n, rng) => {
      const bad = DEFAULT_PLAN.steps.map(() => Math.floor(rng.next() * SAMPLES_PER_STEP));
      return same(n, (interval) => (bad[Math.floor(interval / SAMPLES_PER_STEP)] === interval % SAMPLES_PER_STEP ? errors(0.2) : stable));
    },
  },
  {
    name: 'tail only',
    description: 'the slowest 5% twice as slow (p95-p99 doubled, median same)',
    expected: 'abort',
    goal: 0.8,
    runs: REGRESSION,
    old: '0%',
    traffic: (n) => same(n, slowTail),
  },
  {
    name: 'fail, fail, pass',
    description: 'canary 10% errors (over the 5% line) in two intervals of three, healthy in the third',
    expected: 'abort',
    goal: 1,
    runs: REGRESSION,
    old: 'promoted',
    traffic: (n) => same(n, (interval) => (interval % 3 === 2 ? stable : errors(0.1))),
  },
  {
    name: 'inconclusive, inconclusive, pass',
    description: 'no canary answers in two intervals of three, healthy in the third',
    expected: 'abort',
    goal: 1,
    runs: REGRESSION,
    old: 'promoted',
    traffic: (n) => same(n, (interval) => (interval % 3 === 2 ? stable : { ...stable, requests: 0 })),
  },
  {
    name: 'too little traffic',
    description: 'healthy, but 6 requests per interval (min-requests 10)',
    expected: 'abort',
    goal: 1,
    runs: REGRESSION,
    old: '-',
    traffic: () => same(6, stable),
  },
];

export interface ScenarioRun {
  seed: number;
  aborted: boolean;
  /** Aborted on missing evidence rather than on evidence of harm. */
  inconclusive: boolean;
  intervals: number;
  failedMetric?: string;
}

/** Runs one scenario once; the seed and the scenario's name fix every random draw. */
export function runScenario(scenario: Scenario, seed: number, requestsPerSample: number, plan: CanaryPlan = DEFAULT_PLAN): ScenarioRun {
  const rng = createRng(seed, requestsPerSample, ...[...scenario.name].map((ch) => ch.charCodeAt(0)));
  const report = simulateCanary(scenario.traffic(requestsPerSample, rng), rng, plan);
  const aborted = report.outcome !== 'promoted';
  return {
    seed,
    aborted,
    inconclusive: aborted && report.abort?.cause !== 'fail',
    intervals: report.intervals,
    ...(report.failedMetric !== undefined ? { failedMetric: report.failedMetric } : {}),
  };
}

export interface PowerRow {
  scenario: string;
  expected: Expected;
  runs: number;
  aborted: number;
  rate: number;
  /** Wilson 95% interval of the abort rate. */
  interval: [number, number];
  /** Median intervals to the abort, among aborted runs. */
  medianIntervals: number | null;
  goal: string;
  met: boolean;
  old: string;
  failedMetrics: Record<string, number>;
}

export interface PowerOptions {
  requestsPerSample: number;
  firstSeed?: number;
  /** Overrides every row's run count (for quick tests). */
  runs?: number;
  scenarios?: readonly string[];
  plan?: CanaryPlan;
}

export function powerRow(scenario: Scenario, options: PowerOptions): PowerRow {
  const runs = options.runs ?? scenario.runs;
  const first = options.firstSeed ?? 1;
  let aborted = 0;
  const times: number[] = [];
  const failedMetrics: Record<string, number> = {};
  for (let seed = first; seed < first + runs; seed++) {
    const run = runScenario(scenario, seed, options.requestsPerSample, options.plan);
    if (run.aborted) {
      aborted += 1;
      times.push(run.intervals);
      const m = run.failedMetric ?? 'no samples';
      failedMetrics[m] = (failedMetrics[m] ?? 0) + 1;
    }
  }
  times.sort((a, b) => a - b);
  const rate = aborted / runs;
  const medianIntervals = times.length > 0 ? times[Math.floor((times.length - 1) / 2)]! : null;
  const met =
    scenario.expected === 'promote'
      ? rate <= scenario.goal
      : rate >= scenario.goal &&
        (scenario.medianIntervals === undefined || (medianIntervals !== null && medianIntervals <= scenario.medianIntervals));
  const pct = (x: number) => `${Number((x * 100).toFixed(1))}%`;
  const goal =
    scenario.expected === 'promote'
      ? `<= ${pct(scenario.goal)} aborted`
      : `>= ${pct(scenario.goal)}${scenario.medianIntervals !== undefined ? `, median <= ${scenario.medianIntervals}` : ''}`;
  return {
    scenario: scenario.name,
    expected: scenario.expected,
    runs,
    aborted,
    rate,
    interval: wilson(aborted, runs),
    medianIntervals,
    goal,
    met,
    old: scenario.old,
    failedMetrics,
  };
}

export function powerTable(options: PowerOptions): PowerRow[] {
  return SCENARIOS.filter((s) => !options.scenarios || options.scenarios.includes(s.name)).map((s) => powerRow(s, options));
}

/** Wilson score interval at 95%. */
export function wilson(successes: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.959963984540054;
  const p = successes / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export function formatPowerTable(rows: readonly PowerRow[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const header = ['scenario', 'runs', 'aborted', '95% interval', 'median intervals', 'goal', 'met', 'old judge', 'aborted by'];
  const body = rows.map((r) => [
    r.scenario,
    String(r.runs),
    pct(r.rate),
    `${pct(r.interval[0])}-${pct(r.interval[1])}`,
    r.medianIntervals === null ? '-' : String(r.medianIntervals),
    r.goal,
    r.met ? 'yes' : 'NO',
    r.old,
    Object.entries(r.failedMetrics)
      .sort((a, b) => b[1] - a[1])
      .map(([m, n]) => `${m} ${n}`)
      .join(', ') || '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
