/** Acting on the chosen target: nothing to do, a dry-run plan, or the rollback itself. */
import { isAbsolute } from 'node:path';
import { formatDuration } from '../core/duration.js';
import { UserError } from '../core/errors.js';
import { deploymentsUrl, link } from '../core/links.js';
import { shownPath } from '../core/paths.js';
import { plural } from '../core/plural.js';
import { raw, Summary, type Cell } from '../core/summary.js';
import { origin } from '../records/stale.js';
import { notLive, type Ending, type Setup } from './ending.js';
import { environmentUrlOf, performRollback, type RollbackOutcome } from './perform.js';
import { driverPlan, recordPlan, rollbackRequest, type RollbackJob } from './plan.js';
import { planSlotRollback } from './switch-back.js';
import { reportChecks, reportChoice } from './report.js';
import type { Choice } from './target.js';
import type { Fired } from './verify.js';

export function jobOf(setup: Setup, choice: Extract<Choice, { kind: 'target' }>, reason: string): RollbackJob {
  const s = setup.ctx.settings;
  return {
    environment: s.environment,
    bad: choice.bad,
    target: choice.target,
    reason,
    timeoutMs: s.timeout,
    runUrl: setup.ctx.runner.runUrl,
    origin: origin(setup.ctx.runner),
  };
}

export async function planLines(setup: Setup, job: RollbackJob): Promise<void> {
  const { ctx, driver } = setup;
  // Blue-green: the same decision the rollback itself makes (a switch back, or a redeploy to the idle slot).
  const slotRollback = await planSlotRollback(job, driver, ctx.runtime.clock.now());
  const req = rollbackRequest(job);
  const lines = slotRollback
    ? [
        slotRollback.kind === 'switch-back'
          ? `switch back to slot ${slotRollback.slot}, nothing redeployed: ${slotRollback.why}`
          : `redeploy ${job.target.payload.version} to the idle slot ${slotRollback.slot}, then switch: ${slotRollback.why}`,
        ...slotRollback.plan(req),
      ]
    : driverPlan(driver, req);
  const checks = setup.checks
    ? [`then ${plural(setup.checks.length, 'smoke check')} against ${environmentUrlOf(job, setup.url) ?? 'the URL the driver reports'}`]
    : [];
  ctx.summary.text(`The ${driver.name} driver would:`).list([...lines, ...checks]);
  ctx.summary.text('Records that would be written:').list(recordPlan(job, job.target.sha));
  for (const line of [...lines, ...checks, ...recordPlan(job, job.target.sha)]) ctx.log.info(`would ${line}`);
}

