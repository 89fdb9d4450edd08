import { findInHistory, isShipline, isUnfinished, undoneTracker, wasGood } from './history.js';
import type { DeploymentRecord, RecordStore } from './types.js';

const short = (sha: string) => sha.slice(0, 7);
export const describeRecord = (r: DeploymentRecord) =>
  `${r.payload.version || '(no version)'} at ${short(r.sha)} (deployment ${r.id}, ${r.state}${r.statusDescription ? `: ${r.statusDescription}` : ''}, ${r.createdAt})`;

export interface PromotionEvidence {
  ok: boolean;
  record?: DeploymentRecord;
  /** What was found instead, for the refusal message. */
  message: string;
}

/**
 * Has this commit and version a successful deployment in `environment` that was not rolled back?
 * (`success`, or `inactive` because a later success replaced it; not `failure`, not a rollback's
 * target that was itself undone.)
 */
export async function promotionEvidence(store: RecordStore, environment: string, sha: string, version: string): Promise<PromotionEvidence> {
  const seenForCommit: DeploymentRecord[] = [];
  let newestGood: DeploymentRecord | undefined;
  const tracker = undoneTracker();
  const { found } = await findInHistory(store, environment, (r) => {
    tracker.see(r);
    if (!isShipline(r)) return 'not a shipline record';
    const good = wasGood(r) && !tracker.undone(r);
    if (good && !newestGood) newestGood = r;
    if (r.sha !== sha || r.payload.version !== version) return 'another commit or version';
    seenForCommit.push(r);
    return good ? true : tracker.undone(r) ? 'it was rolled back' : `its state is ${r.state}`;
  }, 500);
  if (found) return { ok: true, record: found, message: `${environment} ran ${describeRecord(found)}` };
  const instead = seenForCommit.length > 0
    ? `its deployments there did not succeed: ${seenForCommit.slice(0, 3).map(describeRecord).join('; ')}`
    : `it was never deployed there${newestGood ? `; ${environment} runs ${describeRecord(newestGood)}` : `; ${environment} has no successful deployment`}`;
  return { ok: false, message: `${version} at ${short(sha)} has no successful deployment in ${environment}: ${instead}` };
}

export interface EnvironmentView {
  /** What runs now: the newest successful record. */
  current?: DeploymentRecord;
  /** A record another run left in progress (or one that crashed), newest first. */
  unfinished?: DeploymentRecord;
}

/** One read of the newest records: what runs now and whether another deploy is under way. */
export async function environmentView(store: RecordStore, environment: string, depth = 100): Promise<EnvironmentView> {
  const view: EnvironmentView = {};
  const tracker = undoneTracker();
  let seen = 0;
  for await (const r of store.history(environment)) {
    tracker.see(r);
    if (!isShipline(r) || tracker.undone(r)) continue;
    if (!view.current && !view.unfinished && isUnfinished(r)) view.unfinished = r;
    if (wasGood(r)) {
      view.current = r;
      break;
    }
    if (++seen >= depth) break;
  }
  return view;
}
