// Injected failures: a queue of "answer the next N matching requests with this" rules,
// and the answers GitHub gives for server errors and for secondary and primary rate limits.
import type { RateWindow } from './rate-limit.js';
import type { FaultMatch, Reply } from './types.js';

export type FaultKind =
  { kind: 'server'; status: number } | { kind: 'secondary'; retryAfterSeconds: number } | { kind: 'primary'; resetAfterSeconds: number };

interface Fault {
  remaining: number;
  match: FaultMatch;
  fault: FaultKind;
}

export function faultMatches(match: FaultMatch, method: string, path: string): boolean {
  if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (match.pathPrefix && !path.startsWith(match.pathPrefix)) return false;
  return true;
}

export class FaultQueue {
  private faults: Fault[] = [];

  add(count: number, match: FaultMatch, fault: FaultKind): void {
    if (!Number.isInteger(count) || count < 1) throw new Error(`fault count must be a positive integer, got ${count}`);
    this.faults.push({ remaining: count, match, fault });
  }

  /** The first rule that matches this request, used up by one; undefined when none applies. */
  take(method: string, path: string): FaultKind | undefined {
    const found = this.faults.find((f) => faultMatches(f.match, method, path));
    if (!found) return undefined;
    found.remaining -= 1;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return found.fault;
  }

  clear(): void {
    this.faults = [];
  }
}

export const SECONDARY_RATE_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
  'If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.';

export function faultReply(fault: FaultKind, rate: RateWindow): Reply {
  switch (fault.kind) {
    case 'server':
      return { status: fault.status, body: { message: 'Server Error' } };
    case 'secondary':
      // plugin-throttling recognises it by /\bsecondary rate\b/ in the message and waits retry-after seconds.
      return {
        status: 403,
        headers: { 'retry-after': String(fault.retryAfterSeconds) },
        body: {
          message: SECONDARY_RATE_LIMIT_MESSAGE,
          documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          status: '403',
        },
      };
    case 'primary':
      // plugin-throttling recognises it by x-ratelimit-remaining: 0 and waits until x-ratelimit-reset.
      rate.exhaust(fault.resetAfterSeconds);
      return {
        status: 403,
        body: {
          message: 'API rate limit exceeded for user ID 41898282.',
          documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit',
          status: '403',
        },
      };
  }
}
