import { formatDuration } from '../core/duration.js';
import { errorMessage, UserError } from '../core/errors.js';
import { maskUrlCredentials, redactUrls, splitUrlCredentials } from '../core/redact.js';
import { Summary } from '../core/summary.js';
import { notifyWhenDone } from '../notify/index.js';
import { runAction, type ActionContext, type RunOptions } from '../core/run.js';
import { createDriver } from '../drivers/factory.js';
import type { Driver } from '../drivers/types.js';
import { openRecords, stateRoot } from '../records/open.js';
import { isFailed, isGood, isUnfinished } from '../records/meaning.js';
import { describeRunning, origin, staleWhy } from '../records/stale.js';
import type { DeploymentRecord, RecordStore } from '../records/types.js';
import { DEFAULT_CHECKS, type Check } from '../smoke/checks.js';
import { fields } from './fields.js';
import { environmentUrlOf, performRollback } from './perform.js';
import { driverPlan, recordPlan, rollbackRequest, type RollbackJob } from './plan.js';
import { reportChecks, reportChoice, reportSamples, reportTriggers } from './report.js';
import { metricTriggers, sampler } from './signals.js';
import { queryPrometheus, PrometheusError } from '../verify/sources/prometheus.js';
import { chooseTarget, type Choice } from './target.js';
import { watch, type Fired } from './verify.js';

export { fields };

/** The action's context, with the summary's heading and verdict kept apart so the verdict comes first. */
interface Ctx extends ActionContext<typeof fields> {
  title(text: string): void;
  verdict(status: 'pass' | 'fail' | 'info', text: string): void;
}

interface Setup {
  ctx: Ctx;
  driver: Driver;
  store: RecordStore;
  checks?: Check[];
  url?: string;
  authorization?: string;
}

/** Entry of the rollback action: put the environment back on its last good version, by hand or when a trigger fires. */
export function run(opts?: RunOptions): Promise<number> {
  return runAction({ name: 'rollback', title: 'shipline rollback', fields, environmentInput: 'environment', cancelledOutputs: { result: 'failure' } }, async (actionCtx) => {
    // Every way out sets `result` (a failure before any decision included), for `if: failure()` steps.
    let resultSet = false;
    let heading = 'Rollback';
    let verdict: { status: 'pass' | 'fail' | 'info'; text: string } | undefined;
    const ctx: Ctx = {
      ...actionCtx,
      summary: new Summary(),
      setOutput: (name, value) => {
        if (name === 'result') resultSet = true;
        actionCtx.setOutput(name, value);
      },
      title: (text) => (heading = text),
      verdict: (status, text) => (verdict = { status, text }),
    };
    const s = ctx.settings;
    notifyWhenDone(actionCtx, 'rollback');
    try {
      if (s.url) maskUrlCredentials(s.url);
      if (s.prometheusUrl) maskUrlCredentials(s.prometheusUrl);
      const { url, authorization } = s.url ? splitUrlCredentials(s.url) : { url: undefined, authorization: undefined };
      const root = stateRoot(s.stateDir, ctx.runner);
      const driver = createDriver(s, {
        environment: s.environment,
        stateRoot: root,
        use: 'rollback',
        log: ctx.log,
        signal: ctx.signal,
        cwd: ctx.runner.workspace,
        timeoutMs: s.timeout,
      });
      const store = openRecords({ token: s.githubToken, runner: ctx.runner, stateDir: root, warn: ctx.log.warning });
      const setup: Setup = { ctx, driver, store, checks: s.checks as Check[] | undefined, url, authorization };
      if (s.bake !== undefined) await verifyMode(setup, s.bake);
      else await manualMode(setup);
    } catch (err) {
      if (!resultSet) ctx.setOutput('result', 'failure');
      verdict ??= { status: 'fail', text: redactUrls(errorMessage(err)) };
      throw err;
    } finally {
      actionCtx.summary.heading(heading);
      if (verdict) actionCtx.summary.verdict(verdict.status, verdict.text);
      if (!ctx.summary.isEmpty) actionCtx.summary.raw(ctx.summary.toString().trimEnd());
    }
  }, opts);
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
    return `${environment} is not on ${from}: its newest deployment is ${bad.payload.version} (deployment ${bad.id}, ${bad.state}); ${from} never got there or was replaced since`;
  }
  if (bad.payload.by === 'canary' && isFailed(bad)) {
    return `the canary of ${from} already aborted (deployment ${bad.id}: ${bad.statusDescription ?? bad.state}); its traffic went back to stable`;
  }
  return undefined;
}

