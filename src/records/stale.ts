/**
 * Records left in progress: a deploy under way, or one whose run ended without finishing its
 * record (a status write that failed after the driver succeeded, a canary whose promotion could
 * not be recorded, a cancel whose cleanup ran out of time). Left alone, such a record would refuse
 * every later deploy of its environment for good; it is stale, and the next deploy or rollback
 * says so, marks it `error` and goes on. A paused canary is deliberately in progress: never stale.
 */
import { hostname } from 'node:os';
import { formatDuration } from '../core/duration.js';
import { errorMessage } from '../core/errors.js';
import type { RunnerContext } from '../core/runner.js';
import { describeRecord } from './checks.js';
import { isPaused, isUnfinished, readHistory } from './meaning.js';
import type { DeploymentRecord, RecordPayload, RecordStore } from './types.js';
import { isProcessAlive } from '../core/process.js';
import { systemClock } from '../core/clock.js';

/** Where a record comes from: the run (and attempt) that wrote it, and its process on this machine. */
export function origin(runner: RunnerContext): Pick<RecordPayload, 'runUrl' | 'runId' | 'runAttempt' | 'host' | 'pid'> {
  return {
    runUrl: runner.runUrl,
    ...(runner.runId ? { runId: runner.runId, runAttempt: runner.runAttempt ?? '1' } : {}),
    host: hostname(),
    pid: process.pid,
  };
}

export interface StaleOptions {
  /** An in-progress record older than this (since its latest status) is stale whatever else is known. */
  limitMs: number;
  runner: RunnerContext;
  now?: number;
}

/**
 * Why an unfinished record is stale, or undefined when it may still be under way. Its run has ended
 * (asked of GitHub when the records are there: completed, unknown, or re-run since), the process
 * that wrote it is gone (the ledger, on this machine), or it is older than the limit.
 */
export async function staleWhy(store: RecordStore, r: DeploymentRecord, opts: StaleOptions): Promise<string | undefined> {
  if (isPaused(r) || !isUnfinished(r)) return undefined;
  const p = r.payload;
  const runId = typeof p.runId === 'string' ? p.runId : undefined;
  const attempt = Number(typeof p.runAttempt === 'string' ? p.runAttempt : '1') || 1;
  if (runId && runId === opts.runner.runId && attempt < (Number(opts.runner.runAttempt ?? '1') || 1)) {
    return `it was written by attempt ${attempt} of this run, which has ended (this is attempt ${opts.runner.runAttempt})`;
  }
  if (runId && store.runState && runId !== opts.runner.runId) {
    const run = await store.runState(runId);
    if (run && run.status === 'completed') return `its run ${runId} has ended${run.conclusion ? ` (${run.conclusion})` : ''}`;
    if (run && run.attempt > attempt)
      return `its run ${runId} was re-run since (attempt ${run.attempt}; the record is from attempt ${attempt})`;
  }
  if (store.kind === 'ledger' && typeof p.pid === 'number' && p.host === hostname() && p.pid !== process.pid && !isProcessAlive(p.pid)) {
    return `the process that wrote it (pid ${p.pid} on ${p.host}) is gone`;
  }
  const age = (opts.now ?? systemClock.now()) - Date.parse(r.stateAt ?? r.createdAt);
  if (age > opts.limitMs)
    return `it has been in progress for ${formatDuration(age)}, more than ${formatDuration(opts.limitMs)} (twice the timeout)`;
  return undefined;
}

export interface Unfinished {
  /** Still under way (another deploy), newest first. */
  running: DeploymentRecord[];
  /** Stale, with why, newest first. */
  stale: { record: DeploymentRecord; why: string }[];
}

/** Sorts the unfinished records newer than what runs now into running and stale. */
export async function sortUnfinished(store: RecordStore, records: readonly DeploymentRecord[], opts: StaleOptions): Promise<Unfinished> {
  const out: Unfinished = { running: [], stale: [] };
  for (const r of records) {
    const why = await staleWhy(store, r, opts);
    if (why) out.stale.push({ record: r, why });
    else out.running.push(r);
  }
  return out;
}

/** Marks stale records `error`, saying why; a failed write is a warning (the next run tries again). */
export async function markStale(
  store: RecordStore,
  stale: Unfinished['stale'],
  by: { log: { warning(m: string): void }; runUrl?: string },
): Promise<void> {
  for (const { record, why } of stale) {
    by.log.warning(
      `Deployment ${record.id} (${record.payload.version}) was left in progress and is stale: ${why}. Marking it error and going on.`,
    );
    try {
      await store.setStatus(record.id, 'error', { description: `found stale: ${why}`, logUrl: by.runUrl });
    } catch (err) {
      by.log.warning(`Deployment ${record.id} could not be marked stale: ${errorMessage(err)}`);
    }
  }
}

/**
 * After this run created its record: the other unfinished records of the environment that are not
 * stale and were created before it (the earliest in-progress record wins). Empty: this run goes on.
 * Two runs that both checked before either wrote both see each other here, and only the later yields.
 */
export async function earlierRunning(
  store: RecordStore,
  environment: string,
  mine: DeploymentRecord,
  opts: StaleOptions,
  depth = 100,
): Promise<DeploymentRecord[]> {
  const others: DeploymentRecord[] = [];
  let seenMine = false;
  let seen = 0;
  for await (const read of readHistory(store.history(environment))) {
    const r = read.record;
    if (r.id === mine.id) {
      seenMine = true;
      continue;
    }
    if (read.meaning === 'live' && seenMine) break;
    if (seenMine && (read.meaning === 'unfinished' || read.meaning === 'paused')) others.push(r);
    if (++seen >= depth) break;
  }
  const earlier: DeploymentRecord[] = [];
  for (const r of others) if (isPaused(r) || !(await staleWhy(store, r, opts))) earlier.push(r);
  return earlier;
}

export const describeRunning = (r: DeploymentRecord) => `${describeRecord(r)}${r.payload.runUrl ? ` by ${r.payload.runUrl}` : ''}`;
