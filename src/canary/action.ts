import { join } from 'node:path';
import { artifactField, commonFields, environmentField, githubFields } from '../core/common-fields.js';
import { formatDuration } from '../core/duration.js';
import { errorMessage, UserError } from '../core/errors.js';
import * as f from '../core/fields.js';
import { sleep } from '../core/pool.js';
import { maskUrlCredentials, redactUrls } from '../core/redact.js';
import { runAction, type ActionContext, type RunOptions } from '../core/run.js';
import { notice } from '../core/runner-io.js';
import { VERSION_FORM, versionField } from '../core/common-fields.js';
import { readManifestDefaults } from '../deploy/manifest.js';
import { driverFields } from '../drivers/fields.js';
import { notifyField, notifyWhenDone } from '../notify/index.js';
import { createDriver, driverTraits } from '../drivers/factory.js';
import { describeRecord, environmentView } from '../records/checks.js';
import { openRecords, stateRoot } from '../records/open.js';
import { findPaused, PAUSE_MARKER, pauseDescription } from '../records/pause.js';
import { cutText } from '../records/meaning.js';
import { describeRunning, earlierRunning, markStale, origin, sortUnfinished, type StaleOptions, type Unfinished } from '../records/stale.js';
import type { DeploymentRecord, RecordPayload, RecordStore } from '../records/types.js';
import { createJudge, formatNumber, formatThreshold, type Judge, type JudgeReport } from '../verify/index.js';
import { CancelledError, runCanaryLoop } from './loop.js';
import { canaryFields } from './fields.js';
import { judgedMetrics, resolveCanaryOptions, type CanaryOptions } from './options.js';
import { pauseLine, planCanary, planLines, planTime } from './plan.js';
import { startProbeStream, type ProbeStream } from '../verify/sources/probe.js';
import { PrometheusError, validateQuery } from '../verify/sources/prometheus.js';
import { buildReport, writeReport, type CanaryResult, type ResumeFacts } from './report.js';
import { createSampler } from './sampler.js';
import { decisionHelp, readPaused, resumedDetails, resumedWeights, type Decision, type PausedCanary } from './resume.js';
import { formatSteps, type StepItem } from './steps.js';
import { writeCanarySummary } from './summary.js';
import { canaryDriver, createTraffic } from './traffic.js';

export const fields = {
  environment: environmentField(true),
  version: versionField(false),
  artifact: artifactField(),
  manifest: f.string({ form: 'the path of the build manifest written by the build action' }),
  resume: f.oneOf(['promote', 'abort'] as const, { configurable: false }),
  ...canaryFields,
  timeout: f.duration({ min: 1_000, max: 6 * 3_600_000, default: 600_000 }),
  report: f.string({ form: 'a file path for the JSON report' }),
  notify: notifyField(),
  ...driverFields,
  ...githubFields,
  ...commonFields,
};

type Ctx = ActionContext<typeof fields>;

/** Entry of the canary action: traffic step by step to a new version, judged at every step. */
export function run(opts?: RunOptions): Promise<number> {
  return runAction({ name: 'canary', title: 'shipline canary', fields, environmentInput: 'environment', cancelledOutputs: { result: 'aborted' } }, canary, opts);
}

