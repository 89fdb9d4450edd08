/**
 * The dry-run plan of a canary (pure): each step with its real traffic share and timing, the time
 * to promote, and how long an abort can take.
 */
import { formatDuration } from '../core/duration.js';
import type { DriverTraits } from '../drivers/types.js';
import type { CanaryOptions } from './options.js';

export interface PlanStep {
  step: number;
  weight: number;
  /** What share of real traffic the canary gets, as the driver applies the weight. */
  realShare: string;
  startsAtMs: number;
  endsAtMs: number;
  samples: number;
  /** After the pause: its times count from the start of the run that resumes the canary. */
  afterPause?: boolean;
}

/** Where the canary waits for a decision, and how long the running parts take. */
export interface PausePlan {
  /** The step after which the canary pauses (1-based), and the weight it holds. */
  afterStep: number;
  weight: number;
  /** From the start until the pause. */
  beforeMs: number;
  /** From a `resume: promote` until the promotion: the held weight judged again, then the rest. */
  afterMs: number;
}

export interface CanaryPlanView {
  steps: PlanStep[];
  /** When every step passes: the canary is promoted after the last one. */
  timeToPromoteMs: number;
  /** A canary failing from its first sample is aborted this long after the start. */
  abortIfBadFromStartMs: number;
  /** A canary that goes bad at any point is aborted this long after its first failing sample. */
  abortAfterFirstFailureMs: number;
  /** The latest an abort can come: at the end of the last step. */
  worstCaseAbortMs: number;
  pause?: PausePlan;
}

/** How the driver turns a weight into real traffic (its traits say). */
export type DriverTraffic = Pick<DriverTraits, 'share'>;

export function planCanary(o: CanaryOptions, t: DriverTraffic): CanaryPlanView {
  const at = o.pauseAfter;
  const steps: PlanStep[] = o.steps.map((weight, i) => {
    // After a pause, the resume run first judges the held weight again for one step.
    const slot = at !== undefined && i >= at ? i - at + 1 : i;
    return {
      step: i + 1,
      weight,
      realShare: t.share(weight),
      startsAtMs: slot * o.stepMs,
      endsAtMs: (slot + 1) * o.stepMs,
      samples: o.samplesPerStep,
      ...(at !== undefined && i >= at ? { afterPause: true } : {}),
    };
  });
  const running = (o.steps.length + (at !== undefined ? 1 : 0)) * o.stepMs;
  return {
    steps,
    timeToPromoteMs: running,
    abortIfBadFromStartMs: Math.min(o.failureLimit, o.samplesPerStep) * o.intervalMs,
    abortAfterFirstFailureMs: (o.failureLimit - 1) * o.intervalMs,
    worstCaseAbortMs: at !== undefined ? Math.max(at, o.steps.length - at + 1) * o.stepMs : running,
    ...(at !== undefined
      ? { pause: { afterStep: at, weight: o.steps[at - 1]!, beforeMs: at * o.stepMs, afterMs: (o.steps.length - at + 1) * o.stepMs } }
      : {}),
  };
}

/** A step's start or end as the plan shows it: from the start, or from the resume after a pause. */
export const planTime = (ms: number, afterPause?: boolean): string => (afterPause ? `resume + ${formatDuration(ms)}` : formatDuration(ms));

/** The pause in words, for the log and the summary. */
export function pauseLine(p: PausePlan): string {
  const d = formatDuration;
  return (
    `pause after step ${p.afterStep} (${d(p.beforeMs)} in): the canary ` +
    `keeps ${p.weight}% of traffic and the run ends with result paused; ` +
    `a later run with resume: promote judges ${p.weight}% again and goes on ` +
    `(${d(p.afterMs)} more), resume: abort sends all traffic back to stable`
  );
}

/** The plan as lines for the log. */
export function planLines(plan: CanaryPlanView, o: CanaryOptions): string[] {
  const d = formatDuration;
  const lines = plan.steps.map(
    (s) =>
      `step ${s.step}: weight ${s.weight}% -> ${s.realShare}; from ${planTime(s.startsAtMs, s.afterPause)} ` +
      `to ${planTime(s.endsAtMs, s.afterPause)}, ${s.samples} sample(s) every ${d(o.intervalMs)}`,
  );
  if (plan.pause) lines.splice(plan.pause.afterStep, 0, pauseLine(plan.pause));
  return [
    ...lines,
    plan.pause
      ? `promoted ${d(plan.pause.afterMs)} after a resume: promote when every step passes ` +
        `(${d(plan.timeToPromoteMs)} of steps in all, plus the wait for the decision)`
      : `promoted after ${d(plan.timeToPromoteMs)} when every step passes`,
    `a canary failing from its first sample is aborted after ${d(plan.abortIfBadFromStartMs)}; one that goes bad ` +
      `later within ${d(plan.abortAfterFirstFailureMs)} of its first failing sample (${o.failureLimit} in a row)`,
    `worst case: aborted at the end of the last step of a run, ${d(plan.worstCaseAbortMs)} ` +
      `after that run's start; then all traffic goes back to stable`,
  ];
}
