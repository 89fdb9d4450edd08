/** A canary's dry run: the plan, the times it gives, the records it would write; nothing changes. */
import { plural } from '../core/plural.js';
import { formatDuration } from '../core/duration.js';
import { redactUrls } from '../core/redact.js';
import { PAUSE_MARKER } from '../records/pause.js';
import { formatThreshold } from '../verify/index.js';
import type { Ctx } from './context.js';
import type { CanaryOptions } from './options.js';
import { pauseLine, planLines, planTime, type planCanary } from './plan.js';
import type { canaryDriver } from './traffic.js';

export function driverPlanLines(
  driver: ReturnType<typeof canaryDriver>,
  req: { environment: string; version: string; artifact?: string; timeoutMs: number; stableVersion?: string },
  weights: number[],
): string[] {
  const start = driver.plan.canary?.(req) ?? driver.plan.deploy(req).map((l) => `start the canary: ${l}`);
  return [...start, ...(driver.plan.traffic?.(weights) ?? [])];
}

export interface DryRunInput {
  version: string;
  env: string;
  stableVersion?: string;
  options: CanaryOptions;
  plan: ReturnType<typeof planCanary>;
  driverName: string;
  driverPlan: string[];
  where: string;
}

export function dryRun(ctx: Ctx, d: DryRunInput): void {
  const o = d.options;
  ctx.setOutput('result', 'dry-run');
  ctx.setOutput('weight', 0);
  ctx.setOutput('failed-metric', '');
  ctx.summary.verdict(
    'info',
    d.plan.pause
      ? `Dry run: would move ${d.version} in ${d.env} through ${plural(d.plan.pause.afterStep, 'step')} with the ${d.driverName} driver ` +
          `and pause at ${d.plan.pause.weight}% after ${formatDuration(d.plan.pause.beforeMs)} for a decision; nothing changed.`
      : `Dry run: would move ${d.version} in ${d.env} through ${plural(o.steps.length, 'step')} with the ` +
          `${d.driverName} driver and promote it after ${formatDuration(d.plan.timeToPromoteMs)}; nothing changed.`,
  );
  ctx.summary.facts([
    ['stable version', d.stableVersion ?? '(none recorded)'],
    [
      'time to promote',
      d.plan.pause
        ? `${formatDuration(d.plan.pause.beforeMs)} to the pause, then ${formatDuration(d.plan.pause.afterMs)} after resume: promote`
        : formatDuration(d.plan.timeToPromoteMs),
    ],
    ['pause', d.plan.pause ? pauseLine(d.plan.pause) : undefined],
    ['abort of a canary failing from the start', `after ${formatDuration(d.plan.abortIfBadFromStartMs)}`],
    ['abort after the first failing sample', `within ${formatDuration(d.plan.abortAfterFirstFailureMs)} (${o.failureLimit} in a row)`],
    ['worst-case time to abort', formatDuration(d.plan.worstCaseAbortMs)],
    ['evidence', evidenceSources(o)],
    ['records', d.where],
  ]);
  ctx.summary.table(
    ['step', 'weight', 'real traffic share', 'from', 'to', 'samples'],
    d.plan.steps.map((p) => [
      p.step,
      `${p.weight}%`,
      p.realShare,
      planTime(p.startsAtMs, p.afterPause),
      planTime(p.endsAtMs, p.afterPause),
      p.samples,
    ]),
  );
  const weights = o.steps.flatMap((w, i) => (i === o.pauseAfter ? ['pause', String(w)] : [String(w)])).join(', ');
  const trafficLines = [
    ...d.driverPlan,
    `weights in turn: ${weights}; then promote, or on an abort all traffic back to stable`,
    d.plan.pause
      ? `record a deployment of ${d.version} in ${d.env}: in_progress, at the pause in_progress ` +
        `"${PAUSE_MARKER}${d.plan.pause.weight}%...", then success or failure (none written now)`
      : `record a deployment of ${d.version} in ${d.env}: in_progress, then success or failure (none written now)`,
  ];
  ctx.summary.list(trafficLines);
  ctx.log.info('Plan (dry run, nothing changed):');
  for (const line of [...planLines(d.plan, o), ...trafficLines]) ctx.log.info(`  ${line}`);
}

export function evidenceSources(o: CanaryOptions, urls?: { canary?: string; stable?: string }): string {
  const parts: string[] = [];
  if (o.probe) {
    const canary = urls?.canary ?? o.probe.canaryUrl ?? "the canary's URL from the driver";
    const stable = urls?.stable ?? o.probe.stableUrl;
    parts.push(
      `built-in probe, ${o.probe.rps} requests/s to ${redactUrls(canary)}${stable ? ` and to stable ${redactUrls(stable)}` : ''}: ` +
        `error rate <= ${o.probe.maxErrorRate}, p95 <= ${o.probe.maxP95Ms} ms`,
    );
  }
  if (o.prometheus) {
    parts.push(
      `Prometheus ${redactUrls(o.prometheus.url)}: ${o.prometheus.metrics.map((m) => `${m.name} ${formatThreshold(m)}`).join(', ')}`,
    );
  }
  return parts.join('; ');
}
