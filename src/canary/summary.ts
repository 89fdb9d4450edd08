/**
 * The canary's job summary: the verdict first in plain words, then the steps, a chart of weight
 * and error rate, and one row per look with a mark per metric and the running statistic of the
 * comparison with stable. Every sample with its query and reason is in the JSON report. Text from
 * outside (queries, reasons, metric names) is escaped by the Summary; only the chart, built from
 * numbers, is raw.
 */
import { plural } from '../core/plural.js';
import { Summary, type Cell } from '../core/summary.js';
import { formatNumber, formatThreshold, type SampleRecord } from '../verify/index.js';
import { chartPoints, mermaidChart } from './chart.js';
import type { CanaryReport } from './report.js';

/** Rows beyond this go into a folded section. */
const OPEN_ROWS = 40;

export function verdictLine(r: CanaryReport): string {
  if (r.result === 'paused') {
    return (
      `Paused ${r.version} in ${r.environment} at ${r.weight}%: ${plural(r.steps.length, 'step')} ` +
      `passed; it keeps ${r.weight}% of traffic until a run with resume: promote or resume: abort`
    );
  }
  if (r.resume?.decision === 'abort') {
    const back = r.stableVersion ? `stable ${r.stableVersion}` : 'stable';
    return (
      `Aborted ${r.version} in ${r.environment}${r.resume.actor ? ` by ${r.resume.actor}` : ''}: ` +
      `${r.reason}; all traffic back to ${back}`
    );
  }
  if (r.result === 'promoted') {
    const intervals = new Set(r.samples.map((s) => s.at)).size;
    return (
      `Promoted ${r.version} in ${r.environment}: ${plural(r.steps.length, 'step')} passed on ` +
      `${plural(intervals, 'sample')} of ${plural(r.settings.metrics.length, 'metric')}; it now takes all traffic`
    );
  }
  const where = r.abortedAt ? ` at step ${r.abortedAt.step} (${r.abortedAt.weight}%)` : '';
  const back = r.stableVersion ? `stable ${r.stableVersion}` : 'stable';
  const exposed = (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000;
  return (
    `Aborted ${r.version} in ${r.environment}${where}${r.failedMetric ? ` on ${r.failedMetric}` : ''}: ` +
    `${r.reason}; exposed ${formatNumber(exposed)} s, all traffic back to ${back}`
  );
}

const MARK = { pass: '✅', fail: '❌', inconclusive: '⚪' } as const;

/** One look's cell of a metric: its mark, value and, for the comparison with stable, the running e-value and its limit. */
function lookCell(s: SampleRecord | undefined): string {
  if (!s) return '';
  const value = s.value === null ? 'no data' : formatNumber(s.value);
  const statistic =
    s.statistic !== undefined && s.statisticLimit !== undefined ? ` e=${formatE(s.statistic)}/${formatE(s.statisticLimit)}` : '';
  return `${MARK[s.verdict]} ${value}${statistic}`;
}

function formatE(e: number): string {
  return e < 1000 ? formatNumber(e) : e.toExponential(1);
}

/** One row per look (analysis interval): when, at which weight, each metric's mark. */
export function lookRows(samples: readonly SampleRecord[], metrics: readonly string[], startedAt: number): Cell[][] {
  const byTime = new Map<number, Map<string, SampleRecord>>();
  for (const s of samples) byTime.set(s.at, (byTime.get(s.at) ?? new Map()).set(s.metric, s));
  return [...byTime.entries()].map(([at, row], i) => {
    const first = row.values().next().value!;
    return [i + 1, `+${formatNumber((at - startedAt) / 1000)}s`, `${first.weight}%`, ...metrics.map((m) => lookCell(row.get(m)))];
  });
}

export function writeCanarySummary(summary: Summary, r: CanaryReport, facts: [string, Cell][]): void {
  const startedAt = Date.parse(r.startedAt);
  const kind = r.result === 'promoted' ? 'pass' : r.result === 'paused' || r.resume?.decision === 'abort' ? 'info' : 'fail';
  summary.verdict(kind, verdictLine(r));
  summary.facts([
    ['result', r.result],
    ['canary weight now', `${r.weight}%`],
    ['failed metric', r.failedMetric],
    ['stable version', r.stableVersion],
    ['driver', r.driver],
    ['steps', r.settings.steps.flatMap((w, i) => (i === r.settings.pauseAfter ? ['pause', `${w}%`] : [`${w}%`])).join(', ')],
    ['decision', r.resume ? `${r.resume.decision}${r.resume.actor ? ` by ${r.resume.actor}` : ''}` : undefined],
    ['paused by', r.resume?.pausedBy],
    ['took', `${formatNumber((Date.parse(r.finishedAt) - startedAt) / 1000)} s`],
    ...facts,
  ]);

  // A sample is one analysis interval: every metric measured at the same time.
  const perStep = new Map<number, Set<number>>();
  for (const s of r.samples) perStep.set(s.step, (perStep.get(s.step) ?? new Set()).add(s.at));
  if (r.steps.length > 0) {
    summary.heading('Steps', 3);
    summary.table(
      ['step', 'weight', 'samples', 'verdict', 'reason'],
      r.steps.map((s) => [s.step, `${s.weight}%`, perStep.get(s.step)?.size ?? 0, s.passed ? 'pass' : 'fail', s.reason]),
    );
  }

  const { points, errorMetric } = chartPoints(r.samples, r.traffic, startedAt);
  const limit = errorMetric ? r.samples.find((s) => s.metric === errorMetric)?.threshold?.max : undefined;
  const chart = mermaidChart(points, { ...(limit !== undefined ? { limitPct: limit <= 1 ? limit * 100 : limit } : {}), outcome: r.result });
  if (chart) {
    summary.heading('Error rate over time', 3);
    summary.raw(chart);
    summary.text(`${errorMetric} of each look in percent, and its limit; the canary's weight at each step is in the steps table.`);
  }

  const metrics = r.settings.metrics.length > 0 ? r.settings.metrics : [...new Set(r.samples.map((s) => s.metric))];
  summary.heading('Looks', 3);
  const rows = lookRows(r.samples, metrics, startedAt);
  if (rows.length === 0) {
    summary.text('No sample was taken.');
    return;
  }
  const header = ['look', 'time', 'weight', ...metrics];
  if (rows.length <= OPEN_ROWS) summary.table(header, rows);
  else summary.details(`${rows.length} looks`, new Summary().table(header, rows));
  summary.text(
    '✅ pass, ❌ fail, ⚪ no evidence (no data or too few requests). ' +
      'For the comparison with stable, e is its running e-value on everything since the start and the value at which the canary aborts; ' +
      'every sample, with its query and reason, is in the JSON report.',
  );
  const queries = new Map<string, string>();
  for (const s of r.samples) if (s.query && !queries.has(s.metric)) queries.set(s.metric, s.query);
  if (queries.size > 0)
    summary.details(
      'What each metric measures',
      new Summary().table(
        ['metric', 'query', 'threshold'],
        [...queries].map(([m, q]) => [m, q, formatThreshold(r.samples.find((s) => s.metric === m)?.threshold)]),
      ),
    );
}
