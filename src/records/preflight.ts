/**
 * May this environment change now? The one check deploy and canary make before they touch an
 * environment: no canary paused there for a decision, no other deploy or canary still under way
 * (records left in progress by runs that ended are stale, and marked so once the run goes on), and,
 * where asked, the commit's successful deployment in an earlier environment.
 */
import { UserError } from '../core/errors.js';
import type { RunnerContext } from '../core/runner.js';
import { describeRecord, environmentView, promotionEvidence, type EnvironmentView, type PromotionEvidence } from './checks.js';
import { describeRunning, sortUnfinished, type StaleOptions, type Unfinished } from './stale.js';
import type { DeploymentRecord, RecordStore } from './types.js';

/** Why the environment may not change now. */
export type RefusalReason = 'paused' | 'in-progress' | 'no-promotion';

/** A refusal: the user's error, with why and the `result` output deploy sets for it. */
export class Refusal extends UserError {
  constructor(
    readonly reason: RefusalReason,
    readonly result: 'refused' | 'failure',
    message: string,
  ) {
    super(message);
  }
}

export interface PreflightOptions {
  /** The action asking: its refusals say what to do in its own words. */
  action: 'deploy' | 'canary';
  environment: string;
  runner: RunnerContext;
  /**
   * How long an in-progress record may stay before it is stale: twice the time its run may take.
   * A deploy's record ends within the timeout; a canary's stays in progress for its whole time to
   * promote besides, so the canary passes the longer limit.
   */
  staleAfterMs: number;
  /** The time now, from the runtime's clock (the system clock when not given). */
  now?: number;
  /** Deploy's require-promotion-from: the commit and version must have succeeded there. */
  promotion?: { from: string; sha: string; version: string };
}

export interface Cleared {
  view: EnvironmentView;
  /** Records found stale: marked `error` (markStale) once the run goes on, listed by a dry run. */
  stale: Unfinished['stale'];
  staleOpts: StaleOptions;
  /** The promotion evidence found, when asked for. */
  promotion?: string;
  /** The deployment that proved it (environment, record, whether it still runs there). */
  promotionEvidence?: PromotionEvidence & { environment: string };
  /** Set when the environment may not change now; nothing was written. */
  refusal?: Refusal;
}

/** Reads the environment's records once and says whether it may change now; it writes nothing. */
export async function preflight(store: RecordStore, o: PreflightOptions): Promise<Cleared> {
  const env = o.environment;
  const view = await environmentView(store, env);
  const staleOpts: StaleOptions = { limitMs: o.staleAfterMs, runner: o.runner, ...(o.now !== undefined ? { now: o.now } : {}) };
  const cleared: Cleared = { view, stale: [], staleOpts };
  if (view.paused) return { ...cleared, refusal: pausedRefusal(o.action, env, view.paused) };
  const unfinished = await sortUnfinished(store, view.unfinished, staleOpts);
  cleared.stale = unfinished.stale;
  if (unfinished.running.length > 0) return { ...cleared, refusal: runningRefusal(o.action, env, unfinished.running[0]!) };
  if (o.promotion) {
    const evidence = await promotionEvidence(store, o.promotion.from, o.promotion.sha, o.promotion.version);
    if (!evidence.ok)
      return { ...cleared, refusal: new Refusal('no-promotion', 'refused', `Refusing to deploy to ${env}: ${evidence.message}.`) };
    cleared.promotion = evidence.message;
    cleared.promotionEvidence = { ...evidence, environment: o.promotion.from };
  }
  return cleared;
}

function pausedRefusal(action: PreflightOptions['action'], env: string, paused: DeploymentRecord): Refusal {
  return new Refusal(
    'paused',
    'refused',
    action === 'deploy'
      ? `A canary of ${paused.payload.version} is paused in ${env} (${paused.statusDescription}). ` +
          'Resume it (canary with resume: promote) or abort it (resume: abort) before deploying.'
      : `A canary is paused in ${env}: ${describeRecord(paused)}${paused.payload.runUrl ? ` by ${paused.payload.runUrl}` : ''}. ` +
          'Resume or abort it first: run the canary action with resume: promote or resume: abort (the approval workflow does).',
  );
}

function runningRefusal(action: PreflightOptions['action'], env: string, running: DeploymentRecord): Refusal {
  return new Refusal(
    'in-progress',
    'failure',
    action === 'deploy'
      ? `Another deploy to ${env} is still in progress: ${describeRunning(running)}. ` +
          `Wait for it, or serialise deploys with \`concurrency: deploy-${env}\` in the workflow.`
      : `Another deploy or canary in ${env} is still in progress: ${describeRunning(running)}. ` +
          `Wait for it, or serialise them with \`concurrency: deploy-${env}\` in the workflow.`,
  );
}
