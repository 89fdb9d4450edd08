/**
 * Every traffic change of a canary goes through here, one at a time, so restoring stable (on an
 * abort, an error or the runner's cancel signal) never races a weight change still under way:
 * it waits for that change, then sends all traffic back to stable. Once restore is asked for, no
 * further weight change is made.
 */
import { errorMessage, UserError } from '../core/errors.js';
import { systemClock } from '../core/clock.js';
import type { CanaryRequest, DeployOutcome, Driver, TrafficControl, TrafficState } from '../drivers/types.js';

export interface TrafficChange {
  /** Epoch ms when the change was in effect. */
  at: number;
  weight: number;
  /** The real share, where the driver reports one that differs. */
  effectiveWeight?: number;
  what: 'start' | 'set-weight' | 'promote' | 'restore';
  note?: string;
}

export interface Traffic {
  start(req: CanaryRequest): Promise<DeployOutcome>;
  setWeight(weight: number): Promise<TrafficState>;
  promote(): Promise<void>;
  /** All traffic back to stable and the canary removed; safe to call more than once. */
  restore(): Promise<void>;
  /** The canary's weight as last set (0 before the first step and after a restore). */
  readonly weight: number;
  readonly restoring: boolean;
  readonly changes: readonly TrafficChange[];
}

export class TrafficClosedError extends Error {
  override readonly name = 'TrafficClosedError';
}

export type CanaryDriver = Driver & { readonly traffic: TrafficControl };

/** Refuses a driver that cannot run a canary, before anything happens. */
export function canaryDriver(driver: Driver): CanaryDriver {
  if (!driver.traffic)
    throw new UserError(
      `Input "driver": the ${driver.name} driver cannot run a canary (it has no traffic ` +
        `control). Accepted: a driver with traffic weights (local, command, haproxy, kubernetes).`,
    );
  return driver as CanaryDriver;
}

export function createTraffic(driver: TrafficControl, now: () => number = () => systemClock.now()): Traffic {
  let chain: Promise<unknown> = Promise.resolve();
  let weight = 0;
  let closed = false;
  let restored: Promise<void> | undefined;
  const changes: TrafficChange[] = [];

  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn);
    chain = next.catch(() => undefined);
    return next;
  };
  const open = <T>(fn: () => Promise<T>): Promise<T> =>
    serial(() => {
      if (closed) throw new TrafficClosedError('traffic is being restored to stable; no further change is made');
      return fn();
    });

  return {
    start: (req) =>
      open(async () => {
        const outcome = await driver.startCanary(req);
        changes.push({ at: now(), weight: 0, what: 'start' });
        return outcome;
      }),
    setWeight: (w) =>
      open(async () => {
        const state = await driver.setWeight(w);
        weight = state.weight;
        changes.push({
          at: now(),
          weight: state.weight,
          what: 'set-weight',
          ...(state.effectiveWeight !== undefined ? { effectiveWeight: state.effectiveWeight } : {}),
          ...(state.note ? { note: state.note } : {}),
        });
        return state;
      }),
    promote: () =>
      open(async () => {
        await driver.promote();
        weight = 100;
        closed = true;
        changes.push({ at: now(), weight: 100, what: 'promote' });
      }),
    restore() {
      closed = true;
      restored ??= serial(async () => {
        try {
          await driver.abort();
        } catch (err) {
          // Second way back: weight 0 through the same driver; report the first failure if both fail.
          try {
            await driver.setWeight(0);
          } catch {
            throw new UserError(`Could not send traffic back to stable: ${errorMessage(err)}`);
          }
        }
        weight = 0;
        changes.push({ at: now(), weight: 0, what: 'restore' });
      }).catch((err: unknown) => {
        restored = undefined; // a later call tries again
        throw err;
      });
      return restored;
    },
    get weight() {
      return weight;
    },
    get restoring() {
      return closed && restored !== undefined;
    },
    changes,
  };
}
