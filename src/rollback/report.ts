import { raw, Summary, type Cell } from '../core/summary.js';
import type { CheckResult } from '../smoke/runner.js';
import type { Choice, Skip } from './target.js';
import type { MetricTrigger } from './signals.js';
import type { Sample, WatchResult } from './verify.js';

const SHOWN_SKIPS = 25;

function skipRow(s: Skip): Cell[] {
  return [s.record.id, s.record.payload.version || '—', s.record.state, s.record.createdAt, s.why];
}

/** The choice, and the records passed over on the way (and why), for the summary. */
export function reportChoice(summary: Summary, choice: Choice, records: { where: string; calls: number; kind: string }): void {
  const facts: [string, Cell][] = [];
  if (choice.kind === 'target') {
    facts.push(['rolling back', `${choice.bad.payload.version} (deployment ${choice.bad.id}, ${choice.bad.state})`]);
    facts.push(['to', `${choice.target.payload.version} (deployment ${choice.target.id}, ${choice.target.state}, ${choice.target.createdAt})`]);
    facts.push(['artifact', choice.target.payload.artifact ?? '(none recorded)']);
  } else if (choice.kind === 'already') {
    facts.push(['current', `${choice.current.payload.version} (deployment ${choice.current.id})`]);
    if (choice.undone) facts.push(['rolled back', `${choice.undone.payload.version} (deployment ${choice.undone.id})`]);
  }
  facts.push(['records read', `${choice.seen} from ${records.where}${records.kind === 'github' ? ` in ${records.calls} API call(s)` : ''}`]);
  summary.facts(facts);
  if (choice.skipped.length === 0) return;
  const shown = choice.skipped.slice(0, SHOWN_SKIPS);
  const rest = choice.skipped.length - shown.length;
  const table = new Summary().table(['deployment', 'version', 'last status', 'created', 'skipped because'], shown.map(skipRow));
  if (rest > 0) {
    const reasons = new Map<string, number>();
    for (const s of choice.skipped.slice(SHOWN_SKIPS)) reasons.set(s.why, (reasons.get(s.why) ?? 0) + 1);
    table.text(`… and ${rest} more: ${[...reasons].map(([why, n]) => `${n} × ${why}`).join('; ')}`);
  }
  summary.details(`${choice.skipped.length} record(s) passed over`, table);
}

/** The triggers the watch uses, with their thresholds. */
export function reportTriggers(summary: Summary, health: { checks: number; url: string }, metrics: MetricTrigger[], failureLimit: number): void {
  summary.table(
    ['trigger', 'fires when', 'source'],
    [
      ['health', `${failureLimit} failing health samples in a row`, `${health.checks} check(s) against ${health.url}`],
      ...metrics.map((m): Cell[] => [m.trigger, `above ${m.show(m.max)} in ${failureLimit} samples in a row`, m.query]),
    ],
  );
}

const mark = (v: string) => (v === 'pass' ? '✅' : v === 'fail' ? '❌' : '—');

/** Every sample of the watch, folded. */
export function reportSamples(summary: Summary, result: WatchResult): void {
  if (result.samples.length === 0) return;
  const triggers = [...new Set(result.samples.flatMap((s) => s.readings.map((r) => r.trigger)))];
  const rows = result.samples.map((s: Sample) => [
    `${(s.at / 1000).toFixed(1)} s`,
    ...triggers.map((t) => {
      const r = s.readings.find((x) => x.trigger === t);
      return r ? raw(`${mark(r.verdict)} ${new Summary().text(r.value).toString().trim()}`) : '';
    }),
  ]);
  summary.details(`${result.samples.length} sample(s) over ${(result.elapsedMs / 1000).toFixed(1)} s`, new Summary().table(['at', ...triggers], rows));
}

export function reportChecks(summary: Summary, results: CheckResult[]): void {
  summary.table(
    ['check', 'verdict', 'status', 'attempts', 'reason'],
    results.map((r) => [r.name, raw(r.verdict === 'pass' ? '✅ pass' : '❌ fail'), r.status ?? '—', r.attempts, r.reason ?? '']),
  );
}