/** Nothing to do: `result: not-live`, exit 0, and why in the log and the summary. */
function notLive(setup: Setup, why: string, choice: Choice): void {
  const { ctx } = setup;
  const on = choice.kind === 'paused' ? undefined : choice.kind === 'already' ? choice.current : choice.bad;
  ctx.setOutput('result', 'not-live');
  ctx.setOutput('version', on?.payload.version ?? '');
  ctx.setOutput('from-version', '');
  ctx.log.info(`Nothing rolled back: ${why}.`);
  ctx.verdict('pass', `Nothing rolled back in ${ctx.settings.environment}: ${why}.`);
}

/**
 * An unfinished deployment to roll back from: another run's deploy still under way (refused), or
 * one whose run ended (stale, or this run's own): rolled back like a failed one.
 */
async function unfinishedBad(setup: Setup, bad: DeploymentRecord): Promise<string | undefined> {
  const { ctx, store } = setup;
  if (!isUnfinished(bad)) return undefined;
  if (typeof bad.payload.runId === 'string' && bad.payload.runId === ctx.runner.runId) return `it was left ${bad.state} by an earlier job of this run`;
  const why = await staleWhy(store, bad, { limitMs: 2 * ctx.settings.timeout, runner: ctx.runner });
  if (why) return `it is stale: ${why}`;
  ctx.setOutput('result', 'failure');
  throw new UserError(
    `A deploy to ${ctx.settings.environment} is still in progress: ${describeRunning(bad)}. Not rolling back under it; wait for it to end, ` +
      `or serialise deploys and rollbacks with \`concurrency: deploy-${ctx.settings.environment}\` in the workflow.`,
  );
}

async function manualMode(setup: Setup): Promise<void> {
  const { ctx, store } = setup;
  const s = ctx.settings;
  ctx.setOutput('trigger', 'manual');
  ctx.title(`Rollback of ${s.environment}${s.toVersion ? ` to ${s.toVersion}` : ''}`);
  const choice = await chooseTarget(store.history(s.environment), { environment: s.environment, toVersion: s.toVersion });
  const nl = notLiveWhy(choice, s.fromVersion, s.environment);
  if (nl) return notLive(setup, nl, choice);
  if (choice.kind === 'target') {
    const why = await unfinishedBad(setup, choice.bad);
    if (why) ctx.log.warning(`Deployment ${choice.bad.id} (${choice.bad.payload.version}) never finished; ${why}. Rolling back from it.`);
  }
  reportChoice(ctx.summary, choice, store);
  const reason = s.reason ?? `rollback requested${ctx.runner.actor ? ` by ${ctx.runner.actor}` : ''}`;
  await apply(setup, choice, reason);
}

