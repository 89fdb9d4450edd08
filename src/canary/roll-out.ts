/**
 * A canary's run, once it may start: its record opened (or a paused one taken up), traffic moved
 * step by step and judged, then one wrap-up whatever the ending (promoted, paused, aborted,
 * cancelled, failed): stable restored unless promoted, the record, the report, the outputs, the summary.
 */
import { isAbsolute } from 'node:path';
import { commitLink, deploymentsUrl, link, runUrl } from '../core/links.js';
import { shownPath } from '../core/paths.js';
import { errorMessage, UserError } from '../core/errors.js';
import { redactUrls } from '../core/redact.js';
import { cutText } from '../records/meaning.js';
import { pauseDescription } from '../records/pause.js';
import { describeRunning, earlierRunning, markStale, origin, type StaleOptions, type Unfinished } from '../records/stale.js';
import type { DeploymentRecord, RecordPayload, RecordStore } from '../records/types.js';
import { createJudge, formatNumber, formatThreshold, type Judge, type JudgeReport } from '../verify/index.js';
import { startProbeStream, type ProbeStream } from '../verify/sources/probe.js';
import type { Ctx } from './context.js';
import { evidenceSources } from './dry-run.js';
import { CancelledError, runCanaryLoop } from './loop.js';
import { judgedMetrics, type CanaryOptions } from './options.js';
import { buildReport, writeReport, type CanaryResult, type ResumeFacts } from './report.js';
import { decisionHelp, resumedDetails, resumedWeights, type Decision, type PausedCanary } from './resume.js';
import { createSampler } from './sampler.js';
import { formatSteps, type StepItem } from './steps.js';
import { writeCanarySummary } from './summary.js';
import { createTraffic, type canaryDriver, type Traffic } from './traffic.js';

export interface CanaryRun {
  version: string;
  artifact?: string;
  channel?: string;
  env: string;
  stableVersion?: string;
  options: CanaryOptions;
  driver: ReturnType<typeof canaryDriver>;
  store: RecordStore;
  reportPath: string;
  vars: { version: string; environment: string };
  sha: string;
  ref: string;
  /** The steps as written, pause included (kept in the record for a later resume). */
  stepItems: StepItem[];
  /** Records found stale before starting, marked once this run goes on. */
  stale?: Unfinished['stale'];
  staleOpts?: StaleOptions;
  /** Set when this run decides on a paused canary instead of starting one. */
  resume?: { paused: PausedCanary; decision: Decision; actor?: string };
}

/** What the steps learn as they go, and the wrap-up reports. */
interface Live {
  traffic: Traffic;
  startedAt: number;
  record: DeploymentRecord;
  judge?: Judge;
  metrics: string[];
  streams?: { canary: ProbeStream; stable?: ProbeStream };
  urls: { canary?: string; stable?: string };
}

type Outcome = { result: CanaryResult; reason: string };
type Conclude = (result: CanaryResult, reason: string, judged?: JudgeReport) => Promise<Outcome>;

export async function runCanary(ctx: Ctx, c: CanaryRun): Promise<void> {
  const { env, version, resume } = c;
  const clock = ctx.runtime.clock;
  const traffic = createTraffic(c.driver.traffic, () => clock.now());
  const startedAt = clock.now();
  const live: Live = { traffic, startedAt, record: await openRecord(ctx, c), metrics: [], urls: {} };
  let concluded: Promise<Outcome> | undefined;
  /** Restores stable unless promoted, records the outcome, writes the report, summary and outputs. Once. */
  const conclude: Conclude = (result, reason, judged) => (concluded ??= wrapUp(ctx, c, live, result, reason, judged));

  const unregister = ctx.onAbort(async () => {
    const why = ctx.signal.aborted ? 'cancelled by the runner' : 'shipline failed unexpectedly';
    await conclude('aborted', why);
  });

  let outcome: Outcome;
  try {
    if (resume?.decision === 'abort') {
      unregister();
      await conclude('aborted', `aborted by ${resume.actor ?? 'a later run'} at ${resume.paused.weight}%`);
      return;
    }
    outcome = await stepThrough(ctx, c, live, conclude);
  } catch (err) {
    if (err instanceof CancelledError || ctx.signal.aborted) {
      // The runner's cancel signal: its handler restores stable through the cleanup and exits.
      await new Promise(() => {});
    }
    unregister();
    stopProbe(live);
    await conclude('aborted', `stopped by an error: ${redactUrls(errorMessage(err))}`).catch((restoreErr: unknown) => {
      ctx.log.warning(`Restoring stable after the error failed too: ${errorMessage(restoreErr)}`);
    });
    throw err;
  }
  unregister();
  if (outcome.result === 'aborted') {
    throw new UserError(
      `Canary ${version} in ${env} aborted: ${outcome.reason}. All traffic ` +
        `is back on stable${c.stableVersion ? ` ${c.stableVersion}` : ''}.`,
    );
  }
}

