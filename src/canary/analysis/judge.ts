/**
 * The canary judge: a state machine fed evaluated samples in time order, step by step.
 *
 * - Each metric keeps a streak of consecutive non-passing samples (fail and inconclusive both
 *   count; a pass resets it). A streak reaching `failureLimit` aborts the canary.
 * - A step passes only when the last sample of every metric in it passed (and every metric in
 *   `metrics` was sampled at all); otherwise the step ends the canary with an abort.
 * - The canary is promoted only when every step passed: it never promotes on missing evidence.
 */
import { evaluateSample, type SampleOptions } from './sample.js';
import type { Evaluation, MetricSample, Verdict } from './types.js';

export interface JudgeOptions extends SampleOptions {
  /** Consecutive non-passing samples of one metric that abort (at least 1). */
  failureLimit: number;
  /** Metrics each step must have evidence of; a step without a sample of one does not pass. */
  metrics?: readonly string[];
}

/** An evaluated sample with where it fell in the canary: one row of the evidence table. */
export interface SampleRecord extends Evaluation {
  /** 1-based step number. */
  step: number;
  /** Canary traffic weight (percent) during the step. */
  weight: number;
  /** Consecutive non-passing samples of this metric, this one included. */
  streak: number;
}

export interface StepResult {
  step: number;
  weight: number;
  passed: boolean;
  reason: string;
}

export interface Abort {
  /** The metric that caused the abort; absent when a step had no samples at all. */
  failedMetric?: string;
  /** 'fail' when any sample of the failing streak failed, 'inconclusive' when evidence was missing. */
  cause: Exclude<Verdict, 'pass'>;
  reason: string;
  step: number;
  weight: number;
}

export type JudgeOutcome = 'running' | 'promoted' | 'aborted';

export interface JudgeReport {
  outcome: JudgeOutcome;
  failedMetric?: string;
  abort?: Abort;
  steps: StepResult[];
  samples: SampleRecord[];
}

export interface Judge {
  /** Opens the next step at this canary weight. */
  startStep(weight: number): void;
  /** Evaluates a raw sample against its threshold, then records it. */
  observe(sample: MetricSample): SampleRecord;
  /** Records an already evaluated sample (e.g. a baseline comparison). */
  push(evaluation: Evaluation): SampleRecord;
  /** Closes the open step: passed, or the canary aborts. */
  endStep(): StepResult;
  /** Ends the canary: promoted when it has not aborted and every step passed. */
  finish(): JudgeReport;
  /** The abort, once there is one. */
  readonly abort: Abort | undefined;
  report(): JudgeReport;
}

export function createJudge(options: JudgeOptions): Judge {
  const { failureLimit } = options;
  if (!Number.isInteger(failureLimit) || failureLimit < 1) {
    throw new RangeError(`failureLimit must be a positive integer, got ${failureLimit}`);
  }
  const samples: SampleRecord[] = [];
  const steps: StepResult[] = [];
  const streaks = new Map<string, { count: number; sawFail: boolean }>();
  let step: { number: number; weight: number; last: Map<string, SampleRecord> } | undefined;
  let abort: Abort | undefined;
  let finished = false;
  let lastAt = Number.NEGATIVE_INFINITY;

  const report = (): JudgeReport => ({
    outcome: abort ? 'aborted' : finished ? 'promoted' : 'running',
    ...(abort?.failedMetric !== undefined ? { failedMetric: abort.failedMetric } : {}),
    ...(abort ? { abort: { ...abort } } : {}),
    steps: steps.map((s) => ({ ...s })),
    samples: samples.map((s) => ({ ...s })),
  });

  const push = (evaluation: Evaluation): SampleRecord => {
    if (!step) throw new Error('no step is open: call startStep() before recording samples');
    if (!Number.isFinite(evaluation.at)) throw new RangeError(`sample time must be a finite number, got ${evaluation.at}`);
    if (evaluation.at < lastAt) throw new RangeError(`samples must come in time order: ${evaluation.at} after ${lastAt}`);
    lastAt = evaluation.at;
    const previous = streaks.get(evaluation.metric) ?? { count: 0, sawFail: false };
    const streak =
      evaluation.verdict === 'pass'
        ? { count: 0, sawFail: false }
        : { count: previous.count + 1, sawFail: previous.sawFail || evaluation.verdict === 'fail' };
    streaks.set(evaluation.metric, streak);
    const record: SampleRecord = { ...evaluation, step: step.number, weight: step.weight, streak: streak.count };
    samples.push(record);
    step.last.set(record.metric, record);
    if (!abort && streak.count >= failureLimit) {
      abort = {
        failedMetric: record.metric,
        cause: streak.sawFail ? 'fail' : 'inconclusive',
        reason: `${record.metric}: ${streak.count} consecutive samples did not pass (last: ${record.reason})`,
        step: step.number,
        weight: step.weight,
      };
    }
    return record;
  };

  const closeStep = (open: NonNullable<typeof step>): StepResult => {
    const result = (passed: boolean, reason: string): StepResult => ({ step: open.number, weight: open.weight, passed, reason });
    if (abort) return result(false, `aborted: ${abort.reason}`);
    const stepAbort = (failedMetric: string | undefined, cause: Abort['cause'], reason: string): StepResult => {
      abort = { ...(failedMetric !== undefined ? { failedMetric } : {}), cause, reason, step: open.number, weight: open.weight };
      return result(false, reason);
    };
    if (open.last.size === 0) return stepAbort(undefined, 'inconclusive', 'the step ended without any sample');
    const missing = (options.metrics ?? []).find((m) => !open.last.has(m));
    if (missing !== undefined) return stepAbort(missing, 'inconclusive', `${missing}: no sample during the step`);
    const lastSamples = [...open.last.values()];
    const notPassing = lastSamples.find((r) => r.verdict === 'fail') ?? lastSamples.find((r) => r.verdict !== 'pass');
    if (notPassing) {
      const cause = notPassing.verdict === 'fail' ? 'fail' : 'inconclusive';
      return stepAbort(notPassing.metric, cause, `${notPassing.metric}: the step ended on a sample that did not pass (${notPassing.reason})`);
    }
    return result(true, `the last sample of each of ${open.last.size} metric(s) passed`);
  };

  return {
    startStep(weight) {
      if (finished) throw new Error('the judge has finished');
      if (abort) throw new Error(`the canary has aborted: ${abort.reason}`);
      if (step) throw new Error(`step ${step.number} is still open: call endStep() first`);
      step = { number: steps.length + 1, weight, last: new Map() };
    },
    observe: (sample) => push(evaluateSample(sample, options)),
    push,
    endStep() {
      if (!step) throw new Error('no step is open');
      const result = closeStep(step);
      steps.push(result);
      step = undefined;
      return result;
    },
    finish() {
      if (step) throw new Error(`step ${step.number} is still open: call endStep() first`);
      if (!abort && steps.length === 0) {
        abort = { cause: 'inconclusive', reason: 'the canary ran no steps', step: 0, weight: 0 };
      }
      finished = true;
      return report();
    },
    get abort() {
      return abort ? { ...abort } : undefined;
    },
    report,
  };
}
