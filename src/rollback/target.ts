import { isGood, isPaused, isRollback, isShipline, notShiplineWhy, undoes } from '../records/meaning.js';
import type { DeploymentRecord } from '../records/types.js';

/** A record passed over on the way to the target, and why. */
export interface Skip {
  record: DeploymentRecord;
  why: string;
}

interface Read {
  skipped: Skip[];
  /** Records read (each costs nothing beyond its page: 100 records per GitHub call). */
  seen: number;
}

/**
 * What the records say to do:
 * - `target`: roll `bad` (the newest deployment) back to `target`;
 * - `already`: the environment already runs the good version (`current`, a successful rollback of
 *   `undone`, or the `to-version` asked for): nothing to do;
 * - `none`: nothing to roll back or nothing to go back to; `why` says which, for the error.
 */
export type Choice =
  | ({ kind: 'target'; bad: DeploymentRecord; target: DeploymentRecord } & Read)
  | ({ kind: 'already'; current: DeploymentRecord; undone?: DeploymentRecord; why: string } & Read)
  | ({ kind: 'none'; bad?: DeploymentRecord; why: string } & Read)
  /** The newest record is a canary paused for a decision: not a failure, nothing to roll back. */
  | ({ kind: 'paused'; paused: DeploymentRecord; why: string } & Read);

export interface ChooseOptions {
  environment: string;
  /** Go back to this version (it must have a good deployment in the records). */
  toVersion?: string;
  /** Stop reading after this many records. */
  limit?: number;
}

const failedAttempt = (r: DeploymentRecord) => isRollback(r) && !isGood(r);
const describe = (r: DeploymentRecord) => `${r.payload.version} (deployment ${r.id})`;

/** Why a record older than the bad one is no place to go back to; true when it is. */
export function judgeCandidate(
  r: DeploymentRecord,
  ctx: { bad: DeploymentRecord; rolledBack: Map<string, string>; toVersion?: string },
): string | true {
  if (!isShipline(r)) return notShiplineWhy(r);
  const by = ctx.rolledBack.get(r.id) ?? (r.nodeId ? ctx.rolledBack.get(r.nodeId) : undefined);
  if (by) return `rolled back by deployment ${by}`;
  if (r.state === 'failure' || r.state === 'error')
    return `its last status is ${r.state}${r.statusDescription ? ` (${r.statusDescription})` : ''}`;
  if (isPaused(r)) return 'a canary that was paused, never promoted';
  if (!isGood(r)) return `it never finished (last status ${r.state})`;
  if (ctx.toVersion !== undefined && r.payload.version !== ctx.toVersion) return `not the version asked for (${ctx.toVersion})`;
  if (ctx.toVersion === undefined && r.payload.version === ctx.bad.payload.version)
    return 'the same version as the deployment being rolled back';
  return true;
}

/**
 * Reads the environment's records newest first, only as far as needed (one GitHub call per 100),
 * and picks what to roll back and where to. The bad deployment is the newest record (earlier
 * rollback attempts that failed are passed over, so a retry rolls back the same deployment). The
 * target is the newest older record whose last status is `success` or `inactive` (live until a
 * later success replaced it), that no successful rollback undid, and that has another version —
 * or, with `toVersion`, the newest such record of that version.
 */
export async function chooseTarget(history: AsyncIterable<DeploymentRecord>, opts: ChooseOptions): Promise<Choice> {
  const limit = opts.limit ?? 1000;
  const skipped: Skip[] = [];
  const rolledBack = new Map<string, string>();
  const seenVersions = new Set<string>();
  const toVersionRecords: Skip[] = [];
  let seen = 0;
  let bad: DeploymentRecord | undefined;
  let already: { current: DeploymentRecord; why: string } | undefined;

  for await (const r of history) {
    seen++;
    const undone = undoes(r);
    if (undone && !rolledBack.has(undone)) rolledBack.set(undone, r.id);
    if (already) {
      if (r.id === already.current.payload.rollbackOf || r.nodeId === already.current.payload.rollbackOf)
        return { kind: 'already', ...already, undone: r, skipped, seen };
    } else if (!bad) {
      if (!isShipline(r)) skipped.push({ record: r, why: notShiplineWhy(r) });
      else if (failedAttempt(r)) skipped.push({ record: r, why: `an earlier rollback attempt that did not succeed (${r.state})` });
      else if (isPaused(r)) {
        return {
          kind: 'paused',
          paused: r,
          why:
            `a canary of ${describe(r)} is paused in ${opts.environment} (${r.statusDescription}): a paused canary is ` +
            `not a failure and is not rolled back; promote or abort it (canary with resume: promote or resume: abort)`,
          skipped,
          seen,
        };
      } else {
        bad = r;
        // A rollback is never itself rolled back (its record is never the bad side of another).
        if (opts.toVersion === undefined && isRollback(r)) {
          already = { current: r, why: `${opts.environment} was already rolled back to ${r.payload.version} by deployment ${r.id}` };
          if (!r.payload.rollbackOf) return { kind: 'already', ...already, skipped, seen };
        } else if (opts.toVersion !== undefined && isGood(r) && r.payload.version === opts.toVersion) {
          return { kind: 'already', current: r, why: `${opts.environment} already runs ${describe(r)}`, skipped, seen };
        }
      }
    } else {
      if (isShipline(r)) seenVersions.add(r.payload.version);
      const verdict = judgeCandidate(r, { bad, rolledBack, toVersion: opts.toVersion });
      if (verdict === true) return { kind: 'target', bad, target: r, skipped, seen };
      const skip = { record: r, why: verdict };
      skipped.push(skip);
      if (opts.toVersion !== undefined && r.payload.version === opts.toVersion) toVersionRecords.push(skip);
    }
    if (seen >= limit) break;
  }

  if (already) return { kind: 'already', ...already, skipped, seen };
  const read = { skipped, seen };
  const depth = seen >= limit ? ` (stopped after ${limit} records)` : '';
  if (seen === 0) return { kind: 'none', why: `${opts.environment} has no deployment records: nothing to roll back`, ...read };
  if (!bad)
    return {
      kind: 'none',
      why: `${opts.environment} has no shipline deployment records (${seen} from other tools): nothing to roll back`,
      ...read,
    };
  if (opts.toVersion !== undefined) {
    if (toVersionRecords.length > 0) {
      const reasons = toVersionRecords
        .slice(0, 3)
        .map((s) => `deployment ${s.record.id}: ${s.why}`)
        .join('; ');
      return {
        kind: 'none',
        bad,
        why:
          `${opts.toVersion} was deployed to ${opts.environment} before ` +
          `${describe(bad)}, but never in a state to go back to: ${reasons}${depth}`,
        ...read,
      };
    }
    const known = [...seenVersions].slice(0, 10);
    const also =
      opts.toVersion === bad.payload.version
        ? `; it is the version of the newest deployment, ${describe(bad)}, whose last status is ${bad.state}`
        : '';
    return {
      kind: 'none',
      bad,
      why:
        `${opts.toVersion} was never deployed to ${opts.environment} before ${describe(bad)}${also} ` +
        `(${seen} records read${depth}); versions deployed there: ${known.join(', ') || 'none'}`,
      ...read,
    };
  }
  return {
    kind: 'none',
    bad,
    why: `${opts.environment} has no good deployment older than ${describe(bad)} to roll back to (${seen} records read${depth})`,
    ...read,
  };
}
