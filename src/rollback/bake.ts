/** Verify mode (`bake`): watch the live version for a while, roll back at once when a trigger fires. */
import { formatDuration } from '../core/duration.js';
import { UserError } from '../core/errors.js';
import { isGood } from '../records/meaning.js';
import { DEFAULT_CHECKS } from '../checks/schema.js';
import { queryPrometheus, PrometheusError } from '../verify/sources/prometheus.js';
import { apply, jobOf, planLines } from './apply.js';
import { notLive, notLiveWhy, unfinishedBad, type Ending, type Setup } from './ending.js';
import { reportChoice, reportSamples, reportTriggers } from './report.js';
import { metricTriggers, sampler } from './signals.js';
import { chooseTarget } from './target.js';
import { watch, type Fired } from './verify.js';

export async function verifyMode(setup: Setup, bakeMs: number): Promise<Ending> {
  const { ctx, store } = setup;
  const s = ctx.settings;
  ctx.setOutput('trigger', '');
  ctx.summary.title(`Verify ${s.environment} for ${formatDuration(bakeMs)}, roll back on a trigger`);
  const choice = await chooseTarget(store.history(s.environment), { environment: s.environment, toVersion: s.toVersion });
  const nl = notLiveWhy(choice, s.fromVersion, s.environment);
  if (nl) return notLive(setup, nl, choice);
  if (choice.kind === 'paused') throw new Error('a paused canary is not watched');
  const watched = choice.kind === 'already' ? choice.current : choice.bad;
  if (!watched) {
    throw new UserError(
      `Input "environment": ${choice.kind === 'none' ? choice.why : 'nothing to watch'}. ` +
        `Accepted: an environment with a deployment from the deploy action.`,
    );
  }
  ctx.setOutput('version', watched.payload.version);
  let fired: Fired | undefined;
  let noDataLine: string | undefined;
  if (!isGood(watched)) {
    // The deploy itself failed (or its run ended without finishing it): nothing to watch, roll back at once.
    const unfinished = await unfinishedBad(setup, watched);
    fired = {
      trigger: 'deploy-failed',
      reason:
        `deployment ${watched.id} (${watched.payload.version}) did not succeed: ` +
        `its last status is ${watched.state}${unfinished ? ` (${unfinished})` : ''}`,
      at: 0,
    };
    ctx.summary.facts([['watching', `${watched.payload.version} (deployment ${watched.id}, ${watched.state})`]]);
  } else {
    const url = setup.url ?? watched.environmentUrl;
    if (!url) {
      throw new UserError(
        `Input "url" is required in verify mode: deployment ${watched.id} (${watched.payload.version}) ` +
          `has no environment URL to watch. Accepted: an absolute http or https URL.`,
      );
    }
    const metrics = metricTriggers(s);
    for (const m of metrics) await checkQuery(s.prometheusUrl!, m.query, { version: watched.payload.version, environment: s.environment });
    const checks =
      setup.checks ?? (s.healthPath ? [{ ...DEFAULT_CHECKS[0]!, name: `GET ${s.healthPath}`, path: s.healthPath }] : DEFAULT_CHECKS);
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
            ctx.log.info(
              `${(sample.at / 1000).toFixed(1)}s ` +
                `${sample.readings.map((r) => `${r.trigger} ${r.verdict} (${r.value}${r.detail ? `: ${r.detail}` : ''})`).join(', ')}`,
            ),
          onNoData: (r) =>
            ctx.log.warning(
              `No data for ${r.trigger} in ${s.environment}${r.detail ? ` (${r.detail})` : ''}: the ` +
                `bake cannot judge it while this lasts, and never rolls back on missing data alone.`,
            ),
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
    reportChoice(ctx.summary, choice, store, { trigger: fired?.trigger, reason: fired?.reason }, ctx.runner);
    if (choice.kind === 'target') await planLines(setup, jobOf(setup, choice, `automatic rollback: ${fired?.reason ?? '<trigger>'}`));
    return {
      result: 'dry-run',
      status: 'info',
      verdict:
        `Dry run: would ${fired ? 'roll back' : 'watch'} ${watched.payload.version} in ` +
        `${s.environment}${fired ? '' : ` for ${formatDuration(bakeMs)}`}; nothing changed.`,
    };
  }
  if (!fired) {
    if (!noDataLine)
      return {
        result: 'healthy',
        status: 'pass',
        verdict: `${watched.payload.version} stayed healthy in ${s.environment} for ${formatDuration(bakeMs)}; no rollback.`,
      };
    ctx.log.warning(`${noDataLine} ${watched.payload.version} is not proven healthy on those signals.`);
    return {
      result: 'healthy',
      status: 'info',
      verdict:
        `${watched.payload.version} in ${s.environment}: no trigger fired in ${formatDuration(bakeMs)}, ` +
        `but ${noDataLine.charAt(0).toLowerCase()}${noDataLine.slice(1)} No rollback.`,
    };
  }
  ctx.setOutput('trigger', fired.trigger);
  ctx.log.warning(`Rollback trigger "${fired.trigger}" fired in ${s.environment}: ${fired.reason}`);
  ctx.summary.text(`Trigger ${fired.trigger} fired after ${(fired.at / 1000).toFixed(1)} s: ${fired.reason}`);
  const reason = `${s.reason ? `${s.reason}; ` : ''}automatic rollback: ${fired.reason}`;
  return apply(setup, choice, reason, fired);
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
      throw new UserError(
        `Input "prometheus-url" or a query: ${err.message}. Accepted: a Prometheus that answers the query with one number.`,
      );
    }
  }
}
