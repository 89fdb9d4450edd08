/**
 * Smoke checks as a signal: every check sent once (no retries: a retry would hide the failure a
 * signal exists to see), one pass/fail per look. The bake (rollback verify mode) and the standing
 * health check read the environment through it.
 */
import type { Check } from '../../checks/schema.js';
import { runChecks, type CheckResult } from '../../checks/runner.js';

export interface SmokeSignalOptions {
  url: string;
  authorization?: string;
  /** Per request, between 1 s and 10 s. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface SmokeReading {
  verdict: 'pass' | 'fail';
  results: CheckResult[];
  /** The first failing check, or the first check when all passed. */
  first: CheckResult;
  failed: number;
}

export async function readSmokeSignal(checks: Check[], o: SmokeSignalOptions): Promise<SmokeReading> {
  const results = await runChecks(checks, {
    baseUrl: o.url,
    authorization: o.authorization,
    attempts: 1,
    retryDelayMs: 0,
    timeoutMs: Math.min(10_000, Math.max(1_000, o.timeoutMs)),
    concurrency: 4,
    followRedirects: true,
    signal: o.signal,
  });
  const failed = results.filter((r) => r.verdict === 'fail');
  return { verdict: failed.length === 0 ? 'pass' : 'fail', results, first: failed[0] ?? results[0]!, failed: failed.length };
}
