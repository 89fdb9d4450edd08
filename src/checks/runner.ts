import { mapPool, sleep } from '../core/pool.js';
import { redactUrls } from '../core/redact.js';
import type { Check } from './schema.js';
import { evaluate, type Observed } from './evaluate.js';
import { checkUrl, sendCheck, type Target } from './request.js';

export interface SmokeOptions {
  baseUrl?: string;
  authorization?: string;
  attempts: number;
  retryDelayMs: number;
  timeoutMs: number;
  concurrency: number;
  followRedirects: boolean;
  signal?: AbortSignal;
  /** Seams for tests and the bench: how a request is sent and how a pause is taken. */
  send?: (check: Check, target: Target) => Promise<Observed>;
  pause?: (ms: number) => Promise<void>;
  onAttempt?: (check: Check, attempt: number, reasons: string[]) => void;
}

export interface CheckResult {
  name: string;
  method: string;
  /** The URL with any credentials removed. */
  url: string;
  verdict: 'pass' | 'fail';
  status?: number;
  latencyMs?: number;
  attempts: number;
  reason?: string;
  durationMs: number;
}

/** The pause before attempt n+1: retry-delay, doubled each time, at most 30 s. */
export function backoff(retryDelayMs: number, attempt: number): number {
  return Math.min(retryDelayMs * 2 ** (attempt - 1), 30_000);
}

/**
 * Runs one check until it passes or its attempts are spent. Any failure is retried, a 404 like a
 * 503: a service that was just deployed may still be starting.
 */
export async function runCheck(check: Check, opts: SmokeOptions): Promise<CheckResult> {
  const url = checkUrl(check, opts.baseUrl);
  const target: Target = { url, authorization: check.url ? undefined : opts.authorization };
  const send =
    opts.send ?? ((c, t) => sendCheck(c, t, { timeoutMs: opts.timeoutMs, followRedirects: opts.followRedirects, signal: opts.signal }));
  const pause = opts.pause ?? ((ms) => sleep(ms, opts.signal));
  const started = performance.now();
  let last: { status?: number; latencyMs?: number; reason: string } = { reason: 'not run' };
  for (let attempt = 1; attempt <= opts.attempts; attempt++) {
    try {
      const got = await send(check, target);
      const verdict = evaluate(check, got);
      if (verdict.ok) {
        return {
          name: check.name,
          method: check.method,
          url: redactUrls(url),
          verdict: 'pass',
          status: got.status,
          latencyMs: got.latencyMs,
          attempts: attempt,
          durationMs: performance.now() - started,
        };
      }
      last = { status: got.status, latencyMs: got.latencyMs, reason: verdict.reasons.join('; ') };
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      last = { reason: (err as Error).message };
    }
    opts.onAttempt?.(check, attempt, [last.reason]);
    if (attempt < opts.attempts) await pause(backoff(opts.retryDelayMs, attempt));
  }
  return {
    name: check.name,
    method: check.method,
    url: redactUrls(url),
    verdict: 'fail',
    status: last.status,
    latencyMs: last.latencyMs,
    attempts: opts.attempts,
    reason: last.reason,
    durationMs: performance.now() - started,
  };
}

export async function runChecks(checks: Check[], opts: SmokeOptions): Promise<CheckResult[]> {
  return mapPool(checks, opts.concurrency, (check) => runCheck(check, opts));
}