/** The record this run reports on: the paused canary's, or a new one (of two runs that started together, the earliest goes on). */
async function openRecord(ctx: Ctx, c: CanaryRun): Promise<DeploymentRecord> {
  const { driver, store, env, version, resume } = c;
  if (resume) {
    const record = resume.paused.record;
    // The pause marker goes at once, so no second decision finds this canary paused.
    await store.setStatus(record.id, 'in_progress', {
      description: `canary of ${version}: ${resume.decision} by ${resume.actor ?? 'a later run'}`,
      logUrl: ctx.runner.runUrl,
    });
    return record;
  }
  const payload: RecordPayload = {
    version,
    artifact: c.artifact,
    channel: c.channel,
    by: 'canary',
    ...origin(ctx.runner),
    // What a later run needs to resume a pause without this one.
    steps: formatSteps(c.stepItems),
    ...(c.stableVersion ? { stableVersion: c.stableVersion } : {}),
    driver: driver.name,
  };
  await markStale(store, c.stale ?? [], { log: ctx.log, runUrl: ctx.runner.runUrl });
  const record = await store.create({
    environment: env,
    sha: c.sha,
    ref: c.ref,
    payload,
    description: `shipline canary ${version}`,
    productionEnvironment: /^prod/i.test(env),
  });
  await store.setStatus(record.id, 'in_progress', { description: `canary of ${version}`, logUrl: ctx.runner.runUrl });
  // Two runs that checked at the same moment both wrote a record: the earliest one goes on.
  const first = c.staleOpts ? (await earlierRunning(store, env, record, c.staleOpts))[0] : undefined;
  if (first) {
    ctx.setOutput('result', 'aborted');
    ctx.setOutput('weight', 0);
    ctx.setOutput('failed-metric', '');
    try {
      await store.setStatus(record.id, 'error', {
        description: `refused: deployment ${first.id} in ${env} started first`,
        logUrl: ctx.runner.runUrl,
      });
    } catch (err) {
      ctx.log.warning(`Deployment ${record.id} could not be marked refused: ${errorMessage(err)}`);
    }
    throw new UserError(
      `Another deploy or canary in ${env} started at the same time and first: ` +
        `${describeRunning(first)}. No traffic was moved; deployment ${record.id} is marked error.`,
    );
  }
  return record;
}

function stopProbe(live: Live): void {
  live.streams?.canary.stop();
  live.streams?.stable?.stop();
}

