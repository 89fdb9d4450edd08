import { isGood, isShipline, isUnfinished, names, readHistory, undoes } from './meaning.js';
import type { DeploymentRecord, RecordStore } from './types.js';

// One meaning of a record, kept in meaning.ts; re-exported here for the readers of the history.
export { isShipline, isUnfinished };

/** Deployed and healthy: `success`, or `inactive` after a later success (see meaning.ts). */
export const wasGood = isGood;

/**
 * Tracks, while a history is read newest first, the deployments that a later successful rollback
 * undid (its payload's `rollbackOf`), so a bad deployment never counts as good whatever its last
 * status says. A rollback attempt that failed undid nothing.
 */
export function undoneTracker(): { see(r: DeploymentRecord): void; undone(r: DeploymentRecord): boolean } {
  const ids = new Set<string>();
  return {
    see: (r) => {
      const target = undoes(r);
      if (target) ids.add(target);
    },
    undone: (r) => [...ids].some((id) => names(id, r)),
  };
}

/** What runs now: the newest shipline record that was deployed successfully and not undone. */
export async function current(store: RecordStore, environment: string): Promise<DeploymentRecord | undefined> {
  for await (const read of readHistory(store.history(environment))) {
    if (read.meaning === 'live') return read.record;
  }
  return undefined;
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
