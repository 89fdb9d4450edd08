import { compareUrl, deploymentsUrl, link } from '../core/links.js';
import { isAbsolute } from 'node:path';
import { shownPath } from '../core/paths.js';
import { plural } from '../core/plural.js';
import { readRunnerContext, type RunnerContext } from '../core/runner.js';
import { raw, Summary, type Cell } from '../core/summary.js';
import { formatTime } from '../core/time-format.js';
import type { DeploymentRecord, RecordState } from '../records/types.js';
import type { CheckResult } from '../checks/runner.js';
import type { Choice, Skip } from './target.js';
import type { MetricTrigger } from './signals.js';
import type { Sample, WatchResult } from './verify.js';

const SHOWN_SKIPS = 25;

/**
 * A record's last status as it reads to a person: GitHub's `inactive` means another deployment
 * replaced it, not that something broke.
 */
export function stateText(state: RecordState): string {
  switch (state) {
    case 'inactive':
      return 'replaced (no longer live)';
    case 'success':
      return 'succeeded';
    case 'failure':
      return 'failed';
    case 'error':
      return 'errored';
    case 'in_progress':
      return 'in progress';
    default:
      return state;
  }
}

function skipRow(s: Skip): Cell[] {
  return [s.record.id, s.record.payload.version || '—', stateText(s.record.state), formatTime(s.record.createdAt), s.why];
}

/** Why and by what the rollback happens: shown with the choice, in its facts. */
export interface RollbackCause {
  /** `manual`, `health`, `error-rate`, `deploy-failed`, ... */
  trigger?: string;
  reason?: string;
}

const deployment = (r: DeploymentRecord) => `deployment ${r.id}, ${stateText(r.state)}`;

/**
 * The choice, and the records passed over on the way (and why), for the summary: what is rolled
 * back to what (with the compare view and the environment's deployments page when the runner names
 * the repository), why and by which trigger when given, then the records passed over, folded.
 */
export function reportChoice(
  summary: Summary,
  choice: Choice,
  records: { where: string; calls: number; kind: string },
  cause: RollbackCause = {},
  runner: Pick<RunnerContext, 'serverUrl' | 'repository' | 'workspace' | 'temp'> = readRunnerContext(),
  /** What the rollback did (its deployment, driver, duration): in the same list, not a second one. */
  outcome: [string, Cell][] = [],
): void {
  const facts: [string, Cell][] = [];
  if (choice.kind === 'target') {
    const env = choice.bad.environment || choice.target.environment;
    facts.push(['environment', link(env, deploymentsUrl(runner, env))]);
    facts.push(['rolling back', `${choice.bad.payload.version} (${deployment(choice.bad)})`]);
    facts.push(['to', `${choice.target.payload.version} (${deployment(choice.target)}, deployed ${formatTime(choice.target.createdAt)})`]);
    const compare = compareUrl(runner, choice.bad.sha, choice.target.sha);
    if (compare) facts.push(['changes undone', link(`${choice.bad.sha.slice(0, 7)} → ${choice.target.sha.slice(0, 7)}`, compare)]);
    facts.push(['artifact', choice.target.payload.artifact ?? '(none recorded)']);
  } else if (choice.kind === 'already') {
    facts.push(['current', `${choice.current.payload.version} (deployment ${choice.current.id})`]);
    if (choice.undone) facts.push(['rolled back', `${choice.undone.payload.version} (deployment ${choice.undone.id})`]);
  }
  if (cause.trigger) facts.push(['trigger', cause.trigger]);
  if (cause.reason) facts.push(['reason', cause.reason]);
  facts.push(...outcome);
  // How many records were read says how far back the choice looked; API call counts are internals.
  facts.push(['records read', `${choice.seen} from ${isAbsolute(records.where) ? shownPath(records.where, runner) : records.where}`]);
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
  summary.details(`${plural(choice.skipped.length, 'record')} passed over`, table);
}

/** The triggers the watch uses, with their thresholds. */
export function reportTriggers(
  summary: Summary,
  health: { checks: number; url: string },
  metrics: MetricTrigger[],
  failureLimit: number,
): void {
  summary.table(
    ['trigger', 'fires when', 'source'],
    [
      ['health', `${failureLimit} failing health samples in a row`, `${plural(health.checks, 'check')} against ${health.url}`],
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
  summary.details(
    `${plural(result.samples.length, 'sample')} over ${(result.elapsedMs / 1000).toFixed(1)} s`,
    new Summary().table(['at', ...triggers], rows),
  );
}

export function reportChecks(summary: Summary, results: CheckResult[]): void {
  summary.table(
    ['check', 'verdict', 'status', 'attempts', 'reason'],
    results.map((r) => [r.name, raw(r.verdict === 'pass' ? '✅ pass' : '❌ fail'), r.status ?? '—', r.attempts, r.reason ?? '']),
  );
}
