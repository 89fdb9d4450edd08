import { formatTime } from '../core/time-format.js';
import { pausedWeight } from '../records/pause.js';
import type { DeploymentRecord } from '../records/types.js';
import type { PolicyVerdict } from './verdict.js';

/**
 * The paused-canary verdict: while a canary waits for a decision in the target environment, no
 * other deploy may go there (it would replace what the canary is judged against).
 */
export function pausedVerdict(environment: string, paused: DeploymentRecord | undefined): PolicyVerdict {
  const base = { policy: 'paused-canary' as const, subject: environment };
  if (!paused) return { ...base, verdict: 'pass', evidence: `no canary is paused in ${environment}` };
  const weight = pausedWeight(paused);
  const since = paused.stateAt ?? paused.createdAt;
  return {
    ...base,
    verdict: 'refused',
    evidence:
      `${environment} has a paused canary of ${paused.payload.version}${weight !== undefined ? ` at ${weight}%` : ''} ` +
      `since ${formatTime(since)} (deployment ${paused.id}` +
      `${paused.payload.runUrl ? `, ${paused.payload.runUrl}` : ''}); promote or abort it first (resume: promote or resume: abort)`,
  };
}