async function verifyMode(setup: Setup, bakeMs: number): Promise<void> {
  const { ctx, store } = setup;
  const s = ctx.settings;
  ctx.setOutput('trigger', '');
  ctx.title(`Verify ${s.environment} for ${formatDuration(bakeMs)}, roll back on a trigger`);
  const choice = await chooseTarget(store.history(s.environment), { environment: s.environment, toVersion: s.toVersion });
  const nl = notLiveWhy(choice, s.fromVersion, s.environment);
  if (nl) return notLive(setup, nl, choice);
  if (choice.kind === 'paused') throw new Error('a paused canary is not watched');
  const watched = choice.kind === 'already' ? choice.current : choice.bad;
  if (!watched) {
    ctx.setOutput('result', 'failure');
    throw new UserError(`Input "environment": ${choice.kind === 'none' ? choice.why : 'nothing to watch'}. Accepted: an environment with a deployment from the deploy action.`);
  }
  ctx.setOutput('version', watched.payload.version);
  let fired: Fired | undefined;
  let noDataLine: string | undefined;
  if (!isGood(watched)) {
    // The deploy itself failed (or its run ended without finishing it): nothing to watch, roll back at once.
    const unfinished = await unfinishedBad(setup, watched);
    fired = {
      trigger: 'deploy-failed',
      reason: `deployment ${watched.id} (${watched.payload.version}) did not succeed: its last status is ${watched.state}${unfinished ? ` (${unfinished})` : ''}`,
      at: 0,
    };
    ctx.summary.facts([['watching', `${watched.payload.version} (deployment ${watched.id}, ${watched.state})`]]);
  } else {
    const url = setup.url ?? watched.environmentUrl;
    if (!url) {
      throw new UserError(`Input "url" is required in verify mode: deployment ${watched.id} (${watched.payload.version}) has no environment URL to watch. Accepted: an absolute http or https URL.`);
    }
    const metrics = metricTriggers(s);
    for (const m of metrics) await checkQuery(s.prometheusUrl!, m.query, { version: watched.payload.version, environment: s.environment });
    const checks = setup.checks ?? (s.healthPath ? [{ ...DEFAULT_CHECKS[0]!, name: `GET ${s.healthPath}`, path: s.healthPath }] : DEFAULT_CHECKS);
    ctx.summary.facts([
      ['watching', `${watched.payload.version} (deployment ${watched.id}, ${watched.state})`],
      ['URL', url],
      ['bake', `${formatDuration(bakeMs)}, a sample every ${formatDuration(s.checkInterval)}`],
    ]);
    reportTriggers(ctx.summary, { checks: checks.length, url }, metrics, s.failureLimit);
    if (!s.dryRun) {
      const result = await ctx.log.group(`Watching ${s.environment} for ${formatDuration(bakeMs)}`, () =>
        watch({
          bakeMs,
          intervalMs: s.checkInterval,
          failureLimit: s.failureLimit,
          signal: ctx.signal,
          sample: sampler({
            url,
            authorization: setup.url ? setup.authorization : undefined,
            checks,
            intervalMs: s.checkInterval,
            prometheusUrl: s.prometheusUrl,
            metrics,
            vars: { version: watched.payload.version, environment: s.environment },
            signal: ctx.signal,
          }),
          onSample: (sample) =>
            ctx.log.info(`${(sample.at / 1000).toFixed(1)}s ${sample.readings.map((r) => `${r.trigger} ${r.verdict} (${r.value}${r.detail ? `: ${r.detail}` : ''})`).join(', ')}`),
          onNoData: (r) =>
            ctx.log.warning(`No data for ${r.trigger} in ${s.environment}${r.detail ? ` (${r.detail})` : ''}: the bake cannot judge it while this lasts, and never rolls back on missing data alone.`),
        }),
      );
      reportSamples(ctx.summary, result);
      noDataLine = describeNoData(result.noData, result.samples.length);
      if (noDataLine) ctx.summary.text(`⚠️ ${noDataLine}`);
      fired = result.fired;
    }
  }

  if (s.dryRun) {
    const then = choice.kind === 'target' ? `roll back to ${choice.target.payload.version}` : choice.why;
    ctx.summary.text(fired ? `${fired.reason}: would ${then} at once.` : `If a trigger fires: ${then}.`);
    reportChoice(ctx.summary, choice, store);
    if (choice.kind === 'target') planLines(setup, jobOf(setup, choice, `automatic rollback: ${fired?.reason ?? '<trigger>'}`));
    ctx.setOutput('result', 'dry-run');
    ctx.verdict('info', `Dry run: would ${fired ? 'roll back' : 'watch'} ${watched.payload.version} in ${s.environment}${fired ? '' : ` for ${formatDuration(bakeMs)}`}; nothing changed.`);
    return;
  }
  if (!fired) {
    ctx.setOutput('result', 'healthy');
    if (noDataLine) {
      ctx.log.warning(`${noDataLine} ${watched.payload.version} is not proven healthy on those signals.`);
      ctx.verdict('info', `${watched.payload.version} in ${s.environment}: no trigger fired in ${formatDuration(bakeMs)}, but ${noDataLine.charAt(0).toLowerCase()}${noDataLine.slice(1)} No rollback.`);
    } else {
      ctx.verdict('pass', `${watched.payload.version} stayed healthy in ${s.environment} for ${formatDuration(bakeMs)}; no rollback.`);
    }
    return;
  }
  ctx.setOutput('trigger', fired.trigger);
  ctx.log.warning(`Rollback trigger "${fired.trigger}" fired in ${s.environment}: ${fired.reason}`);
  ctx.summary.text(`Trigger ${fired.trigger} fired after ${(fired.at / 1000).toFixed(1)} s: ${fired.reason}`);
  reportChoice(ctx.summary, choice, store);
  const reason = `${s.reason ? `${s.reason}; ` : ''}automatic rollback: ${fired.reason}`;
  await apply(setup, choice, reason, fired);
}

/** "error-rate had no data in 4 of 6 samples." or undefined when every signal had data every time. */
function describeNoData(noData: Partial<Record<string, number>>, samples: number): string | undefined {
  const parts = Object.entries(noData).map(([trigger, n]) => `${trigger} had no data in ${n} of ${samples} samples`);
  return parts.length > 0 ? `${parts.join('; ')}.` : undefined;
}

/** A bad query fails the step before the watch; an unreachable Prometheus only warns (no data is not a failure). */
async function checkQuery(url: string, query: string, vars: { version: string; environment: string }): Promise<void> {
  try {
    await queryPrometheus({ url, query, vars });
  } catch (err) {
    if (err instanceof PrometheusError && (err.kind === 'bad_query' || err.kind === 'auth')) {
      throw new UserError(`Input "prometheus-url" or a query: ${err.message}. Accepted: a Prometheus that answers the query with one number.`);
    }
  }
}

function jobOf(setup: Setup, choice: Extract<Choice, { kind: 'target' }>, reason: string): RollbackJob {
  const s = setup.ctx.settings;
  return { environment: s.environment, bad: choice.bad, target: choice.target, reason, timeoutMs: s.timeout, runUrl: setup.ctx.runner.runUrl, origin: origin(setup.ctx.runner) };
}