async function canary(ctx: Ctx): Promise<void> {
  const s = ctx.settings;
  notifyWhenDone(ctx, 'canary');
  if (s.resume) return resumeCanary(ctx, s.resume);
  const fromManifest = s.manifest ? await readManifestDefaults(s.manifest) : undefined;
  const version = s.version ?? fromManifest?.version;
  if (!version) throw new UserError(`Input "version" is required (or a manifest from the build action). Accepted: ${VERSION_FORM}.`);
  const artifact = s.artifact ?? fromManifest?.artifact;
  const env = s.environment;
  const traits = driverTraits(s);
  for (const url of [s.prometheusUrl, s.probeUrl, s.stableUrl]) if (url) maskUrlCredentials(url);
  const options = resolveCanaryOptions(s, traits);
  const root = stateRoot(s.stateDir, ctx.runner);
  // No cancel signal for the driver: a traffic command must be able to run after the runner's
  // cancel signal (that is when stable is restored), and is never killed half-way.
  const driver = makeDriver(ctx, root);
  const vars = { version, environment: env };
  if (options.prometheus) await validateMetrics(options.prometheus, vars);

  const store = openRecords({ token: s.githubToken, runner: ctx.runner, stateDir: root, warn: ctx.log.warning });
  const view = await environmentView(store, env);
  const stableVersion = view.current?.payload.version;
  const plan = planCanary(options, traits);
  const paused = await findPaused(store, env);
  if (paused) {
    throw new UserError(
      `A canary is paused in ${env}: ${describeRecord(paused)}${paused.payload.runUrl ? ` by ${paused.payload.runUrl}` : ''}. ` +
        'Resume or abort it first: run the canary action with resume: promote or resume: abort (the approval workflow does).',
    );
  }
  const staleOpts = { limitMs: 2 * (s.timeout + plan.timeToPromoteMs), runner: ctx.runner };
  const unfinished = await sortUnfinished(store, view.unfinished, staleOpts);
  if (unfinished.running.length > 0) {
    throw new UserError(
      `Another deploy or canary in ${env} is still in progress: ${describeRunning(unfinished.running[0]!)}. ` +
        `Wait for it, or serialise them with \`concurrency: deploy-${env}\` in the workflow.`,
    );
  }
  const reportPath = s.report || join(ctx.runner.temp, `shipline-canary-${process.pid}.json`);
  ctx.summary.heading(`Canary ${version} in ${env}`);
  if (!traits.startsCanary) {
    notice(
      `No deploy-command: ${version} is taken to be running already${s.probeUrl ? ` at ${redactUrls(s.probeUrl)}` : ''}; the canary moves traffic only.`,
    );
  }

  if (s.dryRun) {
    const lines = driverPlanLines(driver, { environment: env, version, artifact, timeoutMs: s.timeout, stableVersion }, options.steps);
    // Without deploy-command the command driver starts nothing: the first line says so instead.
    if (!traits.startsCanary) lines[0] = `start nothing: no deploy-command, ${version} is taken to be running already${s.probeUrl ? ` at ${redactUrls(s.probeUrl)}` : ''}`;
    dryRun(ctx, { version, env, stableVersion, options, plan, driverName: driver.name, driverPlan: lines, where: store.where });
    return;
  }

  await runCanary(ctx, {
    version,
    artifact,
    channel: fromManifest?.channel,
    env,
    stableVersion,
    options,
    driver,
    store,
    reportPath,
    vars,
    // The commit built, as the manifest names it: a hotfix checks out another ref than GITHUB_SHA.
    sha: fromManifest?.commit || ctx.runner.sha || 'local',
    ref: fromManifest?.ref || ctx.runner.ref || '',
    stepItems: s.steps,
    stale: unfinished.stale,
    staleOpts,
  });
}

/** No cancel signal for the driver: a traffic command must be able to run after the runner's
 *  cancel signal (that is when stable is restored), and is never killed half-way. */
function makeDriver(ctx: Ctx, root: string): ReturnType<typeof canaryDriver> {
  const s = ctx.settings;
  return canaryDriver(createDriver(s, { environment: s.environment, use: 'canary', log: ctx.log, cwd: ctx.runner.workspace, timeoutMs: s.timeout, stateRoot: root }));
}

/**
 * A later run decides on a paused canary: everything it needs is in the canary's record and this
 * run's settings, so the run that paused it (and its runner) is long gone.
 */
