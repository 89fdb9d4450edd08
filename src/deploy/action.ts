import { artifactField, commonFields, environmentField, githubFields, VERSION_FORM, versionField } from '../core/common-fields.js';
import { formatDuration } from '../core/duration.js';
import { errorMessage, UserError } from '../core/errors.js';
import * as f from '../core/fields.js';
import { maskUrlCredentials, redactUrls, stripUrlCredentials } from '../core/redact.js';
import { runAction, untilExit, type RunOptions } from '../core/run.js';
import { driverFields } from '../drivers/fields.js';
import { DriverCommandError } from '../drivers/command.js';
import { createDriver } from '../drivers/factory.js';
import { channelOf } from './channel.js';
import { readManifestDefaults } from '../records/manifest-defaults.js';
import { environmentView, promotionEvidence } from '../records/checks.js';
import { openRecords, stateRoot } from '../records/open.js';
import { describeRunning, earlierRunning, markStale, origin, sortUnfinished } from '../records/stale.js';
import type { RecordPayload } from '../records/types.js';
import { notifyField, notifyWhenDone } from '../notify/index.js';
import { hookOutcome, recordEnv, runHook, type HookResult } from './hooks.js';
import { blueGreenFields, checkBlueGreen } from './blue-green.js';

export const fields = {
  environment: environmentField(true),
  version: versionField(false),
  artifact: artifactField(),
  manifest: f.string({ form: 'the path of the build manifest written by the build action' }),
  url: f.url(),
  'require-promotion-from': environmentField(false),
  timeout: f.duration({ min: 1_000, max: 6 * 3_600_000, default: 600_000 }),
  'pre-deploy-command': f.string({ form: 'a shell command' }),
  'post-deploy-command': f.string({ form: 'a shell command' }),
  notify: notifyField(),
  ...blueGreenFields,
  ...driverFields,
  ...githubFields,
  ...commonFields,
};

