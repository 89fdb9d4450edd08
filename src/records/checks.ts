import { readHistory, type Read } from './meaning.js';
import type { DeploymentRecord, RecordStore } from './types.js';

const short = (sha: string) => sha.slice(0, 7);
export const describeRecord = (r: DeploymentRecord) =>
  `${r.payload.version || '(no version)'} at ${short(r.sha)} (deployment ${r.id}, ` +
  `${r.state}${r.statusDescription ? `: ${r.statusDescription}` : ''}, ${r.createdAt})`;

export interface PromotionEvidence {
  ok: boolean;
  record?: DeploymentRecord;
  /** Whether `record` is what runs now (else a later deployment replaced it). */
  live?: boolean;
  /** For a replaced record: the newer one that replaced it. */
  replacedBy?: DeploymentRecord;
  /** What was found instead, for the refusal message. */
  message: string;
}

/**
 * Has this commit and version a successful deployment in `environment` that was not rolled back?
 * (`success` or `inactive`, live or replaced since; not `failure`, not undone by a rollback.)
 * Without a version, any version built from the commit counts.
 */
export async function promotionEvidence(
  store: RecordStore,
  environment: string,
  sha: string,
  version?: string,
): Promise<PromotionEvidence> {
  const seenForCommit: Read[] = [];
  let newestGood: DeploymentRecord | undefined;
  let seen = 0;
  for await (const read of readHistory(store.history(environment))) {
    const r = read.record;
    const good = read.meaning === 'live' || read.meaning === 'replaced';
    if (good && !newestGood) newestGood = r;
    if (read.meaning !== 'foreign' && r.sha === sha && (version === undefined || r.payload.version === version)) {
      if (good) {
        return {
          ok: true,
          record: r,
          live: read.meaning === 'live',
          replacedBy: read.replacedBy,
          message: `${environment} ran ${describeRecord(r)}`,
        };
      }
      seenForCommit.push(read);
    }
    if (++seen >= 500) break;
  }
  const what = version !== undefined ? `${version} at ${short(sha)}` : `commit ${short(sha)}`;
  const why = (read: Read) => (read.meaning === 'undone' ? ', rolled back' : read.meaning === 'paused' ? ', a paused canary' : '');
  const instead =
    seenForCommit.length > 0
      ? `its deployments there did not succeed: ${seenForCommit
          .slice(0, 3)
          .map((x) => `${describeRecord(x.record)}${why(x)}`)
          .join('; ')}`
      : `it was never deployed ` +
        `there${newestGood ? `; ${environment} runs ${describeRecord(newestGood)}` : `; ${environment} has no successful deployment`}`;
  return { ok: false, message: `${what} has no successful deployment in ${environment}: ${instead}` };
}

export interface EnvironmentView {
  /** What runs now: the newest good record not undone. */
  current?: DeploymentRecord;
  /** Records newer than `current` that are not finished (another deploy under way, or stale), newest first. */
  unfinished: DeploymentRecord[];
  /** A canary newer than `current` paused for a decision. */
  paused?: DeploymentRecord;
}

/** One read of the newest records: what runs now, whether a canary is paused, whether another deploy is under way. */
export async function environmentView(store: RecordStore, environment: string, depth = 100): Promise<EnvironmentView> {
  const view: EnvironmentView = { unfinished: [] };
  let seen = 0;
  for await (const read of readHistory(store.history(environment))) {
    if (read.meaning === 'live') {
      view.current = read.record;
      break;
    }
    if (read.meaning === 'unfinished') view.unfinished.push(read.record);
    if (read.meaning === 'paused' && !view.paused) view.paused = read.record;
    if (++seen >= depth) break;
  }
  return view;
}
