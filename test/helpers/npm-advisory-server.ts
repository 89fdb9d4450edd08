import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import semver from 'semver';

/** An advisory as the npm registry's bulk endpoint returns it. */
export interface BulkAdvisory {
  id: number;
  url: string;
  title: string;
  severity: 'critical' | 'high' | 'moderate' | 'low' | 'info';
  vulnerable_versions: string;
  cwe?: string[];
  cvss?: { score: number; vectorString: string | null };
}

export interface AdvisoryServerOptions {
  /** Advisories by package name. */
  advisories: Record<string, BulkAdvisory[]>;
  /** Published versions by package name (npm fetches the packument to work out fixes). */
  packages: Record<string, string[]>;
}

export interface AdvisoryServer {
  /** Registry URL with a trailing slash, e.g. http://127.0.0.1:PORT/ */
  url: string;
  /** Decoded bodies npm posted to the bulk endpoint: package name -> versions. */
  bulkRequests: Record<string, string[]>[];
  /** Every request seen, as "METHOD /path". */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A registry on 127.0.0.1 that serves what `npm audit` (npm 7+) uses: POST
 * /-/npm/v1/security/advisories/bulk (gzip JSON `{name: [versions]}` in, `{name: [advisory]}` out,
 * only advisories whose range covers a posted version) and GET /<name> packuments.
 */
export async function startNpmAdvisoryServer(options: AdvisoryServerOptions): Promise<AdvisoryServer> {
  const bulkRequests: Record<string, string[]>[] = [];
  const requests: string[] = [];
  let base = '';

  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    handle(req, res).catch((err: Error) => send(res, 500, { error: err.message }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    if (req.method === 'POST' && url.pathname === '/-/npm/v1/security/advisories/bulk') {
      let body = await readBody(req);
      if (/gzip/i.test(String(req.headers['content-encoding'] ?? ''))) body = gunzipSync(body);
      const asked = JSON.parse(body.toString('utf8')) as Record<string, string[]>;
      bulkRequests.push(asked);
      const answer: Record<string, BulkAdvisory[]> = {};
      for (const [name, versions] of Object.entries(asked)) {
        const hits = (options.advisories[name] ?? []).filter((a) =>
          versions.some((v) => semver.valid(v) && semver.satisfies(v, a.vulnerable_versions, { includePrerelease: true })),
        );
        if (hits.length) answer[name] = hits;
      }
      send(res, 200, answer);
      return;
    }
    if (req.method === 'GET') {
      const name = decodeURIComponent(url.pathname.slice(1));
      const versions = options.packages[name];
      if (!versions) {
        send(res, 404, { error: 'Not found' });
        return;
      }
      const file = name.split('/').pop();
      send(res, 200, {
        name,
        'dist-tags': { latest: versions[versions.length - 1] },
        versions: Object.fromEntries(
          versions.map((v) => [v, { name, version: v, dist: { tarball: `${base}${name}/-/${file}-${v}.tgz` } }]),
        ),
      });
      return;
    }
    send(res, 405, { error: 'Method not allowed' });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}/`;
  return {
    url: base,
    bulkRequests,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
