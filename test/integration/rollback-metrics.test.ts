import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/run-action.js';

/**
 * A loopback stand-in for Prometheus's query API and the service itself: health always passes,
 * p95 is 120 ms, and the error rate follows `errorRates` (one value per query, the last repeating).
 */
let server: Server;
let base: string;
let errorRates: number[] = [];
const queries: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.url === '/api/v1/query') {
        const query = new URLSearchParams(body).get('query') ?? '';
        queries.push(query);
        res.setHeader('content-type', 'application/json');
        if (query.startsWith('nonsense')) {
          res
            .writeHead(400)
            .end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error at char 9: unexpected end of input' }));
          return;
        }
        if (query.startsWith('empty')) {
          res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }));
          return;
        }
        const value = query.includes('histogram_quantile') ? 0.12 : errorRates.length > 1 ? errorRates.shift()! : (errorRates[0] ?? 0);
        res.end(
          JSON.stringify({
            status: 'success',
            data: { resultType: 'vector', result: [{ metric: {}, value: [Date.now() / 1000, String(value)] }] },
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

describe('rollback verify mode with Prometheus metrics (command driver, ledger records)', () => {
  let workspace: string;
  let marker: string;
  const common = () => ({ 'state-dir': join(workspace, 'state'), url: base });
  const run = (bundle: string, inputs: Record<string, string>) =>
    runAction(bundle, { inputs: { ...common(), ...inputs }, cwd: workspace, env: { SHIPLINE_PRINT_SUMMARY: 'false' } });

  beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'shipline-rb-metrics-'));
    marker = join(workspace, 'rolled-back-to');
    for (const version of ['1.0.0', '2.0.0']) {
      const d = await run('deploy', { environment: 'production', version, 'deploy-command': 'true' });
      expect(d.code, d.stdout).toBe(0);
    }
  });

  it('a query Prometheus rejects fails before the watch, nothing written', async () => {
    const r = await run('rollback', {
      environment: 'production',
      bake: '10s',
      'check-interval': '100ms',
      'prometheus-url': base,
      'error-rate-query': 'nonsense(',
      'rollback-command': `echo "$SHIPLINE_VERSION" > "${marker}"`,
    });
    expect(r.code).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/^::error::Input "prometheus-url" or a query: Prometheus rejected the query: parse error at char 9/);
    expect(r.outputs.result).toBe('failure');
    const ledger = JSON.parse(readFileSync(join(workspace, 'state', 'deployments.json'), 'utf8')) as { deployments: unknown[] };
    expect(ledger.deployments).toHaveLength(2);
  });

  it('never rolls back on missing data alone, and says so loudly', async () => {
    const r = await run('rollback', {
      environment: 'production',
      bake: '1s',
      'check-interval': '200ms',
      'prometheus-url': base,
      'error-rate-query': 'empty_rate{version="{{version}}"}',
      'rollback-command': `echo "$SHIPLINE_VERSION" > "${marker}-nodata"`,
    });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ result: 'healthy', trigger: '' });
    expect(r.stdout).toMatch(/::warning::No data for error-rate in production.*never rolls back on missing data alone/);
    expect(r.stdout).toMatch(/::warning::error-rate had no data in (\d+) of \1 samples\. \S+ is not proven healthy on those signals\./);
    expect(r.summary).toMatch(/⚠️ error-rate had no data in \d+ of \d+ samples\./);
    expect(r.summary).toMatch(/no trigger fired in 1s, but error-rate had no data/);
  });

  it('the error rate above 5% three samples in a row fires and rolls back; a blip does not', async () => {
    queries.length = 0;
    // validation query, then: one blip, five passes (the blip leaves the window of 2 x 3), then bad for good
    errorRates = [0, 0.2, 0.01, 0.01, 0.01, 0.01, 0.01, 0.09, 0.3, 0.07];
    const r = await run('rollback', {
      environment: 'production',
      bake: '5m',
      'check-interval': '100ms',
      'prometheus-url': base,
      'rollback-command': `echo "$SHIPLINE_VERSION" > "${marker}"`,
    });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ result: 'success', trigger: 'error-rate', version: '1.0.0', 'from-version': '2.0.0' });
    expect(readFileSync(marker, 'utf8')).toBe('1.0.0\n');
    expect(r.summary).toContain('error rate above 5% 3 times in a row (last: 7%)');
    // validation of both queries, then error rate + p95 in each of the 9 samples
    expect(queries.filter((q) => q.includes('http_requests_total'))).toHaveLength(10);
    expect(queries[0]).toContain('version="2.0.0"');
  });

  it('a deploy that failed fires deploy-failed at once, without watching or a URL', async () => {
    const failed = await run('deploy', { environment: 'staging', version: '0.9.0', 'deploy-command': 'true' });
    expect(failed.code, failed.stdout).toBe(0);
    const broken = await runAction('deploy', {
      inputs: { 'state-dir': join(workspace, 'state'), environment: 'staging', version: '1.0.0', 'deploy-command': 'exit 3' },
      cwd: workspace,
    });
    expect(broken.code).toBe(1);
    queries.length = 0;
    const r = await runAction('rollback', {
      inputs: {
        'state-dir': join(workspace, 'state'),
        environment: 'staging',
        bake: '5m',
        'prometheus-url': base,
        'deploy-command': `echo "$SHIPLINE_VERSION" > "${marker}"`,
      },
      cwd: workspace,
      env: { SHIPLINE_PRINT_SUMMARY: 'false' },
    });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ result: 'success', trigger: 'deploy-failed', version: '0.9.0', 'from-version': '1.0.0' });
    expect(readFileSync(marker, 'utf8')).toBe('0.9.0\n');
    expect(queries).toEqual([]);
  });
});
