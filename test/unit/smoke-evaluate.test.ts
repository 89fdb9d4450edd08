import { describe, expect, it } from 'vitest';
import { checksSchema, type Check } from '../../src/checks/schema.js';
import { evaluate, MAX_BODY_BYTES, readJsonPath, statusMatches } from '../../src/checks/evaluate.js';
import { backoff, runCheck } from '../../src/checks/runner.js';
import { checkUrl } from '../../src/checks/request.js';

const check = (yaml: unknown): Check => checksSchema.parse([yaml])[0]!;
const got = (over: Partial<{ status: number; headers: Record<string, string>; body: string; latencyMs: number }> = {}) => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: '{"status":"ok","items":[{"id":7}],"n":3}',
  latencyMs: 12,
  ...over,
});

describe('statusMatches', () => {
  it.each([
    [200, undefined, true],
    [204, undefined, true],
    [301, undefined, false],
    [503, ['5xx'], true],
    [404, [404], true],
    [404, [200, '3xx'], false],
    [302, [200, '3xx'], true],
  ] as const)('%d against %j -> %s', (status, accepted, want) => expect(statusMatches(status, accepted as never)).toBe(want));
});

describe('readJsonPath', () => {
  const data = { a: { b: [{ c: 1 }, { c: null }] } };
  it.each([
    ['a.b[0].c', true, 1],
    ['a.b.1.c', true, null],
    ['a.x', false, undefined],
    ['a.b[5].c', false, undefined],
  ])('%s', (path, found, value) => expect(readJsonPath(data, path)).toEqual(found ? { found, value } : { found }));
});

describe('evaluate', () => {
  const table: [string, unknown, ReturnType<typeof got>, string[]][] = [
    ['default expects 2xx', { path: '/' }, got(), []],
    ['default fails on 503', { path: '/' }, got({ status: 503 }), ['status 503, expected 2xx']],
    ['status list', { path: '/', expect: { status: [200, 204] } }, got({ status: 204 }), []],
    ['status list as text', { path: '/', expect: { status: '200, 3xx' } }, got({ status: 302 }), []],
    ['body-contains', { path: '/', expect: { 'body-contains': ['ok', 'missing'] } }, got(), ['body does not contain "missing"']],
    ['json path equal', { path: '/', expect: { json: { status: 'ok', 'items[0].id': 7, n: 3 } } }, got(), []],
    ['json path differs', { path: '/', expect: { json: { n: 4 } } }, got(), ['json n is 3, expected 4']],
    ['json path missing', { path: '/', expect: { json: { 'x.y': 1 } } }, got(), ['json x.y is missing']],
    ['json on html', { path: '/', expect: { json: { a: 1 } } }, got({ body: '<html>' }), ['body is not JSON']],
    ['header exact, case-insensitive name', { path: '/', expect: { headers: { 'Content-Type': 'application/json' } } }, got(), []],
    ['header regex', { path: '/', expect: { headers: { 'content-type': '/json$/' } } }, got(), []],
    ['header missing', { path: '/', expect: { headers: { 'x-version': '1' } } }, got(), ['header x-version is missing']],
    ['max-latency', { path: '/', expect: { 'max-latency': '10ms' } }, got({ latencyMs: 25 }), ['latency 25ms over 10ms']],
    [
      'several reasons',
      { path: '/', expect: { status: 201, 'body-contains': 'zzz' } },
      got(),
      ['status 200, expected 201', 'body does not contain "zzz"'],
    ],
  ];
  it.each(table)('%s', (_n, c, response, reasons) => {
    const result = evaluate(check(c), response);
    expect(result.reasons).toEqual(reasons);
    expect(result.ok).toBe(reasons.length === 0);
  });
});

describe('check urls', () => {
  it('joins paths to the base, keeping its path and the query', () => {
    expect(checkUrl(check({ path: '/health?deep=1' }), 'http://h:8/app/')).toBe('http://h:8/app/health?deep=1');
    expect(checkUrl(check({ url: 'https://other/x' }), 'http://h')).toBe('https://other/x');
  });
});

describe('retries', () => {
  it('backs off by doubling, capped', () => {
    expect([1, 2, 3, 4].map((n) => backoff(1000, n))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoff(10_000, 10)).toBe(30_000);
  });
  it('retries until pass, with the backoff pauses', async () => {
    const statuses = [503, 404, 200];
    const pauses: number[] = [];
    const result = await runCheck(check({ path: '/' }), {
      baseUrl: 'http://x',
      attempts: 5,
      retryDelayMs: 100,
      timeoutMs: 1000,
      concurrency: 1,
      followRedirects: true,
      send: async () => got({ status: statuses.shift()! }),
      pause: async (ms) => void pauses.push(ms),
    });
    expect(result).toMatchObject({ verdict: 'pass', attempts: 3, status: 200 });
    expect(pauses).toEqual([100, 200]);
  });
  it('fails with the last reason after the attempts', async () => {
    const result = await runCheck(check({ path: '/' }), {
      baseUrl: 'http://x',
      attempts: 2,
      retryDelayMs: 1,
      timeoutMs: 1000,
      concurrency: 1,
      followRedirects: true,
      send: async () => {
        throw new Error('request failed: ECONNREFUSED');
      },
      pause: async () => undefined,
    });
    expect(result).toMatchObject({ verdict: 'fail', attempts: 2, reason: 'request failed: ECONNREFUSED' });
  });
});

describe('evaluate on a body cut at the cap', () => {
  const prefix = '{"status":"ok","items":["xxxxxxxx';
  it('judges body-contains on the part that was read', () => {
    expect(
      evaluate(check({ path: '/', expect: { 'body-contains': '"status":"ok"' } }), { ...got({ body: prefix }), truncated: true }),
    ).toEqual({ ok: true, reasons: [] });
    expect(evaluate(check({ path: '/', expect: { 'body-contains': 'the end' } }), { ...got({ body: prefix }), truncated: true })).toEqual({
      ok: false,
      reasons: ['body does not contain "the end" in its first 4 MiB (the rest is not read)'],
    });
  });
  it('fails a json expectation with the reason, instead of calling the body not JSON', () => {
    expect(evaluate(check({ path: '/', expect: { json: { status: 'ok' } } }), { ...got({ body: prefix }), truncated: true })).toEqual({
      ok: false,
      reasons: ['body is larger than 4 MiB, the most smoke reads: not judged as JSON'],
    });
  });
  it('MAX_BODY_BYTES is the 4 MiB the reasons name', () => {
    expect(MAX_BODY_BYTES).toBe(4 * 1024 * 1024);
  });
});
