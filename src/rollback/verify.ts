import { sleep as realSleep } from '../core/pool.js';
import { SampleWindow, type WindowState } from '../verify/window.js';

/** What can fire an automatic rollback. `deploy-failed`: the watched deployment did not succeed. */
export type TriggerName = 'health' | 'error-rate' | 'p95' | 'memory' | 'deploy-failed';

/** One signal's reading in one sample: `none` is no data (it neither counts nor clears a streak). */
export interface Reading {
  trigger: Exclude<TriggerName, 'deploy-failed'>;
  verdict: 'pass' | 'fail' | 'none';
  /** The value shown: `200 in 3 ms`, `7.1%`, `2300 ms`. */
  value: string;
  threshold: string;
  detail?: string;
}

export interface Sample {
  /** Milliseconds since the watch began. */
  at: number;
  readings: Reading[];
}

export interface Fired {
  trigger: TriggerName;
  /** One line for the records and the summary. */
  reason: string;
  /** Milliseconds since the watch began. */
  at: number;
}

export interface WatchResult {
  fired?: Fired;
  samples: Sample[];
  elapsedMs: number;
  /** Samples without data, by signal: the bake never rolls back on these alone, but reports them. */
  noData: Partial<Record<Reading['trigger'], number>>;
}

export interface WatchOptions {
  bakeMs: number;
  intervalMs: number;
  /** Failing samples of one signal that fire it: in a row, or among its last 2 x failureLimit samples with data. */
  failureLimit: number;
  sample: () => Promise<Reading[]>;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  onSample?: (sample: Sample, streaks: ReadonlyMap<string, number>) => void;
  /** The first sample without data of a signal (to say so at once). */
  onNoData?: (reading: Reading) => void;
}

const LABEL: Record<Reading['trigger'], string> = {
  health: 'health checks',
  'error-rate': 'error rate',
  p95: 'p95 latency',
  memory: 'memory use',
};

/** The reason line of a trigger that fired after `count` failing samples in a row (or `count` of the last `of`). */
export function firedReason(reading: Reading, count: number, of?: number): string {
  const what = reading.trigger === 'health' ? `${LABEL.health} failed` : `${LABEL[reading.trigger]} above ${reading.threshold}`;
  const how = of === undefined ? `${count} time${count === 1 ? '' : 's'} in a row` : `in ${count} of the last ${of} samples`;
  return `${what} ${how} (last: ${reading.value}${reading.detail ? `, ${reading.detail}` : ''})`;
}

/**
 * Watches an environment for the bake period: one sample every `intervalMs` (on a fixed schedule,
 * so a slow sample does not stretch the bake), each signal judged on its own with the engine's
 * window rule (src/verify/window.ts): `failureLimit` failing samples in a row, or among the signal's
 * last 2 x `failureLimit` samples, fire it (so a failure broken by single passes still does), and
 * the watch ends at once. No-data policy of a bake: a sample without data neither counts nor
 * clears; it never rolls back on missing data alone, and the watch reports how often it happened.
 */
export async function watch(opts: WatchOptions): Promise<WatchResult> {
  const now = opts.now ?? (() => performance.now());
  const pause = opts.sleep ?? realSleep;
  const start = now();
  const windows = new Map<string, SampleWindow>();
  const streaks = new Map<string, number>();
  const noData: WatchResult['noData'] = {};
  const samples: Sample[] = [];
  for (let tick = 0; ; tick++) {
    const at = now() - start;
    if (at >= opts.bakeMs) break;
    const readings = await opts.sample();
    const sample = { at: Math.round(at), readings };
    samples.push(sample);
    let fired: Fired | undefined;
    for (const reading of readings) {
      let window = windows.get(reading.trigger);
      if (!window) windows.set(reading.trigger, (window = new SampleWindow(opts.failureLimit, 'ignored')));
      const state: WindowState = window.push(reading.verdict === 'none' ? 'inconclusive' : reading.verdict);
      if (reading.verdict === 'none') {
        noData[reading.trigger] = (noData[reading.trigger] ?? 0) + 1;
        if (noData[reading.trigger] === 1) opts.onNoData?.(reading);
        continue;
      }
      streaks.set(reading.trigger, state.streak);
      if (!fired && state.tripped) {
        const reason =
          state.streak >= opts.failureLimit ? firedReason(reading, state.streak) : firedReason(reading, state.notPassing, state.seen);
        fired = { trigger: reading.trigger, reason, at: Math.round(now() - start) };
      }
    }
    opts.onSample?.(sample, streaks);
    if (fired) return { fired, samples, elapsedMs: Math.round(now() - start), noData };
    const next = (tick + 1) * opts.intervalMs;
    const wait = Math.min(next, opts.bakeMs) - (now() - start);
    if (wait > 0) await pause(wait, opts.signal);
  }
  return { samples, elapsedMs: Math.round(now() - start), noData };
}
