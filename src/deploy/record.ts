/** The deployment record a deploy writes: opened in progress, then marked successful; the hooks' options. */
import { errorMessage, UserError } from '../core/errors.js';
import type { Cleared } from '../records/preflight.js';
import { describeRunning, earlierRunning } from '../records/stale.js';
import type { DeploymentRecord } from '../records/types.js';
import type { Ctx, DeployJob } from './context.js';
import type { HookResult } from './hooks.js';

/** How the pre- and post-deploy hooks run: the runtime's exec, the step's log, cancel and timeout. */
export function hookOptions(ctx: Ctx) {
  return { log: ctx.log, signal: ctx.signal, tempDir: ctx.runner.temp, timeoutMs: ctx.settings.timeout, exec: ctx.runtime.exec };
}

/** Creates this deploy's record (its status is the caller's to set) and outputs its id at once. */
export async function createRecord(ctx: Ctx, job: DeployJob): Promise<DeploymentRecord> {
  const { store, env, version, sha, ref, payload } = job;
  const record = await store.create({
    environment: env,
    sha,
    ref,
    payload,
    description: `shipline deploy ${version}`,
    productionEnvironment: /^prod/i.test(env),
  });
  ctx.setOutput('deployment-id', record.id);
  return record;
}

/** Writes the in-progress record; of two deploys that checked at the same moment, the earliest goes on. */
export async function openRecord(ctx: Ctx, job: DeployJob, cleared: Cleared, pre: HookResult | undefined): Promise<DeploymentRecord> {
  const { store, env, version } = job;
  const record = await createRecord(ctx, job);
  await store.setStatus(record.id, 'in_progress', { description: `deploying ${version}`, logUrl: ctx.runner.runUrl });
  // Two deploys that checked at the same moment both wrote a record: the earliest one goes on.
  const first = (await earlierRunning(store, env, record, cleared.staleOpts))[0];
  if (first) {
    ctx.setOutput('result', 'failure');
    try {
      await store.setStatus(record.id, 'error', {
        description: `refused: deployment ${first.id} to ${env} started first`,
        logUrl: ctx.runner.runUrl,
      });
    } catch (err) {
      ctx.log.warning(`Deployment ${record.id} could not be marked refused: ${errorMessage(err)}`);
    }
    ctx.summary.verdict('fail', `Refused: another deploy to ${env} started first; nothing was changed.`);
    throw new UserError(
      `Another deploy to ${env} started at the same time and first: ${describeRunning(first)}. ` +
        `${pre ? 'The driver was not called (pre-deploy-command had run already)' : 'Nothing was changed'}; ` +
        `deployment ${record.id} is marked error. ` +
        `Serialise deploys with \`concurrency: deploy-${env}\` in the workflow.`,
    );
  }
  return record;
}

export async function recordSuccess(
  ctx: Ctx,
  job: DeployJob,
  record: DeploymentRecord,
  environmentUrl: string | undefined,
  postFailed: string | undefined,
): Promise<void> {
  const { version, env } = job;
  try {
    await job.store.setStatus(record.id, 'success', {
      description: postFailed ? `${version} deployed; ${postFailed}` : `${version} deployed`,
      environmentUrl,
      logUrl: ctx.runner.runUrl,
    });
  } catch (err) {
    ctx.setOutput('result', 'failure');
    throw new UserError(
      `${version} was deployed to ${env}, but its record (deployment ${record.id}) could not be marked successful: ${errorMessage(err)}. ` +
        'The environment runs the new version; rollback and gates will not see it until the record is fixed.',
    );
  }
}
