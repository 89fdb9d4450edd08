import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture.js';
import { prometheusBinary, usePrometheus, type PrometheusServer } from '../helpers/prometheus.js';
import { findBinary, waitFor } from '../helpers/real-server.js';
import { ROOT } from '../helpers/run-action.js';

const promtool = findBinary('promtool');

let server: FixtureServer;
let dir: string;
beforeAll(async () => {
  server = await startFixtureServer();
  dir = mkdtempSync(join(tmpdir(), 'health-'));
});
afterAll(() => server.close());

const checksFile = (name: string, yaml: string) => {
  const file = join(dir, name);
  writeFileSync(file, yaml);
  return file;
};

interface Running {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  done: Promise<number | null>;
}

/** `npx shipline health ...` the way a user starts it: the bin script, which starts the bundle. */
function health(args: string[]): Running {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'shipline.js'), 'health', ...args], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, done };
}

async function once(args: string[]) {
  const run = health(args);
  const status = await run.done;
  return { status, stdout: run.stdout(), stderr: run.stderr() };
}

describe('npx shipline health: one round', () => {
  it('exits 0 when every check passes, with a text line per check and no credentials printed', async () => {
    const url = server.url.replace('http://', 'http://deploy:s3cr3t-pa55@');
    const checks = checksFile('ok.yml', '- name: auth\n  path: /auth\n- name: health\n  path: /health\n  expect: {json: {status: ok}}\n');
    const run = await once(['--url', url, '--checks', checks]);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+Z healthy: 2 of 2 check\(s\) passed$/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^ {2}ok {3}auth \(GET http:\/\/127\.0\.0\.1:\d+\/auth\) status 200 in \d+ms$/),
      expect.stringMatching(/^ {2}ok {3}health \(GET http:\/\/127\.0\.0\.1:\d+\/health\) status 200 in \d+ms$/),
    ]);
    expect(run.stdout + run.stderr).not.toContain('s3cr3t');
    expect(run.stdout + run.stderr).not.toContain(Buffer.from('deploy:s3cr3t-pa55').toString('base64'));
  });

  it('uses the smoke default check (GET / answering 2xx) without --checks', async () => {
    const before = server.requests.length;
    const run = await once(['--url', server.url, '--format', 'json']);
    // The fixture answers 404 at /: the default check expects 2xx.
    expect(run.status, run.stderr).toBe(1);
    expect(server.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /']);
    expect(JSON.parse(run.stdout).checks).toEqual([
      expect.objectContaining({ name: 'GET /', status: 404, ok: false, reason: 'status 404, expected 2xx' }),
    ]);
  });

  it('exits 1 when a check fails; json gives one document with every check', async () => {
    const checks = checksFile(
      'mixed.yml',
      '- name: health\n  path: /health\n- name: broken\n  path: /status/503\n- name: down\n  path: /down\n',
    );
    const run = await once(['--url', server.url, '--checks', checks, '--format', 'json']);
    expect(run.status, run.stderr).toBe(1);
    const docs = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ healthy: false });
    expect(Date.parse(docs[0].time)).not.toBeNaN();
    const byName = Object.fromEntries(docs[0].checks.map((c: { name: string }) => [c.name, c]));
    expect(byName.health).toMatchObject({ method: 'GET', url: `${server.url}/health`, status: 200, ok: true, reason: null });
    expect(byName.health.latency_seconds).toBeGreaterThan(0);
    expect(byName.broken).toMatchObject({ status: 503, ok: false, reason: expect.stringContaining('503') });
    expect(byName.down).toMatchObject({ status: null, latency_seconds: null, ok: false, reason: expect.any(String) });
  });

  it.skipIf(!promtool)('prometheus output passes promtool check metrics', async () => {
    const checks = checksFile('prom.yml', '- name: health\n  path: /health\n- name: \'say "hi" \\ there\'\n  path: /status/500\n');
    const run = await once(['--url', server.url, '--checks', checks, '--format', 'prometheus']);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toContain('shipline_check_up{check="health"} 1\n');
    expect(run.stdout).toContain('shipline_check_up{check="say \\"hi\\" \\\\ there"} 0\n');
    const lint = spawn(promtool!, ['check', 'metrics']);
    let out = '';
    lint.stdout.on('data', (d: Buffer) => (out += d));
    lint.stderr.on('data', (d: Buffer) => (out += d));
    lint.stdin.end(run.stdout);
    const code = await new Promise((resolve) => lint.on('close', resolve));
    expect({ code, out: out.trim() }).toEqual({ code: 0, out: '' });
  });
});

