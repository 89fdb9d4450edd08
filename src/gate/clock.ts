import { UserError } from '../core/errors.js';

/** The variable that sets the gate's clock, for tests and rehearsals (`2024-03-31T01:30:00Z`). */
export const CLOCK_VARIABLE = 'SHIPLINE_NOW';

export interface Clock {
  now: number;
  /** True when the time came from `SHIPLINE_NOW` rather than the system clock. */
  fixed: boolean;
}

/** The time the gate decides at: `SHIPLINE_NOW` when set (an ISO 8601 time with its offset), else now. */
export function readClock(env: NodeJS.ProcessEnv, systemNow: () => number = Date.now): Clock {
  const text = env[CLOCK_VARIABLE]?.trim();
  if (!text) return { now: systemNow(), fixed: false };
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
  const at = Date.parse(text);
  if (!iso.test(text) || Number.isNaN(at))
    throw new UserError(
      `${CLOCK_VARIABLE}: ${JSON.stringify(text.slice(0, 60))} is not an ISO 8601 time. Accepted: a time with its offset (2024-03-31T01:30:00Z); for tests only, unset it in workflows.`,
    );
  return { now: at, fixed: true };
}