/** Acts on the choice: nothing to do, a dry-run plan, or the rollback itself. */
export async function apply(setup: Setup, choice: Choice, reason: string, fired?: Fired): Promise<Ending> {
  const { ctx, store, driver } = setup;
  const s = ctx.settings;
  // The choice with why and by which trigger, and (once done) what the rollback did: one list of facts.
  const report = (outcome: [string, Cell][] = []) =>
    reportChoice(ctx.summary, choice, store, { trigger: fired?.trigger ?? 'manual', reason }, ctx.runner, outcome);
  if (choice.kind !== 'target') report();
  if (choice.kind === 'paused') return notLive(setup, choice.why, choice);
  if (choice.kind === 'none') {
    if (choice.bad) ctx.setOutput('from-version', choice.bad.payload.version);
    const input = s.toVersion ? 'to-version' : 'environment';
    const accepted = s.toVersion
      ? 'a version with a good deployment in the environment'
      : 'an environment with a good deployment before the current one';
    throw new UserError(
      fired
        ? `Trigger ${fired.trigger} fired, but there is nothing to roll back to: ${choice.why}.`
        : `Input "${input}": ${choice.why}. Accepted: ${accepted}.`,
    );
  }
  if (choice.kind === 'already') {
    ctx.setOutput('version', choice.current.payload.version);
    ctx.setOutput('from-version', choice.undone?.payload.version ?? '');
    ctx.setOutput('deployment-id', choice.current.id);
    if (fired) {
      throw new UserError(
        `Trigger ${fired.trigger} fired, but ${choice.why}: the good version fails ` +
          `too. Not rolling back again by itself; roll back by hand with to-version.`,
      );
    }
    ctx.log.info(`${choice.why}; nothing to do.`);
    return { result: 'already-rolled-back', status: 'pass', verdict: `${choice.why}; nothing to do.` };
  }

  const job = jobOf(setup, choice, reason);
  // The heading names the versions once they are known (a watch keeps its own heading).
  if (!fired) ctx.summary.title(`Rollback of ${s.environment}: ${job.bad.payload.version} → ${job.target.payload.version}`);
  ctx.setOutput('version', job.target.payload.version);
  ctx.setOutput('from-version', job.bad.payload.version);
  ctx.log.info(
    `Rolling back ${s.environment} from ${job.bad.payload.version} (deployment ` +
      `${job.bad.id}) to ${job.target.payload.version} (deployment ${job.target.id}): ${reason}`,
  );
  const verify = setup.checks ? { checks: setup.checks, url: setup.url, authorization: setup.authorization } : undefined;
  if (verify && !environmentUrlOf(job, setup.url) && !driver.traits.reportsUrls && verify.checks.some((c) => c.path !== undefined)) {
    report();
    throw new UserError(
      'Input "url" is required: the checks have paths and the records hold no environment URL. Accepted: an absolute http or https URL.',
    );
  }
  if (s.dryRun) {
    report();
    await planLines(setup, job);
    return {
      result: 'dry-run',
      status: 'info',
      verdict:
        `Dry run: would roll ${s.environment} back from ${job.bad.payload.version} to ` +
        `${job.target.payload.version} with the ${driver.name} driver; nothing changed.`,
    };
  }
  let outcome: RollbackOutcome;
  try {
    outcome = await performRollback(job, verify, {
      store,
      driver,
      log: ctx.log,
      now: () => ctx.runtime.clock.now(),
      signal: ctx.signal,
      onAbort: ctx.onAbort,
      onRecord: (record) => ctx.setOutput('deployment-id', record.id),
    });
  } catch (err) {
    report();
    ctx.summary.verdict(
      'fail',
      `ROLLBACK FAILED: ${s.environment} was not put back on ${job.target.payload.version}; it needs a person now.`,
    );
    throw err;
  }
  const where = store.kind === 'ledger' && isAbsolute(store.where) ? shownPath(store.where, ctx.runner) : store.where;
  const deployment: Cell =
    store.kind === 'github'
      ? raw(`${link(String(outcome.record.id), deploymentsUrl(ctx.runner, s.environment)).markdown}`)
      : `${outcome.record.id} in ${where}`;
  report([
    ['driver', driver.name],
    ['environment URL', outcome.environmentUrl],
    ['deployment', deployment],
    ['took', formatDuration(outcome.tookMs < 1_000 ? outcome.tookMs : Math.round(outcome.tookMs / 1_000) * 1_000)],
  ]);
  // Driver internals (pids, ports, log files) folded, paths shown relative.
  const internals = new Summary().facts(
    Object.entries(outcome.driver.details)
      .filter(([k]) => k !== 'duration')
      .map(([k, v]): [string, string] => [k, typeof v === 'string' && isAbsolute(v) ? shownPath(v, ctx.runner) : String(v)]),
  );
  if (!internals.isEmpty) ctx.summary.details(`${driver.name} driver details`, internals);
  if (outcome.checks.length > 0) reportChecks(ctx.summary, outcome.checks);
  if (outcome.warning) ctx.summary.text(outcome.warning);
  return {
    result: 'success',
    status: 'pass',
    verdict:
      `Rolled ${s.environment} back from ${job.bad.payload.version} to ` +
      `${job.target.payload.version}${fired ? ` (trigger: ${fired.trigger})` : ''}`,
  };
}