describe('npx shipline health: bad input runs nothing and exits 2', () => {
  it.each([
    [['--format', 'json'], /--url is required\. Accepted: an absolute http or https URL/],
    [['--url', 'URL', '--format', 'xml'], /--format "xml" is not a format\. Accepted: one of text, json, prometheus\./],
    [['--url', 'URL', '--continuous', '--interval', '0s'], /--interval "0s" is out of range\. Accepted: a duration from 1s to 24h/],
    [
      ['--url', 'URL', '--checks', '/nonexistent/health.yml'],
      /--checks file "\/nonexistent\/health\.yml" does not exist\. Accepted: a path to a readable file/,
    ],
  ])('%j', async (args, message) => {
    const before = server.requests.length;
    const run = await once(args.map((a) => (a === 'URL' ? server.url : a)));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^shipline health: ${message.source}`));
    expect(run.stderr).toContain('usage: shipline health --url URL');
    expect(run.stdout).toBe('');
    expect(server.requests.length).toBe(before);
  });

  it('--help prints the usage and the exit codes', async () => {
    const run = await once(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^usage: shipline health --url URL/);
    expect(run.stdout).toContain('2 bad input');
  });
});

describe('npx shipline health --continuous', () => {
  it("reports a round per interval and ends on SIGINT with the last round's exit code", async () => {
    // Fails the first round, passes from the second on: the exit code is the last round's.
    const checks = checksFile('recovering.yml', '- name: recovering\n  path: /flaky/continuous?fail=1\n');
    const run = health(['--url', server.url, '--checks', checks, '--format', 'json', '--continuous', '--interval', '1s']);
    const rounds = () =>
      run
        .stdout()
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as { healthy: boolean; time: string });
    await waitFor('three rounds', async () => rounds().length >= 3, { attempts: 300, intervalMs: 50 });
    run.child.kill('SIGINT');
    expect(await run.done, run.stderr()).toBe(0);
    const seen = rounds();
    expect(seen[0]!.healthy).toBe(false);
    expect(seen.slice(1).every((r) => r.healthy)).toBe(true);
    // One round a second, not back to back.
    expect(Date.parse(seen[2]!.time) - Date.parse(seen[1]!.time)).toBeGreaterThanOrEqual(900);
  });

  it('ends on SIGTERM with 1 when the last round was unhealthy', async () => {
    const run = health([
      '--url',
      server.url,
      '--checks',
      checksFile('failing.yml', '- path: /status/503\n'),
      '--continuous',
      '--interval',
      '1s',
    ]);
    await waitFor('two rounds', async () => (run.stdout().match(/unhealthy/g) ?? []).length >= 2, { attempts: 300, intervalMs: 50 });
    run.child.kill('SIGTERM');
    expect(await run.done).toBe(1);
    expect(run.stdout()).not.toMatch(/ healthy:/);
  });
});

describe.skipIf(!prometheusBinary)('a real Prometheus scrapes a --continuous prometheus run', () => {
  let prometheus: PrometheusServer;
  let exporter: Server;
  let run: Running;
  beforeAll(async () => {
    prometheus = await usePrometheus();
  });
  afterAll(async () => {
    prometheus?.removeTarget('shipline-health');
    run?.child.kill('SIGINT');
    await run?.done;
    await new Promise((resolve) => exporter?.close(resolve));
    await prometheus?.stop();
  });

  it('reads shipline_check_up 1 for the healthy check and 0 for the failing one', async () => {
    const checks = checksFile('scraped.yml', '- name: api\n  path: /health\n- name: payments\n  path: /status/502\n');
    run = health(['--url', server.url, '--checks', checks, '--format', 'prometheus', '--continuous', '--interval', '1s']);
    // Serves the latest complete round (rounds end with an empty line), as a textfile exporter would.
    exporter = createServer((req, res) => {
      const rounds = run.stdout().split('\n\n');
      const latest = rounds.length >= 2 ? `${rounds.at(-2)}\n` : '';
      res.writeHead(latest ? 200 : 503, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(latest);
    });
    await new Promise<void>((resolve) => exporter.listen(0, '127.0.0.1', resolve));
    const port = (exporter.address() as AddressInfo).port;
    await waitFor('the first round', async () => run.stdout().includes('\n\n'), { attempts: 300, intervalMs: 50 });
    await prometheus.addTarget('shipline-health', `http://127.0.0.1:${port}/metrics`);

    const values = async (metric: string) => {
      const data = await prometheus.query(`${metric}{job="shipline-health"}`);
      const result = data.result as { metric: Record<string, string>; value: [number, string] }[];
      return Object.fromEntries(result.map((r) => [r.metric.check ?? '', Number(r.value[1])]));
    };
    await waitFor('shipline_check_up for both checks', async () => Object.keys(await values('shipline_check_up')).length === 2, {
      attempts: 100,
      intervalMs: 100,
    });
    expect(await values('shipline_check_up')).toEqual({ api: 1, payments: 0 });
    expect(await values('shipline_health_up')).toEqual({ '': 0 });
    const latency = await values('shipline_check_latency_seconds');
    expect(latency.api).toBeGreaterThan(0);
    expect(latency.api).toBeLessThan(10);
  });
});