/** Starts the canary (or takes up the paused one), then moves and judges its traffic step by step to an ending. */
async function stepThrough(ctx: Ctx, c: CanaryRun, live: Live, conclude: Conclude): Promise<Outcome> {
  const { options: o, driver, env, version, resume } = c;
  const traffic = live.traffic;
  // A pause ends this run after the steps before it; a resume judges the held weight again, then the rest.
  const pausing = !resume && o.pauseAfter !== undefined;
  const loopSteps = resume ? resumedWeights(resume.paused.steps) : pausing ? o.steps.slice(0, o.pauseAfter) : o.steps;
  const started = resume
    ? { details: await resumedDetails(driver, env) }
    : await ctx.log.group(`Starting canary ${version} beside ${c.stableVersion ?? 'stable'} (${driver.name} driver)`, () =>
        traffic.start({
          environment: env,
          version,
          artifact: c.artifact,
          previousVersion: c.stableVersion,
          stableVersion: c.stableVersion,
          timeoutMs: ctx.settings.timeout,
        }),
      );
  if (o.probe) {
    const fromDriver = (key: string) =>
      o.probe!.fromDriver && typeof started.details[key] === 'string' ? String(started.details[key]) : undefined;
    live.urls = { canary: o.probe.canaryUrl ?? fromDriver('canary-url'), stable: o.probe.stableUrl ?? fromDriver('stable-url') };
    if (!live.urls.canary)
      throw new UserError(
        `Input "probe-url" is required: the ${driver.name} driver did not report the ` +
          `canary's own URL. Accepted: an absolute http or https URL of the canary itself.`,
      );
    const target = { rps: o.probe.rps, timeoutMs: o.probe.timeoutMs };
    live.streams = {
      canary: startProbeStream({ url: live.urls.canary, ...target }),
      ...(live.urls.stable ? { stable: startProbeStream({ url: live.urls.stable, ...target }) } : {}),
    };
  }
  const { urls, streams } = live;
  live.metrics = judgedMetrics(o, Boolean(urls.stable));
  const judge = (live.judge = createJudge({ failureLimit: o.failureLimit, minRequests: o.minRequests, metrics: live.metrics }));
  ctx.log.info(`Judging on ${live.metrics.join(', ')}: ${evidenceSources(o, urls)}`);
  const sampler = createSampler({
    options: o,
    vars: c.vars,
    now: () => ctx.runtime.clock.now(),
    ...(streams && urls.canary
      ? { probe: { ...streams, canaryUrl: urls.canary, ...(urls.stable ? { stableUrl: urls.stable } : {}) } }
      : {}),
  });
  const loop = await runCanaryLoop({
    plan: { steps: loopSteps, intervalMs: o.intervalMs, samplesPerStep: o.samplesPerStep },
    judge,
    setWeight: (w) => traffic.setWeight(w),
    sample: sampler,
    clock: ctx.runtime.clock,
    signal: ctx.signal,
    events: {
      onWeight: (step, state) =>
        ctx.log.info(
          `step ${step}: canary weight ${state.weight}%` +
            (state.effectiveWeight !== undefined ? ` (real share ${state.effectiveWeight}%)` : '') +
            (state.note ? ` — ${state.note}` : ''),
        ),
      onSample: (records) => {
        for (const r of records) {
          ctx.log.info(
            `  ${r.metric}: ${r.value === null ? 'no data' : formatNumber(r.value)} (${formatThreshold(r.threshold)}) ` +
              `${r.verdict}${r.verdict === 'pass' ? '' : ` [${r.streak}/${o.failureLimit}]`} — ${r.reason}`,
          );
        }
      },
      onStep: (result) =>
        ctx.log.info(`step ${result.step} (${result.weight}%): ${result.passed ? 'passed' : 'failed'} — ${result.reason}`),
    },
  });
  const judged = judge.finish();
  if (loop === 'promote' && judged.outcome === 'promoted' && pausing) {
    return conclude('paused', `every step before the pause passed; waiting for resume: promote or abort`, judged);
  }
  if (loop === 'promote' && judged.outcome === 'promoted') {
    await ctx.log.group(`Promoting ${version}`, () => traffic.promote());
    return conclude(
      'promoted',
      resume ? `every step passed after ${resume.actor ?? 'a later run'} resumed it` : `every step passed`,
      judged,
    );
  }
  return conclude('aborted', judged.abort?.reason ?? 'a step did not pass', judged);
}

