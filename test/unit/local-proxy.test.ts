import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../../src/drivers/local/http-client.js';
import { startLocalProxy, type RunningProxy } from '../../src/drivers/local/proxy-main.js';
import { createWeightedProxy, type Routes, type WeightedProxy } from '../../src/drivers/local/proxy-server.js';
import { freePort } from '../../src/drivers/local/processes.js';
import { emptyState, readProxyReady, writeState, type EnvironmentState } from '../../src/drivers/local/state.js';

interface Backend {
  server: http.Server;
  port: number;
}

let release: (() => void) | undefined;
let releasedByClient: boolean | undefined;

function backend(name: string): Promise<Backend> {
  const server = http.createServer((req, res) => {
    if (req.url === '/headers') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(req.headers));
    } else if (req.url === '/upload') {
      res.writeHead(201, 'Made', [
        ['x-custom', name],
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
      ]);
      req.pipe(res);
    } else if (req.url === '/teapot') {
      res.writeHead(418, 'I am a teapot', { 'x-from': name }).end('short and stout');
    } else if (req.url === '/stream') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first;');
      const fallback = setTimeout(() => release?.(), 5000);
      release = () => {
        clearTimeout(fallback);
        release = undefined;
        res.end('second');
      };
    } else {
      res.writeHead(200).end(name);
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port })));
}

