import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoggedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FixtureServer {
  url: string;
  requests: LoggedRequest[];
  close(): Promise<void>;
}

/**
 * A real HTTP service on 127.0.0.1 with the behaviours smoke checks meet: healthy, slow, flaky
 * (fails N times then recovers), down (drops the connection), wrong body, redirecting, and one
 * that wants basic auth. Every request is logged, so tests can assert that none was sent.
 */
export async function startFixtureServer(): Promise<FixtureServer> {
  const requests: LoggedRequest[] = [];
  const flaky = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, headers: req.headers, body });
      const json = (status: number, data: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(data));
      };
      const path = url.pathname;
      if (path === '/health' || path === '/healthy')
        return json(200, { status: 'ok', version: '1.2.3', checks: { db: 'up' } }, { 'x-app-version': '1.2.3' });
      if (path === '/slow') {
        const ms = Number(url.searchParams.get('ms') ?? '200');
        setTimeout(() => json(200, { status: 'ok', slept: ms }), ms);
        return;
      }
      if (path.startsWith('/flaky/')) {
        const fails = Number(url.searchParams.get('fail') ?? '2');
        const code = Number(url.searchParams.get('code') ?? '503');
        const seen = (flaky.get(path) ?? 0) + 1;
        flaky.set(path, seen);
        return seen <= fails ? json(code, { status: 'starting' }) : json(200, { status: 'ok', after: seen });
      }
      if (path === '/down') return req.socket.destroy();
      if (path === '/wrong-body') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('<h1>Under maintenance</h1>');
      }
      if (path === '/redirect') {
        res.writeHead(302, { location: '/healthy' });
        return res.end();
      }
      if (path.startsWith('/status/')) return json(Number(path.slice(8)), { status: Number(path.slice(8)) });
      if (path === '/auth') {
        const expected = `Basic ${Buffer.from('deploy:s3cr3t-pa55').toString('base64')}`;
        return req.headers.authorization === expected ? json(200, { user: 'deploy' }) : json(401, { error: 'unauthorized' });
      }
      if (path === '/echo') return json(200, { method: req.method, body, contentType: req.headers['content-type'] ?? null });
      return json(404, { error: 'not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
