import type { RunnerContext } from '../core/runner.js';

export type NotifyAction = 'deploy' | 'canary' | 'rollback' | 'gate';

/** What a notification says: the structured event every format is built from. */
export interface NotifyEvent {
  /** `deploy.succeeded`, `canary.aborted`, `gate.refused`... */
  event: string;
  action: NotifyAction;
  /** `succeeded`, `failed`, `refused`, `promoted`, `aborted`, `paused`, `done`. */
  verdict: string;
  /** Whether the verdict is good news (for colour and icon). */
  ok: boolean;
  /** One line: `Deploy succeeded: 1.2.3 to production`. */
  title: string;
  version?: string;
  previousVersion?: string;
  environment: string;
  /** The reason with its evidence, on one line. */
  reason: string;
  repository?: string;
  commit?: string;
  runUrl?: string;
  commitUrl?: string;
  compareUrl?: string;
}

/** Which results of each action are worth a notification, and how they are said. */
const VERDICTS: Record<NotifyAction, Record<string, { verdict: string; ok: boolean }>> = {
  deploy: {
    success: { verdict: 'succeeded', ok: true },
    failure: { verdict: 'failed', ok: false },
    refused: { verdict: 'refused', ok: false },
  },
  canary: {
    promoted: { verdict: 'promoted', ok: true },
    aborted: { verdict: 'aborted', ok: false },
    paused: { verdict: 'paused', ok: true },
  },
  rollback: {
    success: { verdict: 'done', ok: true },
    failure: { verdict: 'failed', ok: false },
  },
  gate: {
    false: { verdict: 'refused', ok: false },
  },
};

const RESULT_OUTPUT: Record<NotifyAction, string> = { deploy: 'result', canary: 'result', rollback: 'result', gate: 'allowed' };
const NAME: Record<NotifyAction, string> = { deploy: 'Deploy', canary: 'Canary', rollback: 'Rollback', gate: 'Gate' };

export interface EventFacts {
  action: NotifyAction;
  code: number;
  outputs: ReadonlyMap<string, string>;
  error?: string;
  verdictText?: string;
  environment: string;
  version?: string;
  previousVersion?: string;
  commit?: string;
  previousCommit?: string;
  runner: RunnerContext;
}

/** One line of text: line breaks and runs of spaces folded, cut to `max` characters. */
export function oneLine(text: string, max = 600): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The event of a finished step, or undefined when its outcome is not one to notify (dry run, nothing to do). */
export function eventOf(facts: EventFacts): NotifyEvent | undefined {
  const { action, outputs } = facts;
  let result = outputs.get(RESULT_OUTPUT[action]);
  // A failure before the action said its result (its records could not be read, say).
  if (result === undefined && facts.code !== 0) result = action === 'canary' ? 'aborted' : action === 'gate' ? 'false' : 'failure';
  const known = result === undefined ? undefined : VERDICTS[action][result];
  if (!known) return undefined;
  const version = facts.version || undefined;
  const env = facts.environment;
  let subject: string;
  if (action === 'deploy' || action === 'canary') subject = `${version ?? '(unknown version)'} to ${env}`;
  else if (action === 'rollback')
    subject = `${env}${outputs.get('from-version') ? ` from ${outputs.get('from-version')}` : ''}${version ? ` to ${version}` : ''}`;
  else subject = `${version ? `${version} to ` : ''}${env}`;
  const title = oneLine(`${NAME[action]} ${known.verdict}: ${subject}`, 140);

  const evidence: string[] = [];
  const failedMetric = outputs.get('failed-metric');
  if (failedMetric) evidence.push(`failed metric: ${failedMetric}`);
  if (action === 'canary' && outputs.get('weight') !== undefined && outputs.get('result') === 'paused')
    evidence.push(`weight ${outputs.get('weight')}%`);
  const trigger = outputs.get('trigger');
  if (trigger) evidence.push(`trigger: ${trigger}`);
  const reasons = outputs.get('reasons');
  let reason = facts.code !== 0 && facts.error ? facts.error : reasons || facts.verdictText || facts.error || title;
  // What the reason does not say already (a canary's abort names its metric and weight itself).
  const missing = evidence.filter((e) => !reason.includes(e.replace(/^[a-z ]+: /, '')));
  if (missing.length) reason = `${reason} (${missing.join('; ')})`;

  const runner = facts.runner;
  const repo = runner.repository ? `${runner.repository.owner}/${runner.repository.repo}` : undefined;
  const repoUrl = repo ? `${runner.serverUrl}/${repo}` : undefined;
  const commit = facts.commit && /^[0-9a-f]{7,64}$/i.test(facts.commit) ? facts.commit : undefined;
  const previous = facts.previousCommit && /^[0-9a-f]{7,64}$/i.test(facts.previousCommit) ? facts.previousCommit : undefined;
  return {
    event: `${action}.${known.verdict}`,
    action,
    verdict: known.verdict,
    ok: known.ok,
    title,
    version,
    previousVersion: facts.previousVersion || outputs.get('from-version') || undefined,
    environment: env,
    reason: oneLine(reason),
    repository: repo,
    commit,
    runUrl: runner.runUrl,
    commitUrl: repoUrl && commit ? `${repoUrl}/commit/${commit}` : undefined,
    compareUrl: repoUrl && commit && previous && previous !== commit ? `${repoUrl}/compare/${previous}...${commit}` : undefined,
  };
}
