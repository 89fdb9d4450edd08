/**
 * The rule for absolute guardrails, judged sample by sample: a metric trips when `limit` of its
 * last `2 x limit` samples did not pass (so `limit` in a row trips it, and so does a run of failing
 * samples broken by single passes: "fail, fail, pass" repeated trips a limit of 3 at the fourth
 * sample). What a sample without data counts as is the use's no-data policy: the canary counts it
 * (it never promotes on missing evidence); a bake ignores it (it never rolls back on missing data
 * alone) and says so.
 */
import type { Verdict } from './types.js';

export type NoDataPolicy = 'counts' | 'ignored';

export interface WindowState {
  /** Consecutive non-passing samples, this one included. */
  streak: number;
  /** Non-passing samples among the last `window` counted ones. */
  notPassing: number;
  /** Samples the window holds. */
  seen: number;
  /** Whether a sample in the window failed (rather than only missing evidence). */
  sawFail: boolean;
  /** `limit` reached. */
  tripped: boolean;
}

export class SampleWindow {
  readonly window: number;
  private readonly recent: Verdict[] = [];
  private streak = 0;

  constructor(
    readonly limit: number,
    readonly noData: NoDataPolicy = 'counts',
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`failureLimit must be a positive integer, got ${limit}`);
    this.window = 2 * limit;
  }

  push(verdict: Verdict): WindowState {
    if (verdict === 'inconclusive' && this.noData === 'ignored') return this.state();
    this.recent.push(verdict);
    if (this.recent.length > this.window) this.recent.shift();
    this.streak = verdict === 'pass' ? 0 : this.streak + 1;
    return this.state();
  }

  state(): WindowState {
    const notPassing = this.recent.filter((v) => v !== 'pass').length;
    return {
      streak: this.streak,
      notPassing,
      seen: this.recent.length,
      sawFail: this.recent.includes('fail'),
      tripped: notPassing >= this.limit,
    };
  }
}

/** "3 in a row" or "3 of the last 6", for reasons. */
export function describeWindow(state: WindowState, limit: number): string {
  return state.streak >= limit
    ? `${state.streak} samples in a row did not pass`
    : `${state.notPassing} of the last ${state.seen} samples did not pass`;
}
