import { sleep } from './pool.js';

/**
 * The one clock (the runtime's `clock`): the time in epoch milliseconds, and a pause that `signal`
 * ends early (rejecting with its reason). Actions take it from `ctx.runtime.clock`; the modules
 * below them take one as a parameter, `systemClock` by default.
 */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = { now: () => Date.now(), sleep };

/** A clock that stands still at `start` and moves only when slept on or set: for tests and rehearsals. */
export function fixedClock(start: number | string): Clock & { set(at: number | string): void; slept: number[] } {
  let now = typeof start === 'string' ? Date.parse(start) : start;
  if (Number.isNaN(now)) throw new Error(`fixedClock: ${String(start)} is not a time`);
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      slept.push(ms);
      now += ms;
    },
    set: (at) => {
      now = typeof at === 'string' ? Date.parse(at) : at;
    },
    slept,
  };
}
