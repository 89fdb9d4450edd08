/**
 * Synthetic canaries with known truth, each run over many seeds through the same judge, to
 * measure how often the analysis decides right: a confusion matrix of expected against got.
 *
 * Traffic: log-normal latencies (median 100 ms, log-sd 0.35, p95 about 180 ms) and 0.5% errors
 * unless a scenario says otherwise; `requestsPerSample` requests per version per interval
 * (default 1000: 100 requests/s over 10 s; the probe's default 20 requests/s gives 200).
 */
import { createRng, type Rng } from './random.js';
import { DEFAULT_PLAN, simulateCanary, type CanaryPlan, type TrafficModel, type VersionModel } from './simulation.js';

export type ScenarioName = 'healthy' | 'noisy-healthy' | 'latency+20%' | 'errors-2x' | 'latency+30%' | 'low-traffic';
export type Expected = 'promote' | 'abort';
/** 'inconclusive': aborted for want of evidence rather than on evidence of harm. */
export type Got = 'promote' | 'abort' | 'inconclusive';

export interface Scenario {
  name: ScenarioName;
  description: string;
  expected: Expected;
  traffic: (requestsPerSample: number) => TrafficModel;
}

const typicalLatency = (rng: Rng): number => rng.lognormal(100, 0.35);
const healthy: VersionModel = { errorRate: 0.005, latency: typicalLatency };
/** 97% log-normal with a wide spread, 3% from a Pareto tail (slow queries, GC pauses) up to 30 s. */
const heavyTailed: VersionModel = {
  errorRate: 0.01,
  latency: (rng) => (rng.chance(0.03) ? Math.min(30_000, rng.pareto(400, 1.3)) : rng.lognormal(120, 0.6)),
};

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'healthy',
    description: 'canary and stable identical',
    expected: 'promote',
    traffic: (n) => ({ stable: healthy, canary: healthy, requestsPerSample: n }),
  },
  {
    name: 'noisy-healthy',
    description: 'identical heavy-tailed latency and 1% errors, load swinging per interval for both',
    expected: 'promote',
    traffic: (n) => ({ stable: heavyTailed, canary: heavyTailed, requestsPerSample: n, sharedLoadSigma: 0.25 }),
  },
  {
    name: 'latency+20%',
    description: 'every canary request 20% slower: within the 25% tolerance',
    expected: 'promote',
    traffic: (n) => ({ stable: healthy, canary: { ...healthy, latency: (rng) => 1.2 * typicalLatency(rng) }, requestsPerSample: n }),
  },
  {
    name: 'errors-2x',
    description: 'canary error rate 4% against stable 2%',
    expected: 'abort',
    traffic: (n) => ({ stable: { ...healthy, errorRate: 0.02 }, canary: { ...healthy, errorRate: 0.04 }, requestsPerSample: n }),
  },
  {
    name: 'latency+30%',
    description: 'every canary request 30% slower',
    expected: 'abort',
    traffic: (n) => ({ stable: healthy, canary: { ...healthy, latency: (rng) => 1.3 * typicalLatency(rng) }, requestsPerSample: n }),
  },
  {
    name: 'low-traffic',
    description: 'healthy, but only 6 requests per interval (minimum 10)',
    expected: 'abort',
    traffic: () => ({ stable: healthy, canary: healthy, requestsPerSample: 6 }),
  },
];

export interface ScenarioRun {
  seed: number;
  got: Got;
  failedMetric?: string;
}

/** Runs one scenario once; the seed and the scenario's name fix every random draw. */
export function runScenario(scenario: Scenario, seed: number, options: MatrixOptions = {}): ScenarioRun {
  const rng = createRng(seed, ...[...scenario.name].map((ch) => ch.charCodeAt(0)));
  const traffic = scenario.traffic(options.requestsPerSample ?? 1000);
  const report = simulateCanary(traffic, rng, options.plan ?? DEFAULT_PLAN);
  const got: Got = report.outcome === 'promoted' ? 'promote' : report.abort?.cause === 'fail' ? 'abort' : 'inconclusive';
  return { seed, got, ...(report.failedMetric !== undefined ? { failedMetric: report.failedMetric } : {}) };
}

export interface MatrixOptions {
  /** Runs per scenario (default 200), seeds firstSeed .. firstSeed + seeds - 1. */
  seeds?: number;
  firstSeed?: number;
  requestsPerSample?: number;
  plan?: CanaryPlan;
  scenarios?: readonly ScenarioName[];
}

export interface MatrixRow {
  scenario: ScenarioName;
  expected: Expected;
  runs: number;
  promote: number;
  abort: number;
  inconclusive: number;
  /** Share of runs that ended as expected (an inconclusive abort counts as an abort). */
  correctRate: number;
  /** How often each metric was the one that aborted. */
  failedMetrics: Record<string, number>;
}

export interface ConfusionMatrix {
  rows: MatrixRow[];
  /** Plain-text table for a terminal. */
  table: string;
}

export function confusionMatrix(options: MatrixOptions = {}): ConfusionMatrix {
  const seeds = options.seeds ?? 200;
  const firstSeed = options.firstSeed ?? 1;
  const chosen = SCENARIOS.filter((s) => !options.scenarios || options.scenarios.includes(s.name));
  const rows = chosen.map((scenario): MatrixRow => {
    const row: MatrixRow = { scenario: scenario.name, expected: scenario.expected, runs: seeds, promote: 0, abort: 0, inconclusive: 0, correctRate: 0, failedMetrics: {} };
    for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
      const run = runScenario(scenario, seed, options);
      row[run.got]++;
      if (run.failedMetric !== undefined) row.failedMetrics[run.failedMetric] = (row.failedMetrics[run.failedMetric] ?? 0) + 1;
    }
    row.correctRate = (scenario.expected === 'promote' ? row.promote : row.abort + row.inconclusive) / seeds;
    return row;
  });
  return { rows, table: formatMatrix(rows) };
}

function formatMatrix(rows: readonly MatrixRow[]): string {
  const header = ['scenario', 'expected', 'runs', 'promote', 'abort', 'inconclusive', 'correct', 'aborted by'];
  const body = rows.map((r) => [
    r.scenario,
    r.expected,
    String(r.runs),
    String(r.promote),
    String(r.abort),
    String(r.inconclusive),
    `${(r.correctRate * 100).toFixed(1)}%`,
    Object.entries(r.failedMetrics).sort((a, b) => b[1] - a[1]).map(([m, n]) => `${m} ${n}`).join(', ') || '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
