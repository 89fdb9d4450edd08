import { request } from './http-client.js';
import { systemClock } from '../../core/clock.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type HealthResult = { healthy: true; attempts: number } | { healthy: false; reason: string; attempts: number };

/**
 * Asks `url` until it answers 2xx, the process ends (`exited` settles), or `timeoutMs` passes.
 * The last thing seen (status or network error) becomes the reason.
 */
export async function waitForHealthy(
  url: string,
  options: { timeoutMs: number; exited?: Promise<string>; intervalMs?: number },
): Promise<HealthResult> {
  let exitReason: string | undefined;
  void options.exited?.then((reason) => {
    exitReason = reason;
  });
  const deadline = systemClock.now() + options.timeoutMs;
  let attempts = 0;
  let last = 'no answer yet';
  for (;;) {
    if (exitReason !== undefined) return { healthy: false, reason: `the process ${exitReason}`, attempts };
    attempts++;
    try {
      const left = Math.max(1, deadline - systemClock.now());
      const res = await request(url, { timeoutMs: Math.min(2000, Math.max(250, left)) });
      if (res.status >= 200 && res.status < 300) return { healthy: true, attempts };
      last = `GET ${url} answered ${res.status}`;
    } catch (err) {
      last = `GET ${url} failed: ${(err as Error).message}`;
    }
    if (systemClock.now() >= deadline) {
      return { healthy: false, reason: `${last} (gave up after ${options.timeoutMs} ms)`, attempts };
    }
    await sleep(Math.min(options.intervalMs ?? 100, Math.max(0, deadline - systemClock.now())));
    if (exitReason !== undefined) return { healthy: false, reason: `the process ${exitReason}`, attempts };
  }
}