function planLines(setup: Setup, job: RollbackJob): void {
  const { ctx, driver } = setup;
  const s = ctx.settings;
  const lines = driverPlan(driver, rollbackRequest(job));
  const checks = setup.checks ? [`then ${setup.checks.length} smoke check(s) against ${environmentUrlOf(job, setup.url) ?? 'the URL the driver reports'}`] : [];
  ctx.summary.text(`The ${driver.name} driver would:`).list([...lines, ...checks]);
  ctx.summary.text('Records that would be written:').list(recordPlan(job, job.target.sha));
  for (const line of [...lines, ...checks, ...recordPlan(job, job.target.sha)]) ctx.log.info(`would ${line}`);
}

/** Acts on the choice: nothing to do, a dry-run plan, or the rollback itself. */
async function apply(setup: Setup, choice: Choice, reason: string, fired?: Fired): Promise<void> {
  const { ctx, store, driver } = setup;
  const s = ctx.settings;
  if (choice.kind === 'paused') return notLive(setup, choice.why, choice);
  if (choice.kind === 'none') {
    ctx.setOutput('result', 'failure');
    if (choice.bad) ctx.setOutput('from-version', choice.bad.payload.version);
    const input = s.toVersion ? 'to-version' : 'environment';
    throw new UserError(`${fired ? `Trigger ${fired.trigger} fired, but there is nothing to roll back to: ` : `Input "${input}": `}${choice.why}.${fired ? '' : ` Accepted: ${s.toVersion ? 'a version with a good deployment in the environment' : 'an environment with a good deployment before the current one'}.`}`);
  }
  if (choice.kind === 'already') {
    ctx.setOutput('version', choice.current.payload.version);
    ctx.setOutput('from-version', choice.undone?.payload.version ?? '');
    ctx.setOutput('deployment-id', choice.current.id);
    if (fired) {
      ctx.setOutput('result', 'failure');
      throw new UserError(`Trigger ${fired.trigger} fired, but ${choice.why}: the good version fails too. Not rolling back again by itself; roll back by hand with to-version.`);
    }
    ctx.setOutput('result', 'already-rolled-back');
    ctx.verdict('pass', `${choice.why}; nothing to do.`);
    ctx.log.info(`${choice.why}; nothing to do.`);
    return;
  }

  const job = jobOf(setup, choice, reason);
  ctx.setOutput('version', job.target.payload.version);
  ctx.setOutput('from-version', job.bad.payload.version);
  ctx.log.info(`Rolling back ${s.environment} from ${job.bad.payload.version} (deployment ${job.bad.id}) to ${job.target.payload.version} (deployment ${job.target.id}): ${reason}`);
  const verify = setup.checks ? { checks: setup.checks, url: setup.url, authorization: setup.authorization } : undefined;
  if (verify && !environmentUrlOf(job, setup.url) && !driver.traits.reportsUrls && verify.checks.some((c) => c.path !== undefined)) {
    ctx.setOutput('result', 'failure');
    throw new UserError('Input "url" is required: the checks have paths and the records hold no environment URL. Accepted: an absolute http or https URL.');
  }
  if (s.dryRun) {
    planLines(setup, job);
    ctx.setOutput('result', 'dry-run');
    ctx.verdict('info', `Dry run: would roll ${s.environment} back from ${job.bad.payload.version} to ${job.target.payload.version} with the ${driver.name} driver; nothing changed.`);
    return;
  }
  try {
    const outcome = await performRollback(job, verify, {
      store,
      driver,
      log: ctx.log,
      signal: ctx.signal,
      onAbort: ctx.onAbort,
      onRecord: (record) => ctx.setOutput('deployment-id', record.id),
    });
    ctx.setOutput('result', 'success');
    ctx.verdict('pass', `Rolled ${s.environment} back from ${job.bad.payload.version} to ${job.target.payload.version}${fired ? ` (trigger: ${fired.trigger})` : ''}`);
    ctx.summary.facts([
      ['reason', reason],
      ['driver', driver.name],
      ['environment URL', outcome.environmentUrl],
      ['deployment', `${outcome.record.id} in ${store.where}`],
      ['took', `${outcome.tookMs} ms`],
      ...Object.entries(outcome.driver.details).map(([k, v]): [string, string] => [k, String(v)]),
    ]);
    if (outcome.checks.length > 0) reportChecks(ctx.summary, outcome.checks);
    if (outcome.warning) ctx.summary.text(outcome.warning);
    if (store.kind === 'github') ctx.summary.text(`GitHub API calls: ${store.calls}`);
  } catch (err) {
    ctx.setOutput('result', 'failure');
    ctx.verdict('fail', `ROLLBACK FAILED: ${s.environment} was not put back on ${job.target.payload.version}; it needs a person now.`);
    throw err;
  }
}
