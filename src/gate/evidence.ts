import { promotionEvidence, type PromotionEvidence } from '../records/checks.js';
import type { RecordStore } from '../records/types.js';
import type { PolicyVerdict } from './verdict.js';

/**
 * Has this commit (and this version, when given) a successful deployment in `environment` that was
 * not rolled back? With a version this is deploy's `require-promotion-from` check itself; without
 * one, any version built from the commit counts.
 */
export function commitEvidence(store: RecordStore, environment: string, sha: string, version?: string): Promise<PromotionEvidence> {
  return promotionEvidence(store, environment, sha, version);
}

export function successVerdict(environment: string, evidence: PromotionEvidence): PolicyVerdict {
  const live = evidence.live ? ' (live now)' : evidence.record ? ' (since replaced by a later deployment)' : '';
  return {
    policy: 'require-successful',
    subject: environment,
    verdict: evidence.ok ? 'pass' : 'refused',
    evidence: `${evidence.message}${live}`,
  };
}
