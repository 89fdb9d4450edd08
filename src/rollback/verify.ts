import { sleep as realSleep } from '../core/pool.js';

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
}

export interface WatchOptions {
  bakeMs: number;
  intervalMs: number;
  /** Consecutive failing samples of one signal that fire it. */
  failureLimit: number;
  sample: () => Promise<Reading[]>;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  onSample?: (sample: Sample, streaks: ReadonlyMap<string, number>) => void;
}

const LABEL: Record<Reading['trigger'], string> = {
  health: 'health checks',
  'error-rate': 'error rate',
  p95: 'p95 latency',
  memory: 'memory use',
};

/** The reason line of a trigger that fired after `count` failing samples. */
export function firedReason(reading: Reading, count: number): string {
  const what = reading.trigger === 'health' ? `${LABEL.health} failed` : `${LABEL[reading.trigger]} above ${reading.threshold}`;
  return `${what} ${count} time${count === 1 ? '' : 's'} in a row (last: ${reading.value}${reading.detail ? `, ${reading.detail}` : ''})`;
}

/**
 * Watches an environment for the bake period: one sample every `intervalMs` (on a fixed schedule,
 * so a slow sample does not stretch the bake), each signal with its own streak of failing samples;
 * the first signal whose streak reaches `failureLimit` fires and the watch ends at once.
 */
export async function watch(opts: WatchOptions): Promise<WatchResult> {
  const now = opts.now ?? (() => performance.now());
  const pause = opts.sleep ?? realSleep;
  const start = now();
  const streaks = new Map<string, number>();
  const samples: Sample[] = [];
  for (let tick = 0; ; tick++) {
    const at = now() - start;
    if (at >= opts.bakeMs) break;
    const readings = await opts.sample();
    const sample = { at: Math.round(at), readings };
    samples.push(sample);
    let fired: Fired | undefined;
    for (const reading of readings) {
      if (reading.verdict === 'none') continue;
      const count = reading.verdict === 'fail' ? (streaks.get(reading.trigger) ?? 0) + 1 : 0;
      streaks.set(reading.trigger, count);
      if (!fired && count >= opts.failureLimit) fired = { trigger: reading.trigger, reason: firedReason(reading, count), at: Math.round(now() - start) };
    }
    opts.onSample?.(sample, streaks);
    if (fired) return { fired, samples, elapsedMs: Math.round(now() - start) };
    const next = (tick + 1) * opts.intervalMs;
    const wait = Math.min(next, opts.bakeMs) - (now() - start);
    if (wait > 0) await pause(wait, opts.signal);
  }
  return { samples, elapsedMs: Math.round(now() - start) };
}
