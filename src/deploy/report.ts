/** What a deploy tells its reader: the summary (verdict first) and the outputs of each ending. */
import { isAbsolute } from 'node:path';
import { formatDuration } from '../core/duration.js';
import { UserError } from '../core/errors.js';
import { commitLink, compareUrl, deploymentsUrl, link, runUrl } from '../core/links.js';
import { shownPath } from '../core/paths.js';
import { plural } from '../core/plural.js';
import { redactUrls } from '../core/redact.js';
import { escapeText, raw, Summary, type Cell } from '../core/summary.js';
import { formatTime } from '../core/time-format.js';
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
    ['records', where(ctx, job)],
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

/**
 * Where the records are, as a reader wants it: `acme/shop deployments`, or the ledger's path
 * (workspace-relative or in the runner's temp).
 */
function where(ctx: Ctx, job: DeployJob): string {
  const w = job.store.where;
  return job.store.kind === 'ledger' && isAbsolute(w) ? shownPath(w, ctx.runner) : w;
}

/** `deployment 1003` linked to the environment's deployments page (GitHub), or `1 in <ledger>`. */
function deploymentCell(ctx: Ctx, job: DeployJob, record: DeploymentRecord, state?: string): Cell {
  const after = state ? `, ${state}` : '';
  if (job.store.kind === 'github')
    return raw(`${link(String(record.id), deploymentsUrl(ctx.runner, job.env)).markdown}${escapeText(after)}`);
  return `${record.id} in ${where(ctx, job)}${after}`;
}

/** One duration, as a person reads it: `8ms` under a second, else whole seconds (`3s`, `95s`). */
export function humanDuration(ms: number): string {
  return formatDuration(ms < 1_000 ? ms : Math.round(ms / 1_000) * 1_000);
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
    ['deployment', deploymentCell(ctx, job, refused, 'marked error (refused)')],
  ]);
  showRecord(ctx, job.payload.record);
  if (pre.tail.length)
    ctx.summary.text(`Last ${plural(pre.tail.length, 'line')} of pre-deploy-command's output:`).code(pre.tail.join('\n'));
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
      ['deployment', deploymentCell(ctx, job, record, 'marked failure')],
    ]);
    if (err.tail.length)
      ctx.summary.text(`Last ${plural(err.tail.length, 'line')} of ${err.what}'s output:`).code(redactUrls(err.tail.join('\n')));
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
    ['deployment', deploymentCell(ctx, job, record, `marked success (${version} runs)`)],
  ]);
  showRecord(ctx, job.payload.record);
  if (post.tail.length)
    ctx.summary.text(`Last ${plural(post.tail.length, 'line')} of post-deploy-command's output:`).code(post.tail.join('\n'));
  return new UserError(
    `${version} was deployed to ${env} and is live, but ` +
      `${postFailed}${post.tail.length ? `; last output:\n${post.tail.join('\n')}` : ''}\n` +
      `Deployment ${record.id} is marked success because ${version} runs; roll back if it must not stay.`,
  );
}

export interface Deployed {
  record: DeploymentRecord;
  outcome: DeployOutcome;
  environmentUrl?: string;
  tookMs: number;
}

/** Driver details a reader rarely needs (pids, ports, log files): folded, paths shown relative. */
const FOLDED_OUT = new Set(['version', 'duration']);

export function reportDeployed(ctx: Ctx, job: DeployJob, d: Deployed): void {
  const { version, env, previous, store, sha } = job;
  const runner = ctx.runner;
  ctx.setOutput('result', 'success');
  ctx.summary.verdict('pass', `Deployed ${version} to ${env}${previous ? ` (was ${previous})` : ''} in ${humanDuration(d.tookMs)}`);
  const compare = compareUrl(runner, job.previousSha, sha);
  ctx.summary.facts([
    ['commit', commitLink(runner, sha)],
    ['changes', compare ? link(`${previous ?? job.previousSha!.slice(0, 7)} → ${version}`, compare) : undefined],
    ['environment', link(env, deploymentsUrl(runner, env))],
    ['environment URL', d.environmentUrl],
    ['promoted from', job.promotion ? promotionCell(ctx, job) : undefined],
    ['deployment', deploymentCell(ctx, job, d.record)],
    ['run', runUrl(runner) ? link(`run ${runner.runId}`, runUrl(runner)) : undefined],
    ['driver', job.driver.name],
    ['artifact', job.artifact],
  ]);
  showRecord(ctx, job.payload.record);
  const internals = new Summary().facts(
    Object.entries(d.outcome.details)
      .filter(([k]) => !FOLDED_OUT.has(k))
      .map(([k, v]): [string, string] => [k, typeof v === 'string' && isAbsolute(v) ? shownPath(v, runner) : String(v)]),
  );
  if (store.kind === 'github') internals.text(`GitHub API calls: ${store.calls}`);
  if (!internals.isEmpty) ctx.summary.details(`${job.driver.name} driver details`, internals);
}

/** The deployment in the earlier environment that proved this commit and version, when, and whether it still runs there. */
function promotionCell(ctx: Ctx, job: DeployJob): Cell {
  const p = job.promotion!;
  const r = p.record!;
  const where = link(p.environment, deploymentsUrl(ctx.runner, p.environment)).markdown;
  const state = p.live
    ? 'still live there'
    : `since replaced${p.replacedBy ? ` by ${p.replacedBy.payload.version || 'another version'}` : ''}`;
  return raw(
    `${where}: deployment ${escapeText(String(r.id))} ran ` +
      `${escapeText(r.payload.version || job.version)} at ${commitLink(ctx.runner, r.sha).markdown}, ` +
      `deployed ${escapeText(formatTime(r.createdAt))} (${escapeText(state)})`,
  );
}
