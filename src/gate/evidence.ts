import { describeRecord, promotionEvidence, type PromotionEvidence } from '../records/checks.js';
import { findInHistory, isShipline, wasGood } from '../records/history.js';
import type { RecordStore } from '../records/types.js';
import type { PolicyVerdict } from './verdict.js';

const short = (sha: string) => sha.slice(0, 7);

/**
 * Has this commit (and this version, when given) a successful deployment in `environment` that was
 * not rolled back? With a version this is deploy's `require-promotion-from` check itself; without
 * one, any version built from the commit counts.
 */
export async function commitEvidence(store: RecordStore, environment: string, sha: string, version?: string): Promise<PromotionEvidence> {
  if (version) return promotionEvidence(store, environment, sha, version);
  const { found, skipped } = await findInHistory(
    store,
    environment,
    (r) => (!isShipline(r) ? 'not a shipline record' : r.sha !== sha ? 'another commit' : wasGood(r) ? true : `its state is ${r.state}`),
    500,
  );
  if (found) return { ok: true, record: found, message: `${environment} ran ${describeRecord(found)}` };
  const tried = skipped.filter((s) => s.record.sha === sha && isShipline(s.record)).slice(0, 3);
  const instead = tried.length > 0 ? `its deployments there did not succeed: ${tried.map((s) => describeRecord(s.record)).join('; ')}` : 'it was never deployed there';
  return { ok: false, message: `commit ${short(sha)} has no successful deployment in ${environment}: ${instead}` };
}

export function successVerdict(environment: string, evidence: PromotionEvidence): PolicyVerdict {
  const live = evidence.record?.state === 'success' ? ' (live now)' : evidence.record ? ' (since replaced by a later deployment)' : '';
  return {
    policy: 'require-successful',
    subject: environment,
    verdict: evidence.ok ? 'pass' : 'refused',
    evidence: `${evidence.message}${live}`,
  };
}
