import * as http from 'node:http';

/**
 * Sends `rps` requests per second to `url` for `seconds`, at most `rps * seconds` requests
 * (capped at MAX_REQUESTS) and at most `maxInFlight` at a time, and counts the answers.
 */
export interface LoadOptions {
  url: string;
  rps: number;
  seconds: number;
  maxInFlight?: number;
  /** Per request; a request that takes longer counts as a failure. */
  timeoutMs?: number;
  /** Stops sending early (requests in flight still finish). */
  signal?: AbortSignal;
}

export interface LoadResult {
  sent: number;
  /** Answers by status code (`"200": 97`). */
  statuses: Record<string, number>;
  /** Requests that got no HTTP answer (refused, reset, timed out). */
  failures: number;
  /** `x-version` header of the answers, when the server sets one. */
  versions: Record<string, number>;
}

export const MAX_REQUESTS = 20_000;

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  if (!(opts.rps > 0) || !(opts.seconds > 0)) throw new Error('rps and seconds must be positive');
  const total = Math.min(MAX_REQUESTS, Math.round(opts.rps * opts.seconds));
  const intervalMs = 1000 / opts.rps;
  const maxInFlight = opts.maxInFlight ?? 32;
  const agent = new http.Agent({ keepAlive: true, maxSockets: maxInFlight });
  const result: LoadResult = { sent: 0, statuses: {}, failures: 0, versions: {} };
  const inFlight = new Set<Promise<void>>();
  const started = Date.now();

  try {
    for (let i = 0; i < total; i += 1) {
      const due = started + i * intervalMs - Date.now();
      if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
      if (opts.signal?.aborted) break;
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      result.sent += 1;
      const request: Promise<void> = sendOne(opts.url, agent, opts.timeoutMs ?? 5000).then((answer) => {
        inFlight.delete(request);
        if (!answer) {
          result.failures += 1;
          return;
        }
        result.statuses[answer.status] = (result.statuses[answer.status] ?? 0) + 1;
        if (answer.version) result.versions[answer.version] = (result.versions[answer.version] ?? 0) + 1;
      });
      inFlight.add(request);
    }
    await Promise.all(inFlight);
  } finally {
    agent.destroy();
  }
  return result;
}

function sendOne(url: string, agent: http.Agent, timeoutMs: number): Promise<{ status: number; version?: string } | null> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => {
        const header = res.headers['x-version'];
        resolve({ status: res.statusCode ?? 0, version: typeof header === 'string' ? header : undefined });
      });
      res.on('error', () => resolve(null));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(null));
  });
}

/** The share of requests with a status in `[from, to]` among all answered ones. */
export function statusShare(result: LoadResult, from: number, to: number): number {
  let match = 0;
  let answered = 0;
  for (const [code, count] of Object.entries(result.statuses)) {
    answered += count;
    if (Number(code) >= from && Number(code) <= to) match += count;
  }
  return answered === 0 ? 0 : match / answered;
}
