/**
 * The canary's job summary: the verdict first, then the steps, a chart of weight and error rate,
 * and every sample as evidence. Text from outside (queries, reasons, metric names) is escaped by
 * the Summary; only the chart, built from numbers, is raw.
 */
import { Summary, type Cell } from '../core/summary.js';
import { formatNumber, formatThreshold, type SampleRecord } from '../verify/index.js';
import { chartPoints, mermaidChart } from './chart.js';
import type { CanaryReport } from './report.js';

/** Rows beyond this go into a folded section. */
const OPEN_ROWS = 40;

export const SAMPLE_HEADER = ['step', 'weight', 'time', 'metric', 'query', 'value', 'threshold', 'verdict', 'reason'];

export function verdictLine(r: CanaryReport): string {
  if (r.result === 'paused') {
    return `Paused ${r.version} in ${r.environment} at ${r.weight}%: ${r.steps.length} step(s) passed; it keeps ${r.weight}% of traffic until a run with resume: promote or resume: abort`;
  }
  if (r.resume?.decision === 'abort') {
    const back = r.stableVersion ? `stable ${r.stableVersion}` : 'stable';
    return `Aborted ${r.version} in ${r.environment}${r.resume.actor ? ` by ${r.resume.actor}` : ''}: ${r.reason}; all traffic back to ${back}`;
  }
  if (r.result === 'promoted') {
    const intervals = new Set(r.samples.map((s) => s.at)).size;
    return `Promoted ${r.version} in ${r.environment}: ${r.steps.length} step(s) passed on ${intervals} sample(s) of ${r.settings.metrics.length} metric(s); it now takes all traffic`;
  }
  const where = r.abortedAt ? ` at step ${r.abortedAt.step} (${r.abortedAt.weight}%)` : '';
  const back = r.stableVersion ? `stable ${r.stableVersion}` : 'stable';
  return `Aborted ${r.version} in ${r.environment}${where}${r.failedMetric ? ` on ${r.failedMetric}` : ''}: ${r.reason}; all traffic back to ${back}`;
}

export function sampleRows(samples: readonly SampleRecord[], startedAt: number): Cell[][] {
  return samples.map((s) => [
    s.step,
    `${s.weight}%`,
    `+${formatNumber((s.at - startedAt) / 1000)}s`,
    s.metric,
    s.query ?? '',
    s.value === null ? 'no data' : formatNumber(s.value),
    formatThreshold(s.threshold),
    s.verdict,
    s.reason,
  ]);
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
  if (r.samples.length > 0) {
    summary.heading('Weight and error rate over time', 3);
    summary.raw(mermaidChart(points));
    summary.text(
      errorMetric
        ? `Bars: the canary's weight. Line: ${errorMetric} in percent (a sample without data is drawn at 0).`
        : "Bars: the canary's weight. No error-rate metric was sampled.",
    );
  }

  summary.heading('Evidence: every sample', 3);
  const rows = sampleRows(r.samples, startedAt);
  if (rows.length === 0) summary.text('No sample was taken.');
  else if (rows.length <= OPEN_ROWS) summary.table(SAMPLE_HEADER, rows);
  else summary.details(`${rows.length} samples`, new Summary().table(SAMPLE_HEADER, rows));
}