async function resumeCanary(ctx: Ctx, decision: Decision): Promise<void> {
  const s = ctx.settings;
  const env = s.environment;
  const traits = driverTraits(s);
  for (const url of [s.prometheusUrl, s.probeUrl, s.stableUrl]) if (url) maskUrlCredentials(url);
  const root = stateRoot(s.stateDir, ctx.runner);
  const store = openRecords({ token: s.githubToken, runner: ctx.runner, stateDir: root, warn: ctx.log.warning });
  const record = await findPaused(store, env);
  if (!record) {
    throw new UserError(
      `No canary is paused in ${env} (${store.where}): there is nothing to ${decision}. A canary pauses at a "pause" in its steps (10,25,pause,100) and waits there for this.`,
    );
  }
  const paused = readPaused(record, { environment: env, version: s.version, driver: traits.name, decision });
  const options = resolveCanaryOptions({ ...s, steps: paused.steps }, traits);
  const driver = makeDriver(ctx, root);
  const vars = { version: paused.version, environment: env };
  const actor = ctx.runner.actor;
  ctx.summary.heading(`Canary ${paused.version} in ${env}: ${decision}${actor ? ` by ${actor}` : ''}`);
  if (s.dryRun) {
    const rest = resumedWeights(paused.steps);
    const what =
      decision === 'promote'
        ? `judge ${paused.weight}% again, then ${rest.slice(1).map((w) => `${w}%`).join(', ')}, each for ${formatDuration(options.stepMs)}, and promote it if every step passes`
        : 'send all traffic back to stable and mark its record failure';
    ctx.setOutput('result', 'dry-run');
    ctx.setOutput('weight', paused.weight);
    ctx.setOutput('failed-metric', '');
    ctx.summary.verdict('info', `Dry run: would ${decision} the canary ${paused.version} paused at ${paused.weight}% in ${env}: ${what}; nothing changed.`);
    ctx.log.info(`Dry run: ${decision} ${paused.version} (deployment ${record.id}): ${what}`);
    return;
  }
  if (options.prometheus && decision === 'promote') await validateMetrics(options.prometheus, vars);
  await runCanary(ctx, {
    version: paused.version,
    artifact: paused.artifact,
    env,
    stableVersion: paused.stableVersion,
    options,
    driver,
    store,
    reportPath: s.report || join(ctx.runner.temp, `shipline-canary-${process.pid}.json`),
    vars,
    sha: record.sha,
    ref: record.ref,
    stepItems: paused.steps,
    resume: { paused, decision, actor },
  });
}

/** Every query runs once before any traffic moves: a typo fails with Prometheus's own message. */
async function validateMetrics(prometheus: NonNullable<CanaryOptions['prometheus']>, vars: { version: string; environment: string }): Promise<void> {
  const auth = prometheus.token ? { bearer: prometheus.token } : undefined;
  const results = await Promise.allSettled(
    prometheus.metrics.map((m) => validateQuery({ url: prometheus.url, query: m.query, vars, timeoutMs: 10_000, ...(auth ? { auth } : {}) })),
  );
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') return;
    const err = r.reason;
    if (err instanceof PrometheusError && err.kind === 'bad_query') {
      throw new UserError(`Input "metrics" at [${i}] (${prometheus.metrics[i]!.name}): ${err.message}. Accepted: a PromQL query that gives one number.`);
    }
    if (err instanceof PrometheusError) throw new UserError(`Input "prometheus-url": ${err.message}. Nothing was changed.`);
    throw err;
  });
}

function driverPlanLines(
  driver: ReturnType<typeof canaryDriver>,
  req: { environment: string; version: string; artifact?: string; timeoutMs: number; stableVersion?: string },
  weights: number[],
): string[] {
  const start = driver.plan.canary?.(req) ?? driver.plan.deploy(req).map((l) => `start the canary: ${l}`);
  return [...start, ...(driver.plan.traffic?.(weights) ?? [])];
}

interface DryRunInput {
  version: string;
  env: string;
  stableVersion?: string;
  options: CanaryOptions;
  plan: ReturnType<typeof planCanary>;
  driverName: string;
  driverPlan: string[];
  where: string;
}

