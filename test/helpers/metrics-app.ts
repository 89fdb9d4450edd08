import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small web app standing in for one version of a service: every path but `/metrics` answers
 * 200 (or 500 for the configured share of requests) after `latencyMs`, and `/metrics` exposes what
 * a real service would in Prometheus text format:
 * `http_requests_total{version,code}` and the `http_request_duration_seconds{version}` histogram.
 * Errors are spread evenly (every 1/errorRate-th request), so counts are exact, not random.
 */
export interface MetricsAppOptions {
  version: string;
  errorRate?: number;
  latencyMs?: number;
}

export interface MetricsApp {
  url: string;
  port: number;
  version: string;
  /** Changes behaviour at runtime (a canary that starts failing). */
  set(change: { errorRate?: number; latencyMs?: number }): void;
  /** Requests served so far (excluding `/metrics`), by status code. */
  counts(): { total: number; byCode: Record<string, number> };
  /** The `/metrics` text as Prometheus would scrape it now. */
  exposition(): string;
  stop(): Promise<void>;
}

export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export async function startMetricsApp(opts: MetricsAppOptions): Promise<MetricsApp> {
  let errorRate = checkRate(opts.errorRate ?? 0);
  let latencyMs = opts.latencyMs ?? 0;
  const byCode: Record<string, number> = {};
  let served = 0;
  // Arrivals and errors since errorRate was last set: errors are spread evenly within that span.
  let arrivals = 0;
  let errorsSoFar = 0;
  const bucketCounts = DURATION_BUCKETS.map(() => 0);
  let durationSum = 0;
  let durationCount = 0;

  function nextIsError(): boolean {
    // Error when the running share of errors would otherwise fall below errorRate.
    arrivals += 1;
    const due = Math.floor(arrivals * errorRate + 1e-9) > errorsSoFar;
    if (due) errorsSoFar += 1;
    return due;
  }

  function record(code: number, seconds: number) {
    byCode[code] = (byCode[code] ?? 0) + 1;
    served += 1;
    durationSum += seconds;
    durationCount += 1;
    DURATION_BUCKETS.forEach((le, i) => {
      if (seconds <= le) bucketCounts[i]! += 1;
    });
  }

  function exposition(): string {
    const v = escapeLabel(opts.version);
    const lines = ['# HELP http_requests_total Requests served, by status code.', '# TYPE http_requests_total counter'];
    const codes = Object.keys(byCode).length > 0 ? Object.keys(byCode) : ['200'];
    for (const code of codes) lines.push(`http_requests_total{version="${v}",code="${code}"} ${byCode[code] ?? 0}`);
    lines.push('# HELP http_request_duration_seconds Time to answer a request.');
    lines.push('# TYPE http_request_duration_seconds histogram');
    DURATION_BUCKETS.forEach((le, i) => {
      lines.push(`http_request_duration_seconds_bucket{version="${v}",le="${le}"} ${bucketCounts[i]}`);
    });
    lines.push(`http_request_duration_seconds_bucket{version="${v}",le="+Inf"} ${durationCount}`);
    lines.push(`http_request_duration_seconds_sum{version="${v}"} ${durationSum}`);
    lines.push(`http_request_duration_seconds_count{version="${v}"} ${durationCount}`);
    return `${lines.join('\n')}\n`;
  }

  const server = http.createServer((req, res) => {
    if (req.url === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(exposition());
      return;
    }
    const started = process.hrtime.bigint();
    const fail = nextIsError();
    const answer = () => {
      const code = fail ? 500 : 200;
      record(code, Number(process.hrtime.bigint() - started) / 1e9);
      res.writeHead(code, { 'content-type': 'text/plain', 'x-version': opts.version });
      res.end(fail ? `error from ${opts.version}\n` : `hello from ${opts.version}\n`);
    };
    if (latencyMs > 0) setTimeout(answer, latencyMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    version: opts.version,
    set(change) {
      if (change.errorRate !== undefined) {
        errorRate = checkRate(change.errorRate);
        arrivals = 0;
        errorsSoFar = 0;
      }
      if (change.latencyMs !== undefined) latencyMs = change.latencyMs;
    },
    counts: () => ({ total: served, byCode: { ...byCode } }),
    exposition,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function checkRate(rate: number): number {
  if (!(rate >= 0 && rate <= 1)) throw new Error(`errorRate ${rate} is not between 0 and 1`);
  return rate;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