/** The one wrap-up of every ending: stable back unless promoted, then the report, the outputs, the record and the summary. */
async function wrapUp(ctx: Ctx, c: CanaryRun, live: Live, result: CanaryResult, reason: string, judged?: JudgeReport): Promise<Outcome> {
  const { options: o, driver, store, env, version, resume } = c;
  const { traffic, record } = live;
  stopProbe(live);
  let restoreError: unknown;
  if (result === 'aborted') {
    try {
      await ctx.log.group(`Sending all traffic back to stable${c.stableVersion ? ` ${c.stableVersion}` : ''}`, () => traffic.restore());
    } catch (err) {
      restoreError = err;
    }
  }
  const resumeFacts: ResumeFacts | undefined = resume && {
    decision: resume.decision,
    ...(resume.actor ? { actor: resume.actor } : {}),
    ...(resume.paused.record.payload.runUrl ? { pausedBy: resume.paused.record.payload.runUrl } : {}),
  };
  const report = buildReport({
    result,
    environment: env,
    version,
    stableVersion: c.stableVersion,
    driver: driver.name,
    weight: traffic.weight,
    reason: restoreError ? `${reason}; restoring stable FAILED: ${errorMessage(restoreError)}` : reason,
    startedAt: live.startedAt,
    finishedAt: ctx.runtime.clock.now(),
    options: o,
    metrics: live.metrics,
    traffic: traffic.changes,
    judged: judged ?? live.judge?.report() ?? { outcome: 'running', steps: [], samples: [] },
    record: { id: record.id, where: store.where },
    ...(resumeFacts ? { resume: resumeFacts } : {}),
  });
  ctx.setOutput('result', result);
  ctx.setOutput('weight', report.weight);
  ctx.setOutput('failed-metric', report.failedMetric ?? '');
  try {
    writeReport(c.reportPath, report);
    ctx.setOutput('report', c.reportPath);
  } catch (err) {
    ctx.log.warning(`The report could not be written to ${c.reportPath}: ${errorMessage(err)}`);
  }
  let recordError: UserError | undefined;
  try {
    const description =
      result === 'promoted'
        ? `canary ${version} promoted${resume?.actor ? ` (${resume.actor} approved)` : ''}`
        : result === 'paused'
          ? pauseDescription(report.weight, o.steps.slice(o.pauseAfter))
          : resume?.decision === 'abort'
            ? report.reason
            : `canary aborted${report.failedMetric ? ` on ${report.failedMetric}` : ''}: ${report.reason}`;
    const state = result === 'promoted' ? 'success' : result === 'paused' ? 'in_progress' : 'failure';
    await store.setStatus(record.id, state, { description: cutText(description, 140), logUrl: ctx.runner.runUrl });
  } catch (err) {
    if (result === 'paused') throw new Error(`The pause could not be recorded on deployment ${record.id}: ${errorMessage(err)}`);
    // As deploy does: the step fails loudly (outputs are set above), never a warning only.
    recordError = new UserError(
      result === 'promoted'
        ? `Canary ${version} was promoted in ${env}, but its record (deployment ` +
            `${record.id}) could not be marked successful: ${errorMessage(err)}. ` +
            `The environment runs ${version}; rollback and gates will not see it ` +
            `until the record is fixed (the next deploy or rollback finds it stale).`
        : `Canary ${version} in ${env} ended ${result}, but its record (deployment ` +
            `${record.id}) could not be marked failure: ${errorMessage(err)}.`,
    );
    if (result !== 'promoted') ctx.log.warning(recordError.message);
  }
  // Links a reader acts on (the commit, the environment's deployments, the run); paths as the runner names them.
  const shown = (file: string) => (isAbsolute(file) ? shownPath(file, ctx.runner) : file);
  writeCanarySummary(ctx.summary, report, [
    ['commit', commitLink(ctx.runner, record.sha)],
    ['environment', link(env, deploymentsUrl(ctx.runner, env))],
    ['evidence', evidenceSources(o, live.urls)],
    [
      'deployment record',
      store.kind === 'github' ? link(String(record.id), deploymentsUrl(ctx.runner, env)) : `${record.id} in ${shown(store.where)}`,
    ],
    ['report', shown(c.reportPath)],
    ['run', runUrl(ctx.runner) ? link(`run ${ctx.runner.runId}`, runUrl(ctx.runner)) : undefined],
  ]);
  if (result === 'paused') {
    const help = decisionHelp(env);
    ctx.summary.heading('Promote or abort', 3);
    ctx.summary.list(help.lines);
    ctx.summary.code(help.commands, 'sh');
    ctx.log.info(`Paused at ${report.weight}%. ${help.lines[0]}\n${help.commands}`);
  }
  if (restoreError) throw restoreError;
  if (recordError && result === 'promoted') throw recordError;
  return { result, reason: report.reason };
}
