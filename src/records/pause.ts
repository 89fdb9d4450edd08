/**
 * A canary paused for a decision, as its deployment record shows it: the latest status is
 * `in_progress` and its description starts with a fixed marker (`shipline: paused at 25% ...`).
 * A record's payload cannot change after creation, so the pause lives in the status.
 */
import { isShipline, undoneTracker, wasGood } from './history.js';
import type { DeploymentRecord, RecordStore } from './types.js';

export const PAUSE_MARKER = 'shipline: paused at ';

/** The status description of a paused canary: the marker, the weight it holds, what comes next. */
export function pauseDescription(weight: number, rest: readonly number[]): string {
  return `${PAUSE_MARKER}${weight}%; resume to go on to ${rest.map((w) => `${w}%`).join(', ')}, or abort`.slice(0, 140);
}

/** Is this a canary's record waiting for promote or abort? */
export function isPaused(r: DeploymentRecord): boolean {
  return r.state === 'in_progress' && r.payload.by === 'canary' && (r.statusDescription ?? '').startsWith(PAUSE_MARKER);
}

/** The weight a paused record holds, read back from its status description. */
export function pausedWeight(r: DeploymentRecord): number | undefined {
  const m = /^shipline: paused at (\d{1,3})%/.exec(r.statusDescription ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * The paused canary of `environment`: the newest paused record not older than what runs now (a
 * pause that a later successful deployment replaced no longer holds traffic), not rolled back.
 */
export async function findPaused(store: RecordStore, environment: string, depth = 100): Promise<DeploymentRecord | undefined> {
  const tracker = undoneTracker();
  let seen = 0;
  for await (const r of store.history(environment)) {
    tracker.see(r);
    if (++seen > depth) break;
    if (!isShipline(r) || tracker.undone(r)) continue;
    if (isPaused(r)) return r;
    if (wasGood(r)) break;
  }
  return undefined;
}
