import { VERSION_FORM } from '../core/common-fields.js';
import { errorMessage, UserError } from '../core/errors.js';
import { maskUrlCredentials, redactUrls, stripUrlCredentials } from '../core/redact.js';
import { runAction, untilExit, type RunOptions } from '../core/run.js';
import { createDriver } from '../drivers/factory.js';
import type { DeployOutcome } from '../drivers/types.js';
import { channelOf } from './channel.js';
import { readManifestDefaults } from '../records/manifest-defaults.js';
import { openRecords, stateRoot } from '../records/open.js';
import { preflight, type Cleared } from '../records/preflight.js';
import { markStale, origin } from '../records/stale.js';
import type { DeploymentRecord, RecordPayload } from '../records/types.js';
import { notifyWhenDone } from '../notify/index.js';
import { fields, type Ctx, type DeployJob } from './context.js';
import { checkBlueGreen } from './blue-green.js';
import { createRecord, hookOptions, openRecord, recordSuccess } from './record.js';
import { hookOutcome, recordEnv, runHook, type HookResult } from './hooks.js';
import { postHookFailed, reportDeployed, reportDeployFailed, reportDryRun, reportPreHookRefused } from './report.js';

export { fields };

/** Entry of the deploy action: one artifact to one environment, recorded. */
export function run(opts?: RunOptions): Promise<number> {
  return runAction(
    { name: 'deploy', title: 'shipline deploy', fields, environmentInput: 'environment', cancelledOutputs: { result: 'failure' } },
    deploy,
    opts,
  );
}

async function deploy(ctx: Ctx): Promise<void> {
  const s = ctx.settings;
  const notice = notifyWhenDone(ctx, 'deploy');
  const job = await prepare(ctx);
  const cleared = await mayChange(ctx, job, notice);
  if (s.dryRun) return reportDryRun(ctx, job, cleared.stale);
  const started = ctx.runtime.clock.now();
  await markStale(job.store, cleared.stale, { log: ctx.log, runUrl: ctx.runner.runUrl });
  const pre = await preDeploy(ctx, job);
  const record = await openRecord(ctx, job, cleared, pre);
  const outcome = await rollOut(ctx, job, record);
  const environmentUrl = job.inputUrl ?? (outcome.url ? stripUrlCredentials(outcome.url) : undefined);
  ctx.setOutput('environment-url', environmentUrl ?? '');
  const post = await postDeploy(ctx, job, record, environmentUrl);
  const postFailed = post !== undefined && post.code !== 0 ? hookOutcome(post, s.timeout) : undefined;
  await recordSuccess(ctx, job, record, environmentUrl, postFailed);
  if (post && postFailed) throw postHookFailed(ctx, job, record, post, postFailed);
  reportDeployed(ctx, job, { record, outcome, environmentUrl, tookMs: ctx.runtime.clock.now() - started });
}

