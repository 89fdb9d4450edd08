import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture.js';
import { runAction } from '../helpers/run-action.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const fast = { attempts: '3', 'retry-delay': '20ms', timeout: '2s' };

describe('smoke bundle against a real HTTP service', () => {
  it('passes healthy checks and writes outputs, JUnit and summary', async () => {
    const checks = JSON.stringify([
      {
        name: 'health',
        path: '/health',
        expect: { status: 200, json: { status: 'ok', 'checks.db': 'up' }, headers: { 'x-app-version': '1.2.3' } },
      },
      { name: 'home redirect', path: '/redirect', expect: { 'body-contains': 'ok' } },
      {
        name: 'echo post',
        path: '/echo',
        method: 'POST',
        body: { a: 1 },
        expect: { json: { method: 'POST', contentType: 'application/json' } },
      },
    ]);
    const run = await runAction('smoke', { inputs: { url: server.url, checks, ...fast } });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'pass', passed: '3', failed: '0' });
    const junit = readFileSync(run.outputs.report!, 'utf8');
    expect(junit).toContain('tests="3" failures="0"');
    expect(junit).toContain('name="home redirect"');
    expect(run.summary).toContain('All 3 smoke checks passed');
    expect(run.summary).toMatch(/\| health \| ✅ pass \| 200 \|/);
    const json = JSON.parse(readFileSync(run.outputs.report!.replace(/\.xml$/, '.json'), 'utf8'));
    expect(json.checks).toHaveLength(3);
    expect(server.requests.map((r) => r.path)).toEqual(expect.arrayContaining(['/health', '/redirect', '/healthy', '/echo']));
  });

  it('retries a flaky endpoint (404 like 503) until it recovers', async () => {
    const checks = `- name: warming up\n  path: /flaky/a?fail=2&code=404\n`;
    const run = await runAction('smoke', { inputs: { url: server.url, checks, ...fast } });
    expect(run.code, run.stdout).toBe(0);
    expect(server.requests.filter((r) => r.path.startsWith('/flaky/a'))).toHaveLength(3);
    expect(run.summary).toMatch(/\| warming up \| ✅ pass \| 200 \| \d+ ms \| 3 \|/);
  });

  it('fails with outputs set, a failing JUnit case and the reasons in the summary', async () => {
    const checks = JSON.stringify([
      { name: 'health', path: '/health' },
      { name: 'maintenance page', path: '/wrong-body', expect: { 'body-contains': 'Welcome' } },
      { name: 'down', path: '/down' },
      { name: 'slow', path: '/slow?ms=300', expect: { 'max-latency': '100ms' } },
      { name: 'still failing', path: '/flaky/b?fail=10' },
    ]);
    const run = await runAction('smoke', { inputs: { url: server.url, checks, attempts: '2', 'retry-delay': '10ms', timeout: '2s' } });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'fail', passed: '1', failed: '4' });
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain('maintenance page');
    const junit = readFileSync(run.outputs.report!, 'utf8');
    expect(junit).toContain('failures="4"');
    expect(junit).toContain('body does not contain &quot;Welcome&quot;');
    expect(run.summary).toContain('4 of 5 smoke checks failed');
    expect(run.summary).toContain('latency');
    expect(run.summary).toMatch(/\| still failing \| ❌ fail \| 503 \|/);
    expect(server.requests.filter((r) => r.path === '/down')).toHaveLength(2);
  });

  it('times out a request that takes longer than timeout', async () => {
    const run = await runAction('smoke', {
      inputs: { url: server.url, checks: '[{path: "/slow?ms=1500"}]', attempts: '1', timeout: '200ms' },
    });
    expect(run.code).toBe(1);
    expect(run.summary).toContain('no answer within 200ms');
  });

  it('does not follow redirects when follow-redirects is false', async () => {
    const run = await runAction('smoke', {
      inputs: {
        url: server.url,
        checks: '[{path: /redirect, expect: {status: 3xx, headers: {location: /healthy}}}]',
        'follow-redirects': 'false',
        ...fast,
      },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(server.requests.map((r) => r.path)).toEqual(['/redirect']);
  });

  it('sends URL credentials as basic auth and never prints them', async () => {
    const authed = server.url.replace('http://', 'http://deploy:s3cr3t-pa55@');
    const run = await runAction('smoke', { inputs: { url: authed, checks: '[{path: /auth}]', ...fast } });
    expect(run.code, run.stdout).toBe(0);
    const printed = run.stdout + run.stderr + run.summary + JSON.stringify(run.outputs) + readFileSync(run.outputs.report!, 'utf8');
    expect(printed.replace(/::add-mask::.*\n/g, '')).not.toContain('s3cr3t-pa55');
    expect(run.stdout).toContain('::add-mask::s3cr3t-pa55');
  });

  it('reads checks from a file and runs through the root action', async () => {
    const dir = (await runAction('smoke', { inputs: { 'dry-run': 'true', url: server.url } })).dir;
    const file = join(dir, 'checks.yml');
    (await import('node:fs')).writeFileSync(file, 'checks:\n  - name: from file\n    path: /health\n    expect: {status: [200, 204]}\n');
    const run = await runAction('shipline', { inputs: { command: 'smoke', url: server.url, checks: file, ...fast } });
    expect(run.code, run.stdout).toBe(0);
    expect(run.summary).toContain('from file');
  });

  it('plans without sending a request on dry-run', async () => {
    const run = await runAction('smoke', { inputs: { url: server.url, checks: '[{path: /health}, {path: /x}]', 'dry-run': 'true' } });
    expect(run.code).toBe(0);
    expect(run.summary).toContain('Dry run: 2 checks planned');
    expect(server.requests).toHaveLength(0);
  });

  it('takes settings from the config file for the environment, inputs winning', async () => {
    const dir = (await runAction('smoke', { inputs: { 'dry-run': 'true', url: server.url } })).dir;
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(join(dir, '.github'));
    writeFileSync(
      join(dir, '.github', 'shipline.yml'),
      `environments:\n  staging:\n    smoke:\n      url: ${server.url}\n      checks: [{name: cfg, path: /flaky/cfg?fail=1}]\n      attempts: 1\n`,
    );
    const failing = await runAction('smoke', { cwd: dir, inputs: { environment: 'staging', 'retry-delay': '10ms' } });
    expect(failing.outputs.result).toBe('fail');
    const passing = await runAction('smoke', { cwd: dir, inputs: { environment: 'staging', attempts: '2', 'retry-delay': '10ms' } });
    expect(passing.outputs.result).toBe('pass');
  });

  it('escapes outside text in the summary', async () => {
    const run = await runAction('smoke', {
      inputs: {
        url: server.url,
        checks: '[{name: "<img src=x> | pipe", path: /wrong-body, expect: {body-contains: "<script>"}}]',
        attempts: '1',
      },
    });
    expect(run.code).toBe(1);
    expect(run.summary).not.toContain('<img');
    expect(run.summary).not.toContain('<script>');
    expect(run.summary).toContain('&lt;img src=x&gt; &#124; pipe');
  });
});