function dryRun(ctx: Ctx, d: DryRunInput): void {
  const o = d.options;
  ctx.setOutput('result', 'dry-run');
  ctx.setOutput('weight', 0);
  ctx.setOutput('failed-metric', '');
  ctx.summary.verdict(
    'info',
    d.plan.pause
      ? `Dry run: would move ${d.version} in ${d.env} through ${d.plan.pause.afterStep} step(s) with the ${d.driverName} driver and pause at ${d.plan.pause.weight}% after ${formatDuration(d.plan.pause.beforeMs)} for a decision; nothing changed.`
      : `Dry run: would move ${d.version} in ${d.env} through ${o.steps.length} step(s) with the ${d.driverName} driver and promote it after ${formatDuration(d.plan.timeToPromoteMs)}; nothing changed.`,
  );
  ctx.summary.facts([
    ['stable version', d.stableVersion ?? '(none recorded)'],
    ['time to promote', d.plan.pause ? `${formatDuration(d.plan.pause.beforeMs)} to the pause, then ${formatDuration(d.plan.pause.afterMs)} after resume: promote` : formatDuration(d.plan.timeToPromoteMs)],
    ['pause', d.plan.pause ? pauseLine(d.plan.pause) : undefined],
    ['abort of a canary failing from the start', `after ${formatDuration(d.plan.abortIfBadFromStartMs)}`],
    ['abort after the first failing sample', `within ${formatDuration(d.plan.abortAfterFirstFailureMs)} (${o.failureLimit} in a row)`],
    ['worst-case time to abort', formatDuration(d.plan.worstCaseAbortMs)],
    ['evidence', evidenceSources(o)],
    ['records', d.where],
  ]);
  ctx.summary.table(
    ['step', 'weight', 'real traffic share', 'from', 'to', 'samples'],
    d.plan.steps.map((p) => [p.step, `${p.weight}%`, p.realShare, planTime(p.startsAtMs, p.afterPause), planTime(p.endsAtMs, p.afterPause), p.samples]),
  );
  const weights = o.steps.flatMap((w, i) => (i === o.pauseAfter ? ['pause', String(w)] : [String(w)])).join(', ');
  const trafficLines = [
    ...d.driverPlan,
    `weights in turn: ${weights}; then promote, or on an abort all traffic back to stable`,
    d.plan.pause
      ? `record a deployment of ${d.version} in ${d.env}: in_progress, at the pause in_progress "${PAUSE_MARKER}${d.plan.pause.weight}%...", then success or failure (none written now)`
      : `record a deployment of ${d.version} in ${d.env}: in_progress, then success or failure (none written now)`,
  ];
  ctx.summary.list(trafficLines);
  ctx.log.info('Plan (dry run, nothing changed):');
  for (const line of [...planLines(d.plan, o), ...trafficLines]) ctx.log.info(`  ${line}`);
}

function evidenceSources(o: CanaryOptions, urls?: { canary?: string; stable?: string }): string {
  const parts: string[] = [];
  if (o.probe) {
    const canary = urls?.canary ?? o.probe.canaryUrl ?? "the canary's URL from the driver";
    const stable = urls?.stable ?? o.probe.stableUrl;
    parts.push(
      `built-in probe, ${o.probe.rps} requests/s to ${redactUrls(canary)}${stable ? ` and to stable ${redactUrls(stable)}` : ''}: error rate <= ${o.probe.maxErrorRate}, p95 <= ${o.probe.maxP95Ms} ms`,
    );
  }
  if (o.prometheus) {
    parts.push(`Prometheus ${redactUrls(o.prometheus.url)}: ${o.prometheus.metrics.map((m) => `${m.name} ${formatThreshold(m)}`).join(', ')}`);
  }
  return parts.join('; ');
}

