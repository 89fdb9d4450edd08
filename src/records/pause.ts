/**
 * A canary paused for a decision, as its deployment record shows it: the latest status is
 * `in_progress` and its description starts with a fixed marker (`shipline: paused at 25% ...`).
 * A record's payload cannot change after creation, so the pause lives in the status.
 */
import { cutText, isPaused, PAUSE_MARKER, readHistory } from './meaning.js';
import type { DeploymentRecord, RecordStore } from './types.js';

export { isPaused, PAUSE_MARKER };

/** The status description of a paused canary: the marker, the weight it holds, what comes next. */
export function pauseDescription(weight: number, rest: readonly number[]): string {
  return cutText(`${PAUSE_MARKER}${weight}%; resume to go on to ${rest.map((w) => `${w}%`).join(', ')}, or abort`, 140);
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
  let seen = 0;
  for await (const read of readHistory(store.history(environment))) {
    if (++seen > depth) break;
    if (read.meaning === 'paused') return read.record;
    if (read.meaning === 'live') break;
  }
  return undefined;
}
