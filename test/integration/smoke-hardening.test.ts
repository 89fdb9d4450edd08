// The smoke bundle against hostile or surprising answers: JSON keys that name Object's own
// properties, redirects to another origin, and what a dry run reports.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/run-action.js';

interface Origin {
  server: Server;
  url: string;
  seen: { path: string; headers: IncomingHttpHeaders }[];
}

/** A server on 127.0.0.1: `/json?body=...` answers that body as JSON; `/to?url=...` redirects there. */
async function startOrigin(): Promise<Origin> {
  const seen: Origin['seen'] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    seen.push({ path: url.pathname, headers: req.headers });
    if (url.pathname === '/to') {
      res.writeHead(302, { location: url.searchParams.get('url') ?? '/' }).end();
      return;
    }
    const body = url.searchParams.get('body') ?? '{"status":"ok"}';
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const fast = { attempts: '1', timeout: '2s' };

describe('smoke: expect.json reads only the keys a body has', () => {
  let origin: Origin;
  beforeAll(async () => {
    origin = await startOrigin();
  });
  afterAll(() => new Promise<void>((resolve) => origin.server.close(() => resolve())));

  it.each([
    ['__proto__', '{"__proto__": {}}'],
    ['constructor', '{"constructor": {}}'],
    ['toString', '{"toString": {}}'],
  ])('%s: fails on a body without that key', async (_name, json) => {
    const checks = JSON.stringify([{ name: 'proto', path: '/json', expect: { json: JSON.parse(json) } }]);
    const run = await runAction('smoke', { inputs: { url: origin.url, checks, ...fast } });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'fail', passed: '0', failed: '1' });
    expect(run.summary).toMatch(/json .* is missing/);
  });

  it('passes when the body has the key as its own', async () => {
    const body = encodeURIComponent('{"__proto__": {"ready": true}, "constructor": "yes"}');
    const checks = JSON.stringify([
      { name: 'own', path: `/json?body=${body}`, expect: { json: { '__proto__.ready': true, constructor: 'yes' } } },
    ]);
    const run = await runAction('smoke', { inputs: { url: origin.url, checks, ...fast } });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.result).toBe('pass');
  });
});

describe('smoke: headers on redirects', () => {
  let first: Origin;
  let other: Origin;
  beforeAll(async () => {
    [first, other] = await Promise.all([startOrigin(), startOrigin()]);
  });
  beforeEach(() => {
    first.seen.length = 0;
    other.seen.length = 0;
  });
  afterAll(() => Promise.all([first, other].map((o) => new Promise<void>((resolve) => o.server.close(() => resolve())))));

  const headers = { 'x-api-key': 'k-1234-secret', cookie: 'session=abc', accept: 'application/json' };

  it('keeps only safe headers (and no credentials) on a redirect to another origin', async () => {
    const base = first.url.replace('http://', 'http://deploy:s3cr3t@');
    const checks = JSON.stringify([{ name: 'away', path: `/to?url=${encodeURIComponent(`${other.url}/json`)}`, headers }]);
    const run = await runAction('smoke', { inputs: { url: base, checks, ...fast } });
    expect(run.code, run.stdout).toBe(0);
    expect(first.seen[0]!.headers).toMatchObject({
      'x-api-key': 'k-1234-secret',
      cookie: 'session=abc',
      authorization: expect.stringMatching(/^Basic /),
    });
    const away = other.seen[0]!.headers;
    expect(other.seen.map((s) => s.path)).toEqual(['/json']);
    expect(away['x-api-key']).toBeUndefined();
    expect(away.cookie).toBeUndefined();
    expect(away.authorization).toBeUndefined();
    expect(away).toMatchObject({ accept: 'application/json', 'user-agent': 'shipline-smoke' });
  });

  it('keeps every header on a redirect within the same origin', async () => {
    const checks = JSON.stringify([{ name: 'here', path: `/to?url=${encodeURIComponent('/json')}`, headers }]);
    const run = await runAction('smoke', { inputs: { url: first.url, checks, ...fast } });
    expect(run.code, run.stdout).toBe(0);
    expect(first.seen.map((s) => s.path)).toEqual(['/to', '/json']);
    expect(first.seen[1]!.headers).toMatchObject({ 'x-api-key': 'k-1234-secret', cookie: 'session=abc', accept: 'application/json' });
  });
});

describe('smoke: dry-run', () => {
  it('outputs result dry-run, as the other actions do, and sends nothing', async () => {
    const origin = await startOrigin();
    try {
      const run = await runAction('smoke', { inputs: { url: origin.url, checks: '[{path: /json}]', 'dry-run': 'true' } });
      expect(run.code).toBe(0);
      expect(run.outputs).toMatchObject({ result: 'dry-run', passed: '0', failed: '0' });
      expect(origin.seen).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => origin.server.close(() => resolve()));
    }
  });
});
