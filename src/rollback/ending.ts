/** How a rollback ends, and what every part of it shares: the setup, the not-live and in-progress cases. */
import { UserError } from '../core/errors.js';
import type { ActionContext } from '../core/run.js';
import type { Driver } from '../drivers/types.js';
import { isFailed, isUnfinished } from '../records/meaning.js';
import { describeRunning, staleWhy } from '../records/stale.js';
import type { DeploymentRecord, RecordStore } from '../records/types.js';
import type { Check } from '../checks/schema.js';
import type { fields } from './fields.js';
import type { Choice } from './target.js';

export type Ctx = ActionContext<typeof fields>;

export interface Setup {
  ctx: Ctx;
  driver: Driver;
  store: RecordStore;
  checks?: Check[];
  url?: string;
  authorization?: string;
}

/**
 * How a rollback that did not fail ended: its `result` and its verdict. A failure is a thrown
 * error (its `result` is `failure`); the action turns either into the output in one place.
 */
export interface Ending {
  result: 'success' | 'not-live' | 'already-rolled-back' | 'healthy' | 'dry-run';
  status: 'pass' | 'info';
  verdict: string;
}

/**
 * Why this rollback changes nothing because the environment is not on the version to roll back
 * from (`from-version`): the release never got there, a canary already aborted, someone rolled back
 * first (a rollback is never itself rolled back). A paused canary is never rolled back either.
 */
export function notLiveWhy(choice: Choice, from: string | undefined, environment: string): string | undefined {
  if (choice.kind === 'paused') return choice.why;
  if (from === undefined) return undefined;
  if (choice.kind === 'already') return `${choice.why}: someone rolled back first, and a rollback is never itself rolled back`;
  const bad = choice.bad;
  if (!bad) return `${environment} has no shipline deployment: ${from} never got there`;
  if (bad.payload.version !== from) {
    return (
      `${environment} is not on ${from}: its newest deployment is ${bad.payload.version} ` +
      `(deployment ${bad.id}, ${bad.state}); ${from} never got there or was replaced since`
    );
  }
  if (bad.payload.by === 'canary' && isFailed(bad)) {
    return (
      `the canary of ${from} already aborted (deployment ${bad.id}: ` +
      `${bad.statusDescription ?? bad.state}); its traffic went back to stable`
    );
  }
  return undefined;
}

/** Nothing to do: `result: not-live`, exit 0, and why in the log and the summary. */
export function notLive(setup: Setup, why: string, choice: Choice): Ending {
  const { ctx } = setup;
  const on = choice.kind === 'paused' ? undefined : choice.kind === 'already' ? choice.current : choice.bad;
  ctx.setOutput('version', on?.payload.version ?? '');
  ctx.setOutput('from-version', '');
  ctx.log.info(`Nothing rolled back: ${why}.`);
  return { result: 'not-live', status: 'pass', verdict: `Nothing rolled back in ${ctx.settings.environment}: ${why}.` };
}

/**
 * An unfinished deployment to roll back from: another run's deploy still under way (refused), or
 * one whose run ended (stale, or this run's own): rolled back like a failed one.
 */
export async function unfinishedBad(setup: Setup, bad: DeploymentRecord): Promise<string | undefined> {
  const { ctx, store } = setup;
  if (!isUnfinished(bad)) return undefined;
  if (typeof bad.payload.runId === 'string' && bad.payload.runId === ctx.runner.runId)
    return `it was left ${bad.state} by an earlier job of this run`;
  const why = await staleWhy(store, bad, { limitMs: 2 * ctx.settings.timeout, runner: ctx.runner, now: ctx.runtime.clock.now() });
  if (why) return `it is stale: ${why}`;
  throw new UserError(
    `A deploy to ${ctx.settings.environment} is still in progress: ` +
      `${describeRunning(bad)}. Not rolling back under it; wait for it to end, ` +
      `or serialise deploys and rollbacks with \`concurrency: deploy-${ctx.settings.environment}\` in the workflow.`,
  );
}
