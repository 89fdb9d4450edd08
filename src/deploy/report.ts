/** What a deploy tells its reader: the summary (verdict first) and the outputs of each ending. */
import { UserError } from '../core/errors.js';
import { redactUrls } from '../core/redact.js';
import { DriverCommandError } from '../drivers/command.js';
import type { DeployOutcome } from '../drivers/types.js';
import type { Unfinished } from '../records/stale.js';
import type { DeploymentRecord } from '../records/types.js';
import type { Ctx, DeployJob } from './context.js';
import type { HookResult } from './hooks.js';

/** Dry run: the plan and the records that would be written; nothing changes. */
export function reportDryRun(ctx: Ctx, job: DeployJob, stale: Unfinished['stale']): void {
  const s = ctx.settings;
  const { version, env, driver, previous, sha, payload } = job;
  ctx.setOutput('result', 'dry-run');
  ctx.summary.verdict('info', `Dry run: would deploy ${version} to ${env} with the ${driver.name} driver; nothing changed.`);
  ctx.summary.facts([
    ['driver', driver.name],
    ['previous version', previous ?? '(none)'],
    ['records', job.store.where],
  ]);
  const plan = [
    ...(s.preDeployCommand ? [`run pre-deploy-command (a failure refuses the deploy): ${s.preDeployCommand}`] : []),
    ...(job.blueGreen ? job.blueGreen.plan(job.req) : driver.plan.deploy(job.req)),
    ...(s.postDeployCommand ? [`run post-deploy-command once ${version} is live: ${s.postDeployCommand}`] : []),
  ];
  ctx.summary.list(plan);
  ctx.summary.list([
    ...stale.map(({ record, why }) => `mark deployment ${record.id} (${record.payload.version}) error: it is stale (${why})`),
    `create deployment: environment ${env}, ref ${sha}, payload ${JSON.stringify(payload)}`,
    'status in_progress, then success or failure',
  ]);
  for (const line of plan) ctx.log.info(`would ${line}`);
}

/** The values kept in the record: in the summary (escaped, as data from outside) and the log. */
function showRecord(ctx: Ctx, values: Record<string, string> | undefined): void {
  if (!values || Object.keys(values).length === 0) return;
  ctx.summary.text('Kept in the deployment record (from $SHIPLINE_RECORD):');
  ctx.summary.facts(Object.entries(values));
}

export function reportPreHookRefused(ctx: Ctx, job: DeployJob, refused: DeploymentRecord, pre: HookResult, outcome: string): void {
  const { version, env, previous } = job;
  ctx.summary.verdict('fail', `Refused: ${outcome}; ${version} was not deployed to ${env}${previous ? ` (${previous} still runs)` : ''}.`);
  ctx.summary.facts([
    ['hook', pre.input],
    ['exit code', pre.code],
    ['deployment', `${refused.id} in ${job.store.where}, marked error (refused)`],
  ]);
  showRecord(ctx, job.payload.record);
  if (pre.tail.length) ctx.summary.text(`Last ${pre.tail.length} line(s) of pre-deploy-command's output:`).code(pre.tail.join('\n'));
}

export function reportDeployFailed(ctx: Ctx, job: DeployJob, record: DeploymentRecord, err: unknown): void {
  const { version, env, previous } = job;
  ctx.summary.verdict(
    'fail',
    `Deploying ${version} to ${env} failed; ${previous ? `${previous} was running before` : 'nothing was running before'}.`,
  );
  if (err instanceof DriverCommandError) {
    // What the command said last: redacted, and fenced so none of it is read as Markdown.
    ctx.summary.facts([
      ['command', err.what],
      ['exit code', err.code],
      ['deployment', `${record.id} in ${job.store.where}, marked failure`],
    ]);
    if (err.tail.length) ctx.summary.text(`Last ${err.tail.length} line(s) of ${err.what}'s output:`).code(redactUrls(err.tail.join('\n')));
  }
}

/** A failed post-deploy hook: the new version is live and recorded, the step fails; returns the error to throw. */
export function postHookFailed(ctx: Ctx, job: DeployJob, record: DeploymentRecord, post: HookResult, postFailed: string): UserError {
  const { version, env, previous } = job;
  ctx.setOutput('result', 'failure');
  ctx.summary.verdict('fail', `${version} is live in ${env}${previous ? ` (was ${previous})` : ''}, but ${postFailed} after it went live.`);
  ctx.summary.facts([
    ['hook', post.input],
    ['exit code', post.code],
    ['deployment', `${record.id} in ${job.store.where}, marked success (${version} runs)`],
  ]);
  showRecord(ctx, job.payload.record);
  if (post.tail.length) ctx.summary.text(`Last ${post.tail.length} line(s) of post-deploy-command's output:`).code(post.tail.join('\n'));
  return new UserError(
    `${version} was deployed to ${env} and is live, but ${postFailed}${post.tail.length ? `; last output:\n${post.tail.join('\n')}` : ''}\n` +
      `Deployment ${record.id} is marked success because ${version} runs; roll back if it must not stay.`,
  );
}

export interface Deployed {
  record: DeploymentRecord;
  outcome: DeployOutcome;
  environmentUrl?: string;
  tookMs: number;
}

export function reportDeployed(ctx: Ctx, job: DeployJob, d: Deployed): void {
  const { version, env, previous, store } = job;
  ctx.setOutput('result', 'success');
  ctx.summary.verdict('pass', `Deployed ${version} to ${env}${previous ? ` (was ${previous})` : ''}`);
  ctx.summary.facts([
    ['driver', job.driver.name],
    ['artifact', job.artifact],
    ['environment URL', d.environmentUrl],
    ['deployment', `${d.record.id} in ${store.where}`],
    ['took', `${d.tookMs} ms`],
    ...Object.entries(d.outcome.details).map(([k, v]): [string, string] => [k, String(v)]),
  ]);
  showRecord(ctx, job.payload.record);
  if (store.kind === 'github') ctx.summary.text(`GitHub API calls: ${store.calls}`);
}