/** The inputs, the manifest, the driver and the records: nothing read from the environment yet. */
async function prepare(ctx: Ctx): Promise<DeployJob> {
  const s = ctx.settings;
  if (s.requirePromotionFrom === s.environment)
    throw new UserError(
      `Input "require-promotion-from": ${JSON.stringify(s.requirePromotionFrom)} ` +
        `is the environment being deployed, so no deploy could ever pass it. ` +
        'Accepted: the name of an earlier environment (staging), different from "environment".',
    );
  // The environment URL is shown to everyone who can read the repository (the deployment
  // status), set as an output and printed: credentials in it are masked and never kept.
  if (s.url) maskUrlCredentials(s.url);
  const inputUrl = s.url ? stripUrlCredentials(s.url) : undefined;
  const fromManifest = s.manifest ? await readManifestDefaults(s.manifest) : undefined;
  const version = s.version ?? fromManifest?.version;
  if (!version) throw new UserError(`Input "version" is required (or a manifest from the build action). Accepted: ${VERSION_FORM}.`);
  const artifact = s.artifact ?? fromManifest?.artifact;
  const channel = fromManifest?.channel ?? channelOf(ctx.runner, version);
  const env = s.environment;
  const root = stateRoot(s.stateDir, ctx.runner);
  const driver = createDriver(s, {
    environment: env,
    stateRoot: root,
    use: 'deploy',
    log: ctx.log,
    exec: ctx.runtime.exec,
    signal: ctx.signal,
    cwd: ctx.runner.workspace,
    timeoutMs: s.timeout,
  });
  const blueGreen = checkBlueGreen(s, driver);
  const store = openRecords({ token: s.githubToken, runner: ctx.runner, stateDir: root, runtime: ctx.runtime });
  // The commit built, as the manifest names it: a hotfix checks out another ref than GITHUB_SHA.
  const sha = fromManifest?.commit || ctx.runner.sha || 'local';
  const ref = fromManifest?.ref || ctx.runner.ref || '';
  ctx.setOutput('version', version);
  ctx.summary.heading(`Deploy ${version} to ${env}`);
  const req = { environment: env, version, artifact, previousVersion: undefined as string | undefined, timeoutMs: s.timeout };
  const payload: RecordPayload = { version, artifact, channel, by: 'deploy', ...origin(ctx.runner) };
  return { env, version, artifact, inputUrl, driver, ...(blueGreen ? { blueGreen } : {}), store, sha, ref, req, payload };
}

/** May the environment change now (preflight): refused with `result` set, or cleared with what runs there. */
async function mayChange(ctx: Ctx, job: DeployJob, notice: ReturnType<typeof notifyWhenDone>): Promise<Cleared> {
  const s = ctx.settings;
  const promotion = s.requirePromotionFrom ? { from: s.requirePromotionFrom, sha: job.sha, version: job.version } : undefined;
  const cleared = await preflight(job.store, {
    action: 'deploy',
    environment: job.env,
    runner: ctx.runner,
    staleAfterMs: 2 * s.timeout,
    now: ctx.runtime.clock.now(),
    ...(promotion ? { promotion } : {}),
  });
  const view = cleared.view;
  job.previous = view.current?.payload.version;
  job.previousSha = view.current?.sha;
  job.promotion = cleared.promotionEvidence;
  job.req.previousVersion = job.previous;
  Object.assign(notice, { version: job.version, commit: job.sha, previousCommit: view.current?.sha });
  ctx.setOutput('previous-version', job.previous ?? '');
  if (cleared.refusal) {
    ctx.setOutput('result', cleared.refusal.result);
    throw cleared.refusal;
  }
  if (cleared.promotion) ctx.log.info(`Promotion evidence: ${cleared.promotion}`);
  if (job.blueGreen) await job.blueGreen.decide(job.payload, view.current);
  return cleared;
}

/**
 * The pre-deploy hook runs before the record is written: a deployment's payload is fixed when
 * it is created, and it keeps what the hook wrote to $SHIPLINE_RECORD (the backup's name).
 * A failed hook refuses the deploy: recorded as such, the driver never called.
 */
async function preDeploy(ctx: Ctx, job: DeployJob): Promise<HookResult | undefined> {
  const s = ctx.settings;
  if (!s.preDeployCommand) return undefined;
  const { store, env, version, payload } = job;
  const pre = await runHook('pre-deploy-command', s.preDeployCommand, job.req, hookOptions(ctx));
  // Cancelled: nothing was deployed and nothing recorded; the cancel path sets the outputs.
  if (ctx.signal.aborted) return untilExit();
  if (Object.keys(pre.record).length > 0) payload.record = pre.record;
  for (const [name, value] of Object.entries(pre.record)) ctx.log.info(`kept in the record: ${name}=${value}`);
  if (pre.code === 0) return pre;
  const outcome = hookOutcome(pre, s.timeout);
  payload.hookFailure = { hook: pre.input, exitCode: pre.code, outcome, lastLines: pre.tail };
  ctx.setOutput('result', 'refused');
  const refused = await createRecord(ctx, job);
  try {
    await store.setStatus(refused.id, 'error', { description: `refused: ${outcome}; nothing was deployed`, logUrl: ctx.runner.runUrl });
  } catch (err) {
    ctx.log.warning(`Deployment ${refused.id} could not be marked refused: ${errorMessage(err)}`);
  }
  reportPreHookRefused(ctx, job, refused, pre, outcome);
  throw new UserError(
    `Refusing to deploy ${version} to ${env}: ${outcome}${pre.tail.length ? `; last output:\n${pre.tail.join('\n')}` : ''}\n` +
      `The driver was not called; deployment ${refused.id} is marked error.`,
  );
}

