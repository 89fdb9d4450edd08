/**
 * What a deployment record means: the one reading of a record's state that deploy, canary,
 * rollback and gate all use (a record means the same thing whichever action reads it).
 *
 * - `success` and `inactive` are both "deployed and healthy": GitHub marks an earlier successful
 *   deployment `inactive` when a later one in the environment succeeds (`auto_inactive`), and that
 *   later one may be GitHub's own deployment for a job that names an `environment:`, which carries
 *   no shipline payload. Whether a good record is what runs now is a question of its place in the
 *   history (the newest good shipline record that no rollback undid), never of `success` alone:
 *   GitHub does not mark production deployments inactive at all.
 * - `in_progress` with the pause marker is a paused canary: deliberately unfinished, not a failure.
 * - `in_progress`, `queued` and `pending` otherwise: a deploy under way, or one whose run ended
 *   without finishing its record (stale, see `stale.ts`).
 * - `failure` and `error`: did not succeed.
 * - a record that a later successful rollback names in `rollbackOf` was undone, whatever its state.
 * - a record is shipline's only when its payload's `by` names a shipline action and its version
 *   (and artifact) pass the same checks as the inputs; anything else is another tool's.
 */
import { artifactField, VERSION_PATTERN } from '../core/common-fields.js';
import type { DeploymentRecord } from './types.js';

export const WRITERS = ['deploy', 'canary', 'rollback'] as const;

/** The status description of a paused canary starts with this (`shipline: paused at 25% ...`). */
export const PAUSE_MARKER = 'shipline: paused at ';

/** The artifact input's own check, applied to an artifact read back from a record. */
const ARTIFACT = artifactField();

/** Why a record's payload cannot be used (a version or artifact no input would accept), or undefined. */
export function payloadProblem(r: DeploymentRecord): string | undefined {
  const p = r.payload;
  if (!VERSION_PATTERN.test(p.version)) return `its version ${JSON.stringify(p.version.slice(0, 40))} is not a valid version`;
  if (p.artifact !== undefined && (typeof p.artifact !== 'string' || p.artifact === '' || !ARTIFACT.schema.safeParse(p.artifact).success))
    return 'its artifact is not an image reference or a path on one line';
  if (p.stableVersion !== undefined && (typeof p.stableVersion !== 'string' || !VERSION_PATTERN.test(p.stableVersion)))
    return 'its stableVersion is not a valid version';
  return undefined;
}

/** Written by shipline (its payload's `by`), with a payload that passes the input checks. */
export function isShipline(r: DeploymentRecord): boolean {
  return typeof r.payload.by === 'string' && (WRITERS as readonly string[]).includes(r.payload.by) && payloadProblem(r) === undefined;
}

/** Why a record is not counted as shipline's, for summaries. */
export function notShiplineWhy(r: DeploymentRecord): string {
  if (typeof r.payload.by !== 'string' || !(WRITERS as readonly string[]).includes(r.payload.by))
    return 'not a shipline record (no "by" in its payload)';
  return `a shipline record that cannot be used: ${payloadProblem(r)}`;
}

/** Deployed and healthy (maybe replaced since): `success`, or `inactive` after a later success. */
export const isGood = (r: DeploymentRecord) => r.state === 'success' || r.state === 'inactive';

/** Did not succeed. */
export const isFailed = (r: DeploymentRecord) => r.state === 'failure' || r.state === 'error';

/** A canary waiting for promote or abort: deliberately in progress, not a failure, not stale. */
export function isPaused(r: DeploymentRecord): boolean {
  return r.state === 'in_progress' && r.payload.by === 'canary' && (r.statusDescription ?? '').startsWith(PAUSE_MARKER);
}

/** Not finished: under way, or left so by a run that ended (a paused canary is not counted here). */
export const isUnfinished = (r: DeploymentRecord) =>
  (r.state === 'in_progress' || r.state === 'queued' || r.state === 'pending') && !isPaused(r);

/** The record of a rollback (never itself the bad side of a later rollback). */
export const isRollback = (r: DeploymentRecord) => r.payload.by === 'rollback';

/** Does this id (a REST id or a GraphQL node id, as kept in `rollbackOf`) name this record? */
export const names = (id: string, r: DeploymentRecord) => id === r.id || (r.nodeId !== undefined && id === r.nodeId);

/** The id a successful rollback record undid. */
export function undoes(r: DeploymentRecord): string | undefined {
  return isShipline(r) && isRollback(r) && isGood(r) && typeof r.payload.rollbackOf === 'string' && r.payload.rollbackOf !== ''
    ? r.payload.rollbackOf
    : undefined;
}

export type Meaning =
  /** The newest good shipline record not undone: what runs now. */
  | 'live'
  /** Good, but a later good record replaced it. */
  | 'replaced'
  | 'paused'
  | 'unfinished'
  | 'failed'
  /** A later successful rollback undid it. */
  | 'undone'
  /** Another tool's, or a payload shipline cannot use. */
  | 'foreign';

export interface Read {
  record: DeploymentRecord;
  meaning: Meaning;
  /** For `replaced`: the newer good record that replaced it. */
  replacedBy?: DeploymentRecord;
  /** For `undone`: the id of the rollback that undid it. */
  undoneBy?: string;
}

/**
 * Reads a history (newest first) into meanings, one record at a time, so a caller stops as soon
 * as it knows. The only place that turns states into meanings.
 */
export function reader(): (r: DeploymentRecord) => Read {
  const undone = new Map<string, string>();
  let newerGood: DeploymentRecord | undefined;
  return (record) => {
    const target = undoes(record);
    if (target && !undone.has(target)) undone.set(target, record.id);
    if (!isShipline(record)) return { record, meaning: 'foreign' };
    const by = undone.get(record.id) ?? (record.nodeId ? undone.get(record.nodeId) : undefined);
    if (by) return { record, meaning: 'undone', undoneBy: by };
    if (isPaused(record)) return { record, meaning: 'paused' };
    if (isUnfinished(record)) return { record, meaning: 'unfinished' };
    if (isFailed(record)) return { record, meaning: 'failed' };
    const replacedBy = newerGood;
    newerGood ??= record;
    return replacedBy ? { record, meaning: 'replaced', replacedBy } : { record, meaning: 'live' };
  };
}

/** Reads the history with meanings, newest first, only as far as the caller goes. */
export async function* readHistory(history: AsyncIterable<DeploymentRecord>): AsyncIterable<Read> {
  const read = reader();
  for await (const r of history) yield read(r);
}

/** Cuts text to at most `max` UTF-16 units without splitting a surrogate pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end);
}