/** Entry of the deploy action: one artifact to one environment, recorded. */
export function run(opts?: RunOptions): Promise<number> {
  return runAction({ name: 'deploy', title: 'shipline deploy', fields, environmentInput: 'environment', cancelledOutputs: { result: 'failure' } }, async (ctx) => {
    const s = ctx.settings;
    const notice = notifyWhenDone(ctx, 'deploy');
    if (s.requirePromotionFrom === s.environment)
      throw new UserError(
        `Input "require-promotion-from": ${JSON.stringify(s.requirePromotionFrom)} is the environment being deployed, so no deploy could ever pass it. ` +
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

    const view = await environmentView(store, env);
    const previous = view.current?.payload.version;
    Object.assign(notice, { version, commit: sha, previousCommit: view.current?.sha });
    ctx.setOutput('previous-version', previous ?? '');
    if (view.paused) {
      ctx.setOutput('result', 'refused');
      throw new UserError(
        `A canary of ${view.paused.payload.version} is paused in ${env} (${view.paused.statusDescription}). ` +
          'Resume it (canary with resume: promote) or abort it (resume: abort) before deploying.',
      );
    }
    const staleOpts = { limitMs: 2 * s.timeout, runner: ctx.runner, now: ctx.runtime.clock.now() };
    const unfinished = await sortUnfinished(store, view.unfinished, staleOpts);
    if (unfinished.running.length > 0) {
      ctx.setOutput('result', 'failure');
      throw new UserError(
        `Another deploy to ${env} is still in progress: ${describeRunning(unfinished.running[0]!)}. ` +
          `Wait for it, or serialise deploys with \`concurrency: deploy-${env}\` in the workflow.`,
      );
    }
    if (s.requirePromotionFrom) {
      const evidence = await promotionEvidence(store, s.requirePromotionFrom, sha, version);
      if (!evidence.ok) {
        ctx.setOutput('result', 'refused');
        throw new UserError(`Refusing to deploy to ${env}: ${evidence.message}.`);
      }
      ctx.log.info(`Promotion evidence: ${evidence.message}`);
    }

    const req = { environment: env, version, artifact, previousVersion: previous, timeoutMs: s.timeout };
    const payload: RecordPayload = { version, artifact, channel, by: 'deploy', ...origin(ctx.runner) };
    if (blueGreen) await blueGreen.decide(payload, view.current);
    if (s.dryRun) {
      ctx.setOutput('result', 'dry-run');
      ctx.summary.verdict('info', `Dry run: would deploy ${version} to ${env} with the ${driver.name} driver; nothing changed.`);
      ctx.summary.facts([
        ['driver', driver.name],
        ['previous version', previous ?? '(none)'],
        ['records', store.where],
      ]);
      const plan = [
        ...(s.preDeployCommand ? [`run pre-deploy-command (a failure refuses the deploy): ${s.preDeployCommand}`] : []),
        ...(blueGreen ? blueGreen.plan(req) : driver.plan.deploy(req)),
        ...(s.postDeployCommand ? [`run post-deploy-command once ${version} is live: ${s.postDeployCommand}`] : []),
      ];
      ctx.summary.list(plan);
      ctx.summary.list([
        ...unfinished.stale.map(({ record, why }) => `mark deployment ${record.id} (${record.payload.version}) error: it is stale (${why})`),
        `create deployment: environment ${env}, ref ${sha}, payload ${JSON.stringify(payload)}`,
        'status in_progress, then success or failure',
      ]);
      for (const line of plan) ctx.log.info(`would ${line}`);
      return;
    }

    const started = ctx.runtime.clock.now();
    /** The values kept in the record: in the summary (escaped, as data from outside) and the log. */
    const showRecord = (values: Record<string, string> | undefined) => {
      if (!values || Object.keys(values).length === 0) return;
      ctx.summary.text('Kept in the deployment record (from $SHIPLINE_RECORD):');
      ctx.summary.facts(Object.entries(values));
    };
    await markStale(store, unfinished.stale, { log: ctx.log, runUrl: ctx.runner.runUrl });
    const hookOpts = { log: ctx.log, signal: ctx.signal, tempDir: ctx.runner.temp, timeoutMs: s.timeout, exec: ctx.runtime.exec };
    // The pre-deploy hook runs before the record is written: a deployment's payload is fixed when
    // it is created, and it keeps what the hook wrote to $SHIPLINE_RECORD (the backup's name).
    let pre: HookResult | undefined;
    if (s.preDeployCommand) {
      pre = await runHook('pre-deploy-command', s.preDeployCommand, req, hookOpts);
      // Cancelled: nothing was deployed and nothing recorded; the cancel path sets the outputs.
      if (ctx.signal.aborted) return untilExit();
      if (Object.keys(pre.record).length > 0) payload.record = pre.record;
      for (const [name, value] of Object.entries(pre.record)) ctx.log.info(`kept in the record: ${name}=${value}`);
      if (pre.code !== 0) {
        const outcome = hookOutcome(pre, s.timeout);
        payload.hookFailure = { hook: pre.input, exitCode: pre.code, outcome, lastLines: pre.tail };
        ctx.setOutput('result', 'refused');
        const refused = await store.create({ environment: env, sha, ref, payload, description: `shipline deploy ${version}`, productionEnvironment: /^prod/i.test(env) });
        ctx.setOutput('deployment-id', refused.id);
        try {
          await store.setStatus(refused.id, 'error', { description: `refused: ${outcome}; nothing was deployed`, logUrl: ctx.runner.runUrl });
        } catch (err) {
          ctx.log.warning(`Deployment ${refused.id} could not be marked refused: ${errorMessage(err)}`);
        }
        ctx.summary.verdict('fail', `Refused: ${outcome}; ${version} was not deployed to ${env}${previous ? ` (${previous} still runs)` : ''}.`);
        ctx.summary.facts([
          ['hook', pre.input],
          ['exit code', pre.code],
          ['deployment', `${refused.id} in ${store.where}, marked error (refused)`],
        ]);
        showRecord(payload.record);
        if (pre.tail.length) ctx.summary.text(`Last ${pre.tail.length} line(s) of pre-deploy-command's output:`).code(pre.tail.join('\n'));
        throw new UserError(
          `Refusing to deploy ${version} to ${env}: ${outcome}${pre.tail.length ? `; last output:\n${pre.tail.join('\n')}` : ''}\n` +
            `The driver was not called; deployment ${refused.id} is marked error.`,
        );
      }
    }
    const record = await store.create({ environment: env, sha, ref, payload, description: `shipline deploy ${version}`, productionEnvironment: /^prod/i.test(env) });
    ctx.setOutput('deployment-id', record.id);
    await store.setStatus(record.id, 'in_progress', { description: `deploying ${version}`, logUrl: ctx.runner.runUrl });
    // Two deploys that checked at the same moment both wrote a record: the earliest one goes on.
    const first = (await earlierRunning(store, env, record, staleOpts))[0];
    if (first) {
      ctx.setOutput('result', 'failure');
      try {
        await store.setStatus(record.id, 'error', { description: `refused: deployment ${first.id} to ${env} started first`, logUrl: ctx.runner.runUrl });
      } catch (err) {
        ctx.log.warning(`Deployment ${record.id} could not be marked refused: ${errorMessage(err)}`);
      }
      ctx.summary.verdict('fail', `Refused: another deploy to ${env} started first; nothing was changed.`);
      throw new UserError(
        `Another deploy to ${env} started at the same time and first: ${describeRunning(first)}. ` +
          `${pre ? 'The driver was not called (pre-deploy-command had run already)' : 'Nothing was changed'}; deployment ${record.id} is marked error. ` +
          `Serialise deploys with \`concurrency: deploy-${env}\` in the workflow.`,
      );
    }
    const unregister = ctx.onAbort(async () => {
      const end = blueGreen ? await blueGreen.cancelled(req) : { state: 'failure' as const, description: 'cancelled while deploying' };
      if (blueGreen) ctx.setOutput('result', end.state === 'success' ? 'success' : 'failure');
      await store.setStatus(record.id, end.state, { description: end.description, logUrl: ctx.runner.runUrl });
    });

    let outcome;
    try {
      if (blueGreen) ctx.log.info(`Deploying ${version} to ${env} (${driver.name} driver, blue-green)`);
      outcome = blueGreen
        ? (await blueGreen.deploy(req, { log: ctx.log, summary: ctx.summary, signal: ctx.signal, setOutput: ctx.setOutput })).outcome
        : await ctx.log.group(`Deploying ${version} to ${env} (${driver.name} driver)`, () => driver.deployer.deploy(req));
    } catch (err) {
      // Cancelled: the cancel handler marks the record cancelled and sets the outputs.
      if (ctx.signal.aborted) return untilExit();
      unregister();
      ctx.setOutput('result', 'failure');
      ctx.setOutput('environment-url', inputUrl ?? '');
      const reason = redactUrls(errorMessage(err));
      try {
        await store.setStatus(record.id, 'failure', { description: reason.replace(/\s*\n\s*/g, ' '), environmentUrl: inputUrl, logUrl: ctx.runner.runUrl });
      } catch (recordErr) {
        ctx.log.warning(`The failure could not be recorded on deployment ${record.id}: ${errorMessage(recordErr)}`);
      }
      ctx.summary.verdict('fail', `Deploying ${version} to ${env} failed; ${previous ? `${previous} was running before` : 'nothing was running before'}.`);
      if (err instanceof DriverCommandError) {
        // What the command said last: redacted, and fenced so none of it is read as Markdown.
        ctx.summary.facts([
          ['command', err.what],
          ['exit code', err.code],
          ['deployment', `${record.id} in ${store.where}, marked failure`],
        ]);
        if (err.tail.length) ctx.summary.text(`Last ${err.tail.length} line(s) of ${err.what}'s output:`).code(redactUrls(err.tail.join('\n')));
      }
      throw err;
    }
    unregister();
    const environmentUrl = inputUrl ?? (outcome.url ? stripUrlCredentials(outcome.url) : undefined);
    ctx.setOutput('environment-url', environmentUrl ?? '');
    // The post-deploy hook runs once the new version is live. The record then says success whatever
    // the hook does (it is what runs, and what rollback must undo); a failed hook fails the step.
    let post: HookResult | undefined;
    if (s.postDeployCommand) {
      const unregisterPost = ctx.onAbort(async () => {
        await store.setStatus(record.id, 'success', { description: `${version} deployed; cancelled in post-deploy-command`, environmentUrl, logUrl: ctx.runner.runUrl });
      });
      post = await runHook('post-deploy-command', s.postDeployCommand, req, { ...hookOpts, env: recordEnv(payload.record).env });
      if (ctx.signal.aborted) return untilExit();
      unregisterPost();
      if (Object.keys(post.record).length > 0)
        ctx.log.warning(
          `post-deploy-command wrote ${Object.keys(post.record).length} value(s) to $SHIPLINE_RECORD; they are not kept: a deployment's record is fixed when the deploy starts. Write them in pre-deploy-command.`,
        );
    }
    const postFailed = post !== undefined && post.code !== 0 ? hookOutcome(post, s.timeout) : undefined;
    try {
      await store.setStatus(record.id, 'success', { description: postFailed ? `${version} deployed; ${postFailed}` : `${version} deployed`, environmentUrl, logUrl: ctx.runner.runUrl });
    } catch (err) {
      ctx.setOutput('result', 'failure');
      throw new UserError(
        `${version} was deployed to ${env}, but its record (deployment ${record.id}) could not be marked successful: ${errorMessage(err)}. ` +
          'The environment runs the new version; rollback and gates will not see it until the record is fixed.',
      );
    }
    if (post && postFailed) {
      ctx.setOutput('result', 'failure');
      ctx.summary.verdict('fail', `${version} is live in ${env}${previous ? ` (was ${previous})` : ''}, but ${postFailed} after it went live.`);
      ctx.summary.facts([
        ['hook', post.input],
        ['exit code', post.code],
        ['deployment', `${record.id} in ${store.where}, marked success (${version} runs)`],
      ]);
      showRecord(payload.record);
      if (post.tail.length) ctx.summary.text(`Last ${post.tail.length} line(s) of post-deploy-command's output:`).code(post.tail.join('\n'));
      throw new UserError(
        `${version} was deployed to ${env} and is live, but ${postFailed}${post.tail.length ? `; last output:\n${post.tail.join('\n')}` : ''}\n` +
          `Deployment ${record.id} is marked success because ${version} runs; roll back if it must not stay.`,
      );
    }
    ctx.setOutput('result', 'success');
    ctx.summary.verdict('pass', `Deployed ${version} to ${env}${previous ? ` (was ${previous})` : ''}`);
    ctx.summary.facts([
      ['driver', driver.name],
      ['artifact', artifact],
      ['environment URL', environmentUrl],
      ['deployment', `${record.id} in ${store.where}`],
      ['took', `${ctx.runtime.clock.now() - started} ms`],
      ...Object.entries(outcome.details).map(([k, v]): [string, string] => [k, String(v)]),
    ]);
    showRecord(payload.record);
    if (store.kind === 'github') ctx.summary.text(`GitHub API calls: ${store.calls}`);
  }, opts);
}
