import type { NotifyTarget } from './targets.js';
import { systemClock } from '../core/clock.js';

export interface DeliveryOptions {
  /** Per try. */
  timeoutMs: number;
  tries: number;
  /** The first back-off; doubled each time. */
  backoffMs: number;
  /** The longest wait a Retry-After may ask for. */
  maxWaitMs: number;
}

export const DELIVERY_DEFAULTS: DeliveryOptions = { timeoutMs: 10_000, tries: 3, backoffMs: 1_000, maxWaitMs: 10_000 };

export type Delivery = { ok: true; tries: number } | { ok: false; tries: number; problem: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The wait a `Retry-After` header asks for (seconds or an HTTP date), if any. */
export function retryAfterMs(header: string | null, now = systemClock.now()): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** What went wrong on the network, without the URL (a fetch error's cause may quote the address). */
function networkProblem(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'no answer in time';
  const cause = err instanceof Error ? (err as Error & { cause?: { code?: unknown } }).cause : undefined;
  const code = cause && typeof cause.code === 'string' ? cause.code : undefined;
  return code ? `network error ${code}` : 'network error';
}

/**
 * POSTs one JSON message to one webhook: a timeout per try, retries with back-off on network
 * errors, 5xx and 429 (Retry-After honoured up to `maxWaitMs`), none on another 4xx. Never throws;
 * the problem it reports never holds the URL.
 */
export async function deliver(target: NotifyTarget, message: unknown, opts: DeliveryOptions = DELIVERY_DEFAULTS): Promise<Delivery> {
  const body = JSON.stringify(message);
  let problem = 'not tried';
  for (let attempt = 1; attempt <= opts.tries; attempt++) {
    let wait = opts.backoffMs * 2 ** (attempt - 1);
    try {
      const res = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'shipline' },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      // The body is not read into any message (it may echo the URL); drained so the socket is freed.
      await res.body?.cancel().catch(() => {});
      if (res.ok) return { ok: true, tries: attempt };
      problem = `HTTP ${res.status}`;
      if (res.status !== 429 && res.status < 500) return { ok: false, tries: attempt, problem };
      const asked = retryAfterMs(res.headers.get('retry-after'));
      if (asked !== undefined) wait = Math.min(asked, opts.maxWaitMs);
    } catch (err) {
      problem = networkProblem(err);
    }
    if (attempt < opts.tries) await sleep(wait);
  }
  return { ok: false, tries: opts.tries, problem };
}
