import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryPrometheus, validateQuery, type PrometheusSample } from '../../src/verify/sources/prometheus.js';
import { runLoad } from '../helpers/load.js';
import { startMetricsApp, type MetricsApp } from '../helpers/metrics-app.js';
import { prometheusBinary, startPrometheus, usePrometheus, type PrometheusServer } from '../helpers/prometheus.js';
import { waitFor } from '../helpers/real-server.js';

const title = prometheusBinary
  ? 'prometheus provider against a real Prometheus'
  : 'prometheus provider against a real Prometheus (SKIPPED: the prometheus binary is not installed; apt-get install prometheus)';

const ERROR_RATE =
  'sum(rate(http_requests_total{version="{{version}}",code=~"5.."}[5s])) / sum(rate(http_requests_total{version="{{version}}"}[5s]))';
// A version without any 5xx has no 5xx series at all: `or vector(0)` turns that into 0 errors.
const ERROR_RATE_OR_ZERO =
  '(sum(rate(http_requests_total{version="{{version}}",code=~"5.."}[5s])) or vector(0)) / sum(rate(http_requests_total{version="{{version}}"}[5s]))';
const P95 = 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{version="{{version}}"}[5s])))';

describe.skipIf(!prometheusBinary)(title, () => {
  let prom: PrometheusServer;
  let stable: MetricsApp;
  let canary: MetricsApp;
  let load: Promise<unknown>;
  const stopLoad = new AbortController();

  beforeAll(async () => {
    [prom, stable, canary] = await Promise.all([
      usePrometheus(),
      startMetricsApp({ version: '1.0.0', errorRate: 0 }),
      startMetricsApp({ version: '1.1.0', errorRate: 0.2, latencyMs: 30 }),
    ]);
    await Promise.all([
      prom.addTarget('provider-stable', `${stable.url}/metrics`),
      prom.addTarget('provider-canary', `${canary.url}/metrics`),
    ]);
    // Steady traffic to both versions while the tests run (bounded: at most 40 rps for 120 s each).
    load = Promise.all([
      runLoad({ url: stable.url, rps: 40, seconds: 120, signal: stopLoad.signal }),
      runLoad({ url: canary.url, rps: 40, seconds: 120, signal: stopLoad.signal }),
    ]);
  });

  afterAll(async () => {
    stopLoad.abort();
    await load;
    prom?.removeTarget('provider-stable');
    prom?.removeTarget('provider-canary');
    await prom?.stop();
    await Promise.all([stable?.stop(), canary?.stop()]);
  });

  const vars = (version: string) => ({ version, environment: 'test' });

  /** Polls until the query has data (rate over 5 s needs a few scrapes of traffic). */
  function firstValue(query: string, version: string): Promise<PrometheusSample> {
    return waitFor(
      `data for ${query}`,
      async () => {
        const sample = await queryPrometheus({ url: prom.url, query, vars: vars(version) });
        return sample.value === null ? null : sample;
      },
      { attempts: 150, intervalMs: 200 },
    );
  }

  it("returns the canary's error rate for {{version}}", async () => {
    const sample = await firstValue(ERROR_RATE, '1.1.0');
    expect(sample.query).toContain('version="1.1.0"');
    expect(sample.value).toBeGreaterThan(0.12);
    expect(sample.value).toBeLessThan(0.28);
  });

  it("returns the stable version's error rate of 0", async () => {
    const sample = await firstValue(ERROR_RATE_OR_ZERO, '1.0.0');
    expect(sample.value).toBe(0);
  });

  it('gives null, not 0, when a version has no 5xx series and the query does not say `or vector(0)`', async () => {
    await firstValue(ERROR_RATE_OR_ZERO, '1.0.0');
    const sample = await queryPrometheus({ url: prom.url, query: ERROR_RATE, vars: vars('1.0.0') });
    expect(sample).toMatchObject({ value: null, reason: 'no data (empty result)' });
  });

  it("reads the canary's p95 latency from the histogram", async () => {
    const sample = await firstValue(P95, '1.1.0');
    // 30 ms answers fall in the 25-50 ms bucket.
    expect(sample.value).toBeGreaterThan(0.025);
    expect(sample.value).toBeLessThanOrEqual(0.05);
  });

  it('gives null with a reason for a version without data', async () => {
    const sample = await queryPrometheus({ url: prom.url, query: ERROR_RATE, vars: vars('9.9.9') });
    expect(sample).toMatchObject({ value: null, reason: 'no data (empty result)' });
  });

  it("fails validation with Prometheus's own message for invalid PromQL", async () => {
    const err = await validateQuery({ url: prom.url, query: 'sum(rate(http_requests_total[5s])', vars: vars('1.1.0') }).catch(
      (e: Error) => e,
    );
    expect(err).toMatchObject({ kind: 'bad_query' });
    expect((err as Error).message).toMatch(
      /^Prometheus rejected the query: .*parse error.*\(query: sum\(rate\(http_requests_total\[5s\]\)\)$/,
    );
  });

  it('validates a good query even before the canary has data', async () => {
    await expect(validateQuery({ url: prom.url, query: ERROR_RATE, vars: vars('2.0.0') })).resolves.toMatchObject({ value: null });
  });

  it('refuses a range vector as a bad query', async () => {
    await expect(
      validateQuery({ url: prom.url, query: 'http_requests_total{version="{{version}}"}[5s]', vars: vars('1.1.0') }),
    ).rejects.toMatchObject({ kind: 'bad_query' });
  });

  it('does not print URL credentials', async () => {
    const withCreds = prom.url.replace('http://', 'http://admin:hunter2@');
    const sample = await queryPrometheus({ url: withCreds, query: 'sum(up)', vars: vars('1') });
    expect(sample.value).toBeGreaterThan(0);
    const err = await validateQuery({ url: withCreds, query: 'sum(', vars: vars('1') }).catch((e: Error) => e);
    expect((err as Error).message).not.toContain('hunter2');
  });
});

describe.skipIf(!prometheusBinary)(`${title}: a killed Prometheus`, () => {
  it('gives an unreachable error, not a query error', async () => {
    const own = await startPrometheus();
    await expect(queryPrometheus({ url: own.url, query: 'vector(1)', vars: { version: '1', environment: 'e' } })).resolves.toMatchObject({
      value: 1,
    });
    await own.stop();
    const err = await queryPrometheus({ url: own.url, query: 'vector(1)', vars: { version: '1', environment: 'e' } }).catch(
      (e: Error) => e,
    );
    expect(err).toMatchObject({ kind: 'unreachable' });
    expect((err as Error).message).toBe(`Prometheus at ${own.url} is unreachable: ECONNREFUSED`);
  });
});
