import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksSchema, type Check } from '../../src/checks/schema.js';
import { MAX_BODY_BYTES } from '../../src/checks/evaluate.js';
import { sendCheck } from '../../src/checks/request.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture.js';
import { startHugeBodyServer, type HugeBodyServer } from '../helpers/huge-body-server.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

const check = (c: unknown): Check => checksSchema.parse([c])[0]!;
const opts = { timeoutMs: 2_000, followRedirects: true };

describe('sendCheck over node:http', () => {
  it('reads status, headers and the whole body, and times it', async () => {
    const got = await sendCheck(check({ path: '/health' }), { url: `${server.url}/health` }, opts);
    expect(got.status).toBe(200);
    expect(got.headers['x-app-version']).toBe('1.2.3');
    expect(JSON.parse(got.body)).toMatchObject({ status: 'ok' });
    expect(got.latencyMs).toBeGreaterThan(0);
  });
  it('follows redirects, or not', async () => {
    expect((await sendCheck(check({ path: '/redirect' }), { url: `${server.url}/redirect` }, opts)).status).toBe(200);
    const manual = await sendCheck(check({ path: '/redirect' }), { url: `${server.url}/redirect` }, { ...opts, followRedirects: false });
    expect(manual.status).toBe(302);
    expect(manual.headers.location).toBe('/healthy');
  });
  it('sends the body as JSON with its length and the basic auth header', async () => {
    const got = await sendCheck(check({ path: '/echo', method: 'POST', body: { a: 1 } }), { url: `${server.url}/echo` }, opts);
    expect(JSON.parse(got.body)).toEqual({ method: 'POST', body: '{"a":1}', contentType: 'application/json' });
    const auth = `Basic ${Buffer.from('deploy:s3cr3t-pa55').toString('base64')}`;
    expect((await sendCheck(check({ path: '/auth' }), { url: `${server.url}/auth`, authorization: auth }, opts)).status).toBe(200);
  });
  it('names a timeout and a dropped connection', async () => {
    await expect(
      sendCheck(check({ path: '/slow?ms=1000' }), { url: `${server.url}/slow?ms=1000` }, { ...opts, timeoutMs: 100 }),
    ).rejects.toThrow('no answer within 100ms');
    await expect(sendCheck(check({ path: '/down' }), { url: `${server.url}/down` }, opts)).rejects.toThrow(
      /request failed: ECONNRESET|socket hang up/,
    );
  });
  it('reports a refused connection', async () => {
    await expect(sendCheck(check({ path: '/' }), { url: 'http://127.0.0.1:9/' }, opts)).rejects.toThrow('request failed: ECONNREFUSED');
  });
});

describe('a body larger than the cap', () => {
  const MiB = 1024 * 1024;
  let huge: HugeBodyServer;
  beforeAll(async () => {
    huge = await startHugeBodyServer(MAX_BODY_BYTES + 60 * MiB);
  });
  afterAll(() => huge.close());

  it('is read only up to the cap; the connection is closed long before the rest is sent', async () => {
    const got = await sendCheck(check({ path: '/text' }), { url: `${huge.url}/text` }, opts);
    expect(got.status).toBe(200);
    expect(got.truncated).toBe(true);
    expect(Buffer.byteLength(got.body)).toBe(MAX_BODY_BYTES);
    expect(got.body.startsWith('huge-body-start\n')).toBe(true);
    await huge.settled();
    const [stats] = huge.stats;
    expect(stats).toMatchObject({ closedEarly: true, finished: false });
    // What sits in the kernel's socket buffers may have been sent too, but not the 60 MiB after the cap.
    expect(stats!.sent).toBeLessThan(MAX_BODY_BYTES + 30 * MiB);
  });

  it('a body that fits is read whole and not marked truncated', async () => {
    const got = await sendCheck(check({ path: '/health' }), { url: `${server.url}/health` }, opts);
    expect(got.truncated).toBeUndefined();
  });
});