interface Answer {
  status: number;
  message: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function call(
  port: number,
  pathname: string,
  options: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: pathname, method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            message: res.statusMessage ?? '',
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

async function versions(port: number, count: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < count; i++) seen.push(String((await call(port, '/')).headers['x-shipline-version']));
  return seen;
}

const close = (server: http.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('weighted proxy', () => {
  let a: Backend;
  let b: Backend;
  let proxy: WeightedProxy;
  let port: number;
  const routes = (weight: number, canary = true): Routes => ({
    stable: { version: 'v-a', port: a.port },
    canary: canary ? { version: 'v-b', port: b.port } : null,
    weight,
    revision: weight,
  });

  beforeAll(async () => {
    [a, b] = await Promise.all([backend('a'), backend('b')]);
    proxy = createWeightedProxy(routes(50));
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    port = (proxy.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    release?.();
    await Promise.all([close(proxy.server), close(a.server), close(b.server)]);
  });

  it('splits traffic by weight and tags each answer with the version that served it', async () => {
    proxy.setRoutes(routes(50));
    const seen = await versions(port, 20);
    expect(seen.filter((v) => v === 'v-b')).toHaveLength(10);
    expect(seen.filter((v) => v === 'v-a')).toHaveLength(10);
    const bodies = await Promise.all([call(port, '/'), call(port, '/')]);
    expect(bodies.map((x) => `${x.headers['x-shipline-version']}:${x.body}`).sort()).toEqual(['v-a:a', 'v-b:b']);
  });

  it('takes a new weight with the very next request', async () => {
    proxy.setRoutes(routes(0));
    expect(new Set(await versions(port, 10))).toEqual(new Set(['v-a']));
    proxy.setRoutes(routes(100));
    expect(new Set(await versions(port, 10))).toEqual(new Set(['v-b']));
    proxy.setRoutes(routes(100, false));
    expect(new Set(await versions(port, 10))).toEqual(new Set(['v-a']));
    expect(proxy.routes().canary).toBeNull();
  });

  it('keeps status, reason, headers and streams the request body', async () => {
    proxy.setRoutes(routes(0));
    const body = 'x'.repeat(300_000);
    const upload = await call(port, '/upload', { method: 'POST', body });
    expect(upload.status).toBe(201);
    expect(upload.message).toBe('Made');
    expect(upload.headers['x-custom']).toBe('a');
    expect(upload.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(upload.body).toBe(body);
    const teapot = await call(port, '/teapot');
    expect([teapot.status, teapot.message, teapot.body, teapot.headers['x-from']]).toEqual([418, 'I am a teapot', 'short and stout', 'a']);
  });

  it('streams the answer as it comes instead of buffering it', async () => {
    proxy.setRoutes(routes(0));
    const text = await new Promise<string>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/stream', agent: false }, (res) => {
          let all = '';
          res.on('data', (c: Buffer) => {
            all += c.toString();
            if (all === 'first;' && release) {
              releasedByClient = true;
              release();
            }
          });
          res.on('end', () => resolve(all));
        })
        .on('error', reject);
    });
    expect(text).toBe('first;second');
    expect(releasedByClient).toBe(true);
  });

  it('drops hop-by-hop headers and adds forwarding headers', async () => {
    proxy.setRoutes(routes(0));
    const answer = await call(port, '/headers', {
      headers: { connection: 'close, x-drop', 'x-drop': '1', 'x-keep': '2', host: 'app.example' },
    });
    const seen = JSON.parse(answer.body) as Record<string, string>;
    expect(seen['x-drop']).toBeUndefined();
    expect(seen['x-keep']).toBe('2');
    expect(seen['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen['x-forwarded-host']).toBe('app.example');
    expect(seen['x-forwarded-proto']).toBe('http');
  });

  it('answers 502 for a backend that is down and 503 when nothing is deployed', async () => {
    const nothing = await freePort();
    proxy.setRoutes({ stable: { version: 'gone', port: nothing }, canary: null, weight: 0, revision: 99 });
    const down = await call(port, '/');
    expect(down.status).toBe(502);
    expect(down.headers['x-shipline-version']).toBe('gone');
    expect(down.body).toMatch(/stable version gone on port \d+ did not answer: ECONNREFUSED/);
    proxy.setRoutes({ stable: null, canary: null, weight: 0, revision: 100 });
    expect((await call(port, '/')).status).toBe(503);
    expect(proxy.inflight()).toEqual({});
  });
});

describe('the proxy process, run in this process', () => {
  let dir: string;
  let a: Backend;
  let b: Backend;
  let running: RunningProxy | undefined;
  let state: EnvironmentState;
  let file: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipline-local-proxy-'));
    file = path.join(dir, 'state.json');
    [a, b] = await Promise.all([backend('a'), backend('b')]);
  });

  afterAll(async () => {
    await running?.close();
    await Promise.all([close(a.server), close(b.server)]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const record = (version: string, port: number) => ({ version, pid: process.pid, port, startedAt: '', log: '' });

  it('serves the state file and says where it listens', async () => {
    state = writeState(file, { ...emptyState('test', await freePort()), stable: record('1.0', a.port) });
    running = await startLocalProxy(file);
    expect(running.publicPort).toBe(state.publicPort);
    expect(readProxyReady(path.join(dir, 'proxy.json'))).toEqual({
      pid: process.pid,
      port: state.publicPort,
      controlPort: running.controlPort,
    });
    expect(await versions(running.publicPort, 3)).toEqual(['1.0', '1.0', '1.0']);
    const routes = JSON.parse((await request(`http://127.0.0.1:${running.controlPort}/routes`)).body);
    expect(routes).toMatchObject({
      pid: process.pid,
      revision: state.revision,
      weight: 0,
      stable: { version: '1.0', port: a.port },
      canary: null,
    });
  });

  it('applies a new state at once on POST /reload', async () => {
    state = writeState(file, { ...state, canary: record('2.0', b.port), weight: 100 });
    const answer = await request(`http://127.0.0.1:${running!.controlPort}/reload`, { method: 'POST' });
    expect(JSON.parse(answer.body)).toMatchObject({ revision: state.revision, weight: 100 });
    expect(await versions(running!.publicPort, 3)).toEqual(['2.0', '2.0', '2.0']);
    expect((await request(`http://127.0.0.1:${running!.controlPort}/other`)).status).toBe(404);
  });

  it('finds a new state on its own, and shuts down when the state file goes', async () => {
    state = writeState(file, { ...state, canary: null, weight: 0 });
    let seen = '';
    for (let i = 0; i < 100 && seen !== '1.0'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      seen = (await versions(running!.publicPort, 1))[0]!;
    }
    expect(seen).toBe('1.0');
    fs.rmSync(file);
    let refused = false;
    for (let i = 0; i < 100 && !refused; i++) {
      await new Promise((r) => setTimeout(r, 50));
      refused = await call(running!.publicPort, '/').then(
        () => false,
        (err: NodeJS.ErrnoException) => err.code === 'ECONNREFUSED',
      );
    }
    expect(refused).toBe(true);
  });

  it('refuses to start without a state file', async () => {
    await expect(startLocalProxy(path.join(dir, 'missing.json'))).rejects.toThrow(/no state file/);
  });
});
