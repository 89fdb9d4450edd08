import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForHealthy } from '../../src/drivers/local/health.js';
import { request } from '../../src/drivers/local/http-client.js';
import { freePort } from '../../src/drivers/local/processes.js';

const SERVER = path.resolve(import.meta.dirname, '../../examples/app/server.js');
const running: ChildProcess[] = [];

async function startApp(env: Record<string, string>): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port), ...env },
    stdio: 'ignore',
  });
  running.push(child);
  const exited = new Promise<string>((resolve) => child.once('exit', (code) => resolve(`exited with ${code}`)));
  const base = `http://127.0.0.1:${port}`;
  const health = await waitForHealthy(`${base}/metrics`, { timeoutMs: 15_000, exited });
  expect(health.healthy).toBe(true);
  return base;
}

/** `name{labels} value` lines of the Prometheus text, as a map. */
function samples(text: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (match) map.set(match[1]!, Number(match[2]));
  }
  return map;
}

afterAll(async () => {
  await Promise.all(
    running.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve(null);
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
});

describe('example app', () => {
  it('answers health, its version and the API, and counts requests in its metrics', async () => {
    const base = await startApp({ SHIPLINE_VERSION: '1.4.2', SHIPLINE_ENVIRONMENT: 'staging' });
    expect(await request(`${base}/health`)).toMatchObject({ status: 200 });
    const root = await request(`${base}/`);
    expect(JSON.parse(root.body)).toEqual({ service: 'shipline-example-app', version: '1.4.2', environment: 'staging' });
    const api = await request(`${base}/api/orders/7`, { method: 'POST', body: 'hello' });
    expect(JSON.parse(api.body)).toEqual({ version: '1.4.2', method: 'POST', path: '/api/orders/7', bytes: 5 });
    expect((await request(`${base}/nowhere`)).status).toBe(404);
    const metrics = samples((await request(`${base}/metrics`)).body);
    expect(metrics.get('http_requests_total{code="200",version="1.4.2"}')).toBe(2);
    expect(metrics.get('http_requests_total{code="404",version="1.4.2"}')).toBe(1);
    expect(metrics.get('http_request_duration_seconds_count{version="1.4.2"}')).toBe(3);
    expect(metrics.get('http_request_duration_seconds_bucket{le="+Inf",version="1.4.2"}')).toBe(3);
    expect(metrics.get('app_info{version="1.4.2"}')).toBe(1);
  });

  it('fails exactly the share of requests APP_ERROR_RATE asks for, spread out', async () => {
    const base = await startApp({ SHIPLINE_VERSION: 'bad', APP_ERROR_RATE: '0.2' });
    const codes: number[] = [];
    for (let i = 0; i < 100; i++) codes.push((await request(`${base}/api/x`)).status);
    expect(codes.filter((c) => c === 500)).toHaveLength(20);
    expect(codes.filter((c) => c === 200)).toHaveLength(80);
    expect(codes.slice(0, 10).filter((c) => c === 500)).toHaveLength(2);
    expect((await request(`${base}/health`)).status).toBe(200);
    const metrics = samples((await request(`${base}/metrics`)).body);
    expect(metrics.get('http_requests_total{code="500",version="bad"}')).toBe(20);
  });

  it('adds APP_LATENCY_MS to every request it measures', async () => {
    const base = await startApp({ SHIPLINE_VERSION: 'slow', APP_LATENCY_MS: '60' });
    for (let i = 0; i < 3; i++) expect((await request(`${base}/`)).status).toBe(200);
    const metrics = samples((await request(`${base}/metrics`)).body);
    expect(metrics.get('http_request_duration_seconds_sum{version="slow"}')).toBeGreaterThanOrEqual(0.18);
    expect(metrics.get('http_request_duration_seconds_bucket{le="0.05",version="slow"}')).toBe(0);
  });

  it('stops working after APP_FAIL_AFTER_MS', async () => {
    const base = await startApp({ SHIPLINE_VERSION: 'dying', APP_FAIL_AFTER_MS: '300' });
    let health = 200;
    for (let i = 0; i < 200 && health === 200; i++) {
      await new Promise((r) => setTimeout(r, 20));
      health = (await request(`${base}/health`)).status;
    }
    expect(health).toBe(503);
    expect((await request(`${base}/`)).status).toBe(503);
    expect((await request(`${base}/api/y`)).status).toBe(503);
  });

  it('escapes label values in its metrics', async () => {
    const base = await startApp({ SHIPLINE_VERSION: 'a"b\\c' });
    const text = (await request(`${base}/metrics`)).body;
    expect(text).toContain('app_info{version="a\\"b\\\\c"} 1');
  });
});