interface CanaryRun {
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

async function runCanary(ctx: Ctx, c: CanaryRun): Promise<void> {
  const { options: o, driver, store, env, version } = c;
  const traffic = createTraffic(driver.traffic);
  const startedAt = Date.now();
  const resume = c.resume;
  const resumeFacts: ResumeFacts | undefined = resume && {
    decision: resume.decision,
    ...(resume.actor ? { actor: resume.actor } : {}),
    ...(resume.paused.record.payload.runUrl ? { pausedBy: resume.paused.record.payload.runUrl } : {}),
  };
  let record: DeploymentRecord;
  if (resume) {
    record = resume.paused.record;
    // The pause marker goes at once, so no second decision finds this canary paused.
    await store.setStatus(record.id, 'in_progress', {
      description: `canary of ${version}: ${resume.decision} by ${resume.actor ?? 'a later run'}`,
      logUrl: ctx.runner.runUrl,
    });
  } else {
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
    record = await store.create({ environment: env, sha: c.sha, ref: c.ref, payload, description: `shipline canary ${version}`, productionEnvironment: /^prod/i.test(env) });
    await store.setStatus(record.id, 'in_progress', { description: `canary of ${version}`, logUrl: ctx.runner.runUrl });
    // Two runs that checked at the same moment both wrote a record: the earliest one goes on.
    const first = c.staleOpts ? (await earlierRunning(store, env, record, c.staleOpts))[0] : undefined;
    if (first) {
      ctx.setOutput('result', 'aborted');
      ctx.setOutput('weight', 0);
      ctx.setOutput('failed-metric', '');
      try {
        await store.setStatus(record.id, 'error', { description: `refused: deployment ${first.id} in ${env} started first`, logUrl: ctx.runner.runUrl });
      } catch (err) {
        ctx.log.warning(`Deployment ${record.id} could not be marked refused: ${errorMessage(err)}`);
      }
      throw new UserError(`Another deploy or canary in ${env} started at the same time and first: ${describeRunning(first)}. No traffic was moved; deployment ${record.id} is marked error.`);
    }
  }

  let judge: Judge | undefined;
  let metrics: string[] = [];
  let streams: { canary: ProbeStream; stable?: ProbeStream } | undefined;
  let urls: { canary?: string; stable?: string } = {};
  const stopProbe = () => {
    streams?.canary.stop();
    streams?.stable?.stop();
  };

  let concluded: Promise<{ result: CanaryResult; reason: string }> | undefined;
  let recordError: UserError | undefined;
  /** Restores stable unless promoted, records the outcome, writes the report, summary and outputs. Once. */
  const conclude = (result: CanaryResult, reason: string, judged?: JudgeReport) =>
    (concluded ??= (async () => {
      stopProbe();
      let restoreError: unknown;
      if (result === 'aborted') {
        try {
          await ctx.log.group(`Sending all traffic back to stable${c.stableVersion ? ` ${c.stableVersion}` : ''}`, () => traffic.restore());
        } catch (err) {
          restoreError = err;
        }
      }
      const report = buildReport({
        result,
        environment: env,
        version,
        stableVersion: c.stableVersion,
        driver: driver.name,
        weight: traffic.weight,
        reason: restoreError ? `${reason}; restoring stable FAILED: ${errorMessage(restoreError)}` : reason,
        startedAt,
        finishedAt: Date.now(),
        options: o,
        metrics,
        traffic: traffic.changes,
        judged: judged ?? judge?.report() ?? { outcome: 'running', steps: [], samples: [] },
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
            ? `Canary ${version} was promoted in ${env}, but its record (deployment ${record.id}) could not be marked successful: ${errorMessage(err)}. ` +
                `The environment runs ${version}; rollback and gates will not see it until the record is fixed (the next deploy or rollback finds it stale).`
            : `Canary ${version} in ${env} ended ${result}, but its record (deployment ${record.id}) could not be marked failure: ${errorMessage(err)}.`,
        );
        if (result !== 'promoted') ctx.log.warning(recordError.message);
      }
      writeCanarySummary(ctx.summary, report, [
        ['evidence', evidenceSources(o, urls)],
        ['deployment record', `${record.id} in ${store.where}`],
        ['report', c.reportPath],
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
    })());

  const unregister = ctx.onAbort(async () => {
    const why = ctx.signal.aborted ? 'cancelled by the runner' : 'shipline failed unexpectedly';
    await conclude('aborted', why);
  });

  // A pause ends this run after the steps before it; a resume judges the held weight again, then the rest.
  const pausing = !resume && o.pauseAfter !== undefined;
  const loopSteps = resume ? resumedWeights(resume.paused.steps) : pausing ? o.steps.slice(0, o.pauseAfter) : o.steps;
  let outcome: { result: CanaryResult; reason: string };
  try {
    if (resume?.decision === 'abort') {
      unregister();
      await conclude('aborted', `aborted by ${resume.actor ?? 'a later run'} at ${resume.paused.weight}%`);
      return;
    }
    const started = resume
      ? { details: await resumedDetails(driver, env) }
      : await ctx.log.group(`Starting canary ${version} beside ${c.stableVersion ?? 'stable'} (${driver.name} driver)`, () =>
          traffic.start({ environment: env, version, artifact: c.artifact, previousVersion: c.stableVersion, stableVersion: c.stableVersion, timeoutMs: ctx.settings.timeout }),
        );
    if (o.probe) {
      const fromDriver = (key: string) => (o.probe!.fromDriver && typeof started.details[key] === 'string' ? String(started.details[key]) : undefined);
      urls = { canary: o.probe.canaryUrl ?? fromDriver('canary-url'), stable: o.probe.stableUrl ?? fromDriver('stable-url') };
      if (!urls.canary) throw new UserError(`Input "probe-url" is required: the ${driver.name} driver did not report the canary's own URL. Accepted: an absolute http or https URL of the canary itself.`);
      const target = { rps: o.probe.rps, timeoutMs: o.probe.timeoutMs };
      streams = {
        canary: startProbeStream({ url: urls.canary, ...target }),
        ...(urls.stable ? { stable: startProbeStream({ url: urls.stable, ...target }) } : {}),
      };
    }
    metrics = judgedMetrics(o, Boolean(urls.stable));
    judge = createJudge({ failureLimit: o.failureLimit, minRequests: o.minRequests, metrics });
    ctx.log.info(`Judging on ${metrics.join(', ')}: ${evidenceSources(o, urls)}`);
    const sampler = createSampler({
      options: o,
      vars: c.vars,
      now: Date.now,
      ...(streams && urls.canary ? { probe: { ...streams, canaryUrl: urls.canary, ...(urls.stable ? { stableUrl: urls.stable } : {}) } } : {}),
    });
    const loop = await runCanaryLoop({
      plan: { steps: loopSteps, intervalMs: o.intervalMs, samplesPerStep: o.samplesPerStep },
      judge,
      setWeight: (w) => traffic.setWeight(w),
      sample: sampler,
      clock: { now: Date.now, sleep },
      signal: ctx.signal,
      events: {
        onWeight: (step, state) =>
          ctx.log.info(`step ${step}: canary weight ${state.weight}%${state.effectiveWeight !== undefined ? ` (real share ${state.effectiveWeight}%)` : ''}${state.note ? ` — ${state.note}` : ''}`),
        onSample: (records) => {
          for (const r of records) {
            ctx.log.info(`  ${r.metric}: ${r.value === null ? 'no data' : formatNumber(r.value)} (${formatThreshold(r.threshold)}) ${r.verdict}${r.verdict === 'pass' ? '' : ` [${r.streak}/${o.failureLimit}]`} — ${r.reason}`);
          }
        },
        onStep: (result) => ctx.log.info(`step ${result.step} (${result.weight}%): ${result.passed ? 'passed' : 'failed'} — ${result.reason}`),
      },
    });
    const judged = judge.finish();
    if (loop === 'promote' && judged.outcome === 'promoted' && pausing) {
      outcome = await conclude('paused', `every step before the pause passed; waiting for resume: promote or abort`, judged);
    } else if (loop === 'promote' && judged.outcome === 'promoted') {
      await ctx.log.group(`Promoting ${version}`, () => traffic.promote());
      outcome = await conclude('promoted', resume ? `every step passed after ${resume.actor ?? 'a later run'} resumed it` : `every step passed`, judged);
    } else {
      outcome = await conclude('aborted', judged.abort?.reason ?? 'a step did not pass', judged);
    }
  } catch (err) {
    if (err instanceof CancelledError || ctx.signal.aborted) {
      // The runner's cancel signal: its handler restores stable through the cleanup and exits.
      await new Promise(() => {});
    }
    unregister();
    stopProbe();
    await conclude('aborted', `stopped by an error: ${redactUrls(errorMessage(err))}`).catch((restoreErr: unknown) => {
      ctx.log.warning(`Restoring stable after the error failed too: ${errorMessage(restoreErr)}`);
    });
    throw err;
  }
  unregister();
  if (outcome.result === 'aborted') {
    throw new UserError(`Canary ${version} in ${env} aborted: ${outcome.reason}. All traffic is back on stable${c.stableVersion ? ` ${c.stableVersion}` : ''}.`);
  }
}
