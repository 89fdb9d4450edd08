import type { DeploymentRecord, RecordStore } from './types.js';

/** A record shipline wrote (other tools' deployments in the same environment carry no version). */
export const isShipline = (r: DeploymentRecord) => r.payload.version !== '';

/**
 * Deployed and healthy: its latest status is success, or inactive because a later success replaced
 * it. A later success may be GitHub's own deployment for a job that names an `environment:` (it
 * carries no shipline payload); that is why `inactive` still counts here.
 */
export const wasGood = (r: DeploymentRecord) => r.state === 'success' || r.state === 'inactive';

/**
 * Tracks, while a history is read newest first, the deployments that a later rollback undid (its
 * payload's `rollbackOf`), so a bad deployment never counts as good whatever its last status says.
 */
export function undoneTracker(): { see(r: DeploymentRecord): void; undone(r: DeploymentRecord): boolean } {
  const ids = new Set<string>();
  return {
    see: (r) => {
      if (typeof r.payload.rollbackOf === 'string' && r.payload.rollbackOf !== '') ids.add(r.payload.rollbackOf);
    },
    undone: (r) => ids.has(r.id),
  };
}

/** What runs now: the newest shipline record that was deployed successfully and not undone. */
export async function current(store: RecordStore, environment: string): Promise<DeploymentRecord | undefined> {
  const tracker = undoneTracker();
  for await (const r of store.history(environment)) {
    tracker.see(r);
    if (isShipline(r) && wasGood(r) && !tracker.undone(r)) return r;
  }
  return undefined;
}

/** The newest record still `in_progress` or `queued`/`pending` from a run that is not this one. */
export function isUnfinished(r: DeploymentRecord): boolean {
  return r.state === 'in_progress' || r.state === 'queued';
}

export interface Skipped {
  record: DeploymentRecord;
  why: string;
}

/** Reads the history newest first until `accept` says yes; says why each record was passed over. */
export async function findInHistory(
  store: RecordStore,
  environment: string,
  accept: (r: DeploymentRecord) => string | true,
  limit = 1000,
): Promise<{ found?: DeploymentRecord; skipped: Skipped[]; seen: number }> {
  const skipped: Skipped[] = [];
  let seen = 0;
  for await (const r of store.history(environment)) {
    seen++;
    const verdict = accept(r);
    if (verdict === true) return { found: r, skipped, seen };
    skipped.push({ record: r, why: verdict });
    if (seen >= limit) break;
  }
  return { skipped, seen };
}
