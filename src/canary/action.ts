import { VERSION_FORM } from '../core/common-fields.js';
import { join } from 'node:path';
import { formatDuration } from '../core/duration.js';
import { UserError } from '../core/errors.js';
import { maskUrlCredentials, redactUrls } from '../core/redact.js';
import { runAction, type RunOptions } from '../core/run.js';
import { notice } from '../core/runner-io.js';
import { readManifestDefaults } from '../records/manifest-defaults.js';
import { notifyWhenDone } from '../notify/index.js';
import { createDriver, driverTraits } from '../drivers/factory.js';
import { openRecords, stateRoot } from '../records/open.js';
import { findPaused } from '../records/pause.js';
import { preflight } from '../records/preflight.js';
import { PrometheusError, validateQuery } from '../verify/sources/prometheus.js';
import { fields, type Ctx } from './context.js';
import { driverPlanLines, dryRun } from './dry-run.js';
import { resolveCanaryOptions, type CanaryOptions } from './options.js';
import { planCanary } from './plan.js';
import { readPaused, resumedWeights, type Decision } from './resume.js';
import { runCanary } from './roll-out.js';
import { canaryDriver } from './traffic.js';

export { fields };

/** Entry of the canary action: traffic step by step to a new version, judged at every step. */
export function run(opts?: RunOptions): Promise<number> {
  return runAction(
    { name: 'canary', title: 'shipline canary', fields, environmentInput: 'environment', cancelledOutputs: { result: 'aborted' } },
    canary,
    opts,
  );
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

  const store = openRecords({ token: s.githubToken, runner: ctx.runner, stateDir: root, runtime: ctx.runtime });
  const plan = planCanary(options, traits);
  // A canary's record stays in progress for its whole time to promote, beyond the driver's timeout.
  const cleared = await preflight(store, {
    action: 'canary',
    environment: env,
    runner: ctx.runner,
    staleAfterMs: 2 * (s.timeout + plan.timeToPromoteMs),
    now: ctx.runtime.clock.now(),
  });
  if (cleared.refusal) throw cleared.refusal;
  const stableVersion = cleared.view.current?.payload.version;
  const reportPath = s.report || join(ctx.runner.temp, `shipline-canary-${process.pid}.json`);
  ctx.summary.heading(`Canary ${version} in ${env}`);
  if (!traits.startsCanary) {
    notice(
      `No deploy-command: ${version} is taken to be running ` +
        `already${s.probeUrl ? ` at ${redactUrls(s.probeUrl)}` : ''}; the canary moves traffic only.`,
    );
  }

  if (s.dryRun) {
    const lines = driverPlanLines(driver, { environment: env, version, artifact, timeoutMs: s.timeout, stableVersion }, options.steps);
    // Without deploy-command the command driver starts nothing: the first line says so instead.
    if (!traits.startsCanary)
      lines[0] =
        `start nothing: no deploy-command, ${version} is taken to be ` +
        `running already${s.probeUrl ? ` at ${redactUrls(s.probeUrl)}` : ''}`;
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
    stale: cleared.stale,
    staleOpts: cleared.staleOpts,
  });
}

/** No cancel signal for the driver: a traffic command must be able to run after the runner's
 *  cancel signal (that is when stable is restored), and is never killed half-way. */
function makeDriver(ctx: Ctx, root: string): ReturnType<typeof canaryDriver> {
  const s = ctx.settings;
  return canaryDriver(
    createDriver(s, {
      environment: s.environment,
      use: 'canary',
      log: ctx.log,
      cwd: ctx.runner.workspace,
      timeoutMs: s.timeout,
      stateRoot: root,
      exec: ctx.runtime.exec,
    }),
  );
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
  const store = openRecords({ token: s.githubToken, runner: ctx.runner, stateDir: root, runtime: ctx.runtime });
  const record = await findPaused(store, env);
  if (!record) {
    throw new UserError(
      `No canary is paused in ${env} (${store.where}): there is nothing to ${decision}. A ` +
        `canary pauses at a "pause" in its steps (10,25,pause,100) and waits there for this.`,
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
        ? `judge ${paused.weight}% again, then ${rest
            .slice(1)
            .map((w) => `${w}%`)
            .join(', ')}, each for ${formatDuration(options.stepMs)}, and promote it if every step passes`
        : 'send all traffic back to stable and mark its record failure';
    ctx.setOutput('result', 'dry-run');
    ctx.setOutput('weight', paused.weight);
    ctx.setOutput('failed-metric', '');
    ctx.summary.verdict(
      'info',
      `Dry run: would ${decision} the canary ${paused.version} paused at ${paused.weight}% in ${env}: ${what}; nothing changed.`,
    );
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
async function validateMetrics(
  prometheus: NonNullable<CanaryOptions['prometheus']>,
  vars: { version: string; environment: string },
): Promise<void> {
  const auth = prometheus.token ? { bearer: prometheus.token } : undefined;
  const results = await Promise.allSettled(
    prometheus.metrics.map((m) =>
      validateQuery({ url: prometheus.url, query: m.query, vars, timeoutMs: 10_000, ...(auth ? { auth } : {}) }),
    ),
  );
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') return;
    const err = r.reason;
    if (err instanceof PrometheusError && err.kind === 'bad_query') {
      throw new UserError(
        `Input "metrics" at [${i}] (${prometheus.metrics[i]!.name}): ${err.message}. Accepted: a PromQL query that gives one number.`,
      );
    }
    if (err instanceof PrometheusError) throw new UserError(`Input "prometheus-url": ${err.message}. Nothing was changed.`);
    throw err;
  });
}
