/**
 * The canary's control loop: for each step, set the weight, then sample every analysis interval
 * until the step's time is up, feeding the judge; stop at the first abort. Promoting or restoring
 * is the caller's: the loop only says which. Time and traffic are seams.
 */
import type { Evaluation, Judge, SampleRecord, StepResult } from '../verify/index.js';
import type { Clock } from '../core/clock.js';
import type { TrafficState } from '../drivers/types.js';

/** The runtime's clock: `sleep` resolves after `ms` and rejects when `signal` aborts. */
export type { Clock };

export interface LoopPlan {
  steps: readonly number[];
  intervalMs: number;
  samplesPerStep: number;
}

export interface LoopEvents {
  onWeight?(step: number, state: TrafficState): void;
  onSample?(records: SampleRecord[]): void;
  onStep?(result: StepResult): void;
}

export interface LoopDeps {
  plan: LoopPlan;
  judge: Judge;
  setWeight(weight: number): Promise<TrafficState>;
  sample(): Promise<Evaluation[]>;
  clock: Clock;
  signal?: AbortSignal;
  events?: LoopEvents;
}

export type LoopOutcome = 'promote' | 'abort';

export class CancelledError extends Error {
  override readonly name = 'CancelledError';
}

/** Runs every step; resolves to 'promote' only when every step passed. Throws CancelledError on the signal. */
export async function runCanaryLoop(deps: LoopDeps): Promise<LoopOutcome> {
  const { plan, judge, clock, signal, events } = deps;
  const checkSignal = () => {
    if (signal?.aborted) throw new CancelledError(String((signal.reason as Error | undefined)?.message ?? 'cancelled'));
  };
  for (const [index, weight] of plan.steps.entries()) {
    checkSignal();
    const state = await deps.setWeight(weight);
    events?.onWeight?.(index + 1, state);
    judge.startStep(weight);
    const stepStart = clock.now();
    for (let k = 1; k <= plan.samplesPerStep; k++) {
      const wait = stepStart + k * plan.intervalMs - clock.now();
      try {
        if (wait > 0) await clock.sleep(wait, signal);
      } catch (err) {
        checkSignal();
        throw err;
      }
      checkSignal();
      const records = (await deps.sample()).map((e) => judge.push(e));
      events?.onSample?.(records);
      if (judge.abort) break;
    }
    const result = judge.endStep();
    events?.onStep?.(result);
    if (!result.passed) return 'abort';
  }
  return 'promote';
}