/** The driver deploys; a failure is recorded on the deployment and reported, a cancel left to its handler. */
async function rollOut(ctx: Ctx, job: DeployJob, record: DeploymentRecord): Promise<DeployOutcome> {
  const { store, driver, env, version, inputUrl, blueGreen } = job;
  const unregister = ctx.onAbort(async () => {
    const end = blueGreen ? await blueGreen.cancelled(job.req) : { state: 'failure' as const, description: 'cancelled while deploying' };
    if (blueGreen) ctx.setOutput('result', end.state === 'success' ? 'success' : 'failure');
    await store.setStatus(record.id, end.state, { description: end.description, logUrl: ctx.runner.runUrl });
  });
  try {
    if (blueGreen) ctx.log.info(`Deploying ${version} to ${env} (${driver.name} driver, blue-green)`);
    const outcome = blueGreen
      ? (await blueGreen.deploy(job.req, { log: ctx.log, summary: ctx.summary, signal: ctx.signal, setOutput: ctx.setOutput })).outcome
      : await ctx.log.group(`Deploying ${version} to ${env} (${driver.name} driver)`, () => driver.deployer.deploy(job.req));
    unregister();
    return outcome;
  } catch (err) {
    // Cancelled: the cancel handler marks the record cancelled and sets the outputs.
    if (ctx.signal.aborted) return untilExit();
    unregister();
    ctx.setOutput('result', 'failure');
    ctx.setOutput('environment-url', inputUrl ?? '');
    const reason = redactUrls(errorMessage(err));
    try {
      await store.setStatus(record.id, 'failure', {
        description: reason.replace(/\s*\n\s*/g, ' '),
        environmentUrl: inputUrl,
        logUrl: ctx.runner.runUrl,
      });
    } catch (recordErr) {
      ctx.log.warning(`The failure could not be recorded on deployment ${record.id}: ${errorMessage(recordErr)}`);
    }
    reportDeployFailed(ctx, job, record, err);
    throw err;
  }
}

/**
 * The post-deploy hook runs once the new version is live. The record then says success whatever
 * the hook does (it is what runs, and what rollback must undo); a failed hook fails the step.
 */
async function postDeploy(
  ctx: Ctx,
  job: DeployJob,
  record: DeploymentRecord,
  environmentUrl: string | undefined,
): Promise<HookResult | undefined> {
  const s = ctx.settings;
  if (!s.postDeployCommand) return undefined;
  const unregisterPost = ctx.onAbort(async () => {
    await job.store.setStatus(record.id, 'success', {
      description: `${job.version} deployed; cancelled in post-deploy-command`,
      environmentUrl,
      logUrl: ctx.runner.runUrl,
    });
  });
  const post = await runHook('post-deploy-command', s.postDeployCommand, job.req, {
    ...hookOptions(ctx),
    env: recordEnv(job.payload.record).env,
  });
  if (ctx.signal.aborted) return untilExit();
  unregisterPost();
  if (Object.keys(post.record).length > 0)
    ctx.log.warning(
      `post-deploy-command wrote ${Object.keys(post.record).length} value(s) to $SHIPLINE_RECORD; they are ` +
        `not kept: a deployment's record is fixed when the deploy starts. Write them in pre-deploy-command.`,
    );
  return post;
}