describe('smoke bad input: one ::error:: naming the input, no request sent', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['malformed YAML', { checks: '- path: /health\n  expect: {status: [200' }, /Input "checks": .*not valid YAML or JSON/],
    ['check without path or url', { checks: '[{name: nothing}]' }, /Input "checks" at \[0\]: a check needs exactly one of path or url/],
    ['negative attempts', { attempts: '-1' }, /Input "attempts": "-1" is out of range\. Accepted: a whole number from 1 to 100/],
    ['timeout: soon', { timeout: 'soon' }, /Input "timeout": "soon" is not a duration\. Accepted: a number followed by ms, s, m or h/],
    ['concurrency: 0', { concurrency: '0' }, /Input "concurrency": "0" is out of range/],
    ['unknown expect key', { checks: '[{path: /health, expect: {stauts: 200}}]' }, /Input "checks" at \[0\]\.expect: .*stauts/],
    [
      'non-http url',
      { url: 'ftp://127.0.0.1/' },
      /Input "url": the scheme "ftp:" is not accepted\. Accepted: an absolute http or https URL/,
    ],
    ['non-http check url', { checks: '[{url: "file:///etc/passwd"}]' }, /Input "checks" at \[0\]\.url: must be an http or https URL/],
    ['boolean yes', { 'follow-redirects': 'yes' }, /Input "follow-redirects": "yes" is not a boolean\. Accepted: true or false/],
    ['bad status class', { checks: '[{path: /, expect: {status: 7xx}}]' }, /Input "checks" at \[0\]\.expect\.status/],
  ];
  it.each(cases)('%s', async (_name, inputs, message) => {
    const run = await runAction('smoke', { inputs: { url: server.url, ...inputs } });
    expect(run.code).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(message);
    expect(server.requests).toHaveLength(0);
    expect(run.outputs).toEqual({});
  });
});
