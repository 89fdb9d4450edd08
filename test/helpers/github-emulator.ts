// An in-memory stand-in for the parts of GitHub's REST API that shipline uses:
// deployments, deployment statuses, tags, matching refs and the repository itself.
// It listens on 127.0.0.1 only, checks the token, sends GitHub's rate-limit headers,
// paginates with GitHub's Link header, and can be told to fail the next requests
// (5xx, secondary or primary rate limit) so retry and throttling paths get exercised.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, apiError } from './github-emulator/errors.js';
import { FaultQueue, faultReply } from './github-emulator/faults.js';
import { RateWindow } from './github-emulator/rate-limit.js';
import { route, type RepoIdentity } from './github-emulator/routes.js';
import { fakeSha, Store } from './github-emulator/store.js';
import type { EmulatorOptions, GitHubEmulator, RecordedRequest, Reply } from './github-emulator/types.js';

export * from './github-emulator/types.js';
export { linkHeader, pageRequest, pageSlice, type PageRequest } from './github-emulator/pagination.js';

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function authorization(header: string | undefined, token: string): 'ok' | 'missing' | 'bad' {
  if (!header) return 'missing';
  const match = /^(?:token|bearer)\s+(.+)$/i.exec(header.trim());
  return match && match[1] === token ? 'ok' : 'bad';
}

function parseJson(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw apiError(400, 'Problems parsing JSON');
  }
}

export async function startGitHubEmulator(options: EmulatorOptions = {}): Promise<GitHubEmulator> {
  const token = options.token ?? 'test-token';
  const identity: RepoIdentity = {
    owner: options.owner ?? 'acme',
    repo: options.repo ?? 'shop',
    defaultBranch: options.defaultBranch ?? 'main',
  };
  const initialBranches = { [identity.defaultBranch]: fakeSha(`branch:${identity.defaultBranch}`), ...options.branches };
  const initialTags = [...(options.tags ?? [])];
  const requests: RecordedRequest[] = [];
  const faults = new FaultQueue();
  const rate = new RateWindow();
  let requestCounter = 0;

  function dispatch(method: string, url: URL, authHeader: string | undefined, body: unknown): Reply {
    const auth = authorization(authHeader, token);
    if (auth === 'missing') throw apiError(401, 'Requires authentication');
    if (auth === 'bad') throw apiError(401, 'Bad credentials');
    rate.roll();
    const fault = faults.take(method, url.pathname);
    if (fault) return faultReply(fault, rate);
    rate.spend();
    const isObject = body !== null && typeof body === 'object' && !Array.isArray(body);
    if (body !== undefined && !isObject) throw apiError(400, 'Problems parsing JSON');
    return route(store, { method, url, body: isObject ? (body as Record<string, unknown>) : {} }, identity);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', baseUrl);
    const raw = await readBody(req);
    let body: unknown = raw === '' ? undefined : raw;
    let reply: Reply;
    try {
      body = parseJson(raw);
      reply = dispatch(method, url, req.headers.authorization, body);
    } catch (error) {
      reply =
        error instanceof ApiError
          ? { status: error.status, body: error.body, headers: error.headers }
          : { status: 500, body: { message: `emulator error: ${error instanceof Error ? error.stack : String(error)}` } };
    }
    requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), body, status: reply.status, at });
    const headers: Record<string, string> = {
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': `EMU:${(++requestCounter).toString(16).toUpperCase()}`,
      ...rate.headers(),
      ...reply.headers,
    };
    if (reply.body === undefined || reply.status === 204) {
      res.writeHead(reply.status, headers).end();
      return;
    }
    const text = JSON.stringify(reply.body);
    res
      .writeHead(reply.status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
      .end(text);
  }

  const server = createServer((req, res) => void handle(req, res));
  // Keep idle connections open well past the client's retry waits (1, 4, 9 s), as GitHub's front
  // ends do: Node's default of 5 s closes a socket the client may be reusing at that moment, and
  // the retry then fails with ECONNRESET instead of GitHub's answer.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const store = new Store(baseUrl, `${identity.owner}/${identity.repo}`, options.now ?? (() => new Date()), options.firstDeploymentId ?? 1);
  const seedRefs = (): void => {
    store.branches = new Map(Object.entries(initialBranches));
    store.tags = initialTags.map((t) => ({ ...t }));
  };
  seedRefs();

  return {
    url: baseUrl,
    token,
    owner: identity.owner,
    repo: identity.repo,
    requests,
    calls(method?: string, pathPrefix?: string): number {
      return requests.filter((r) => (!method || r.method === method.toUpperCase()) && (!pathPrefix || r.path.startsWith(pathPrefix)))
        .length;
    },
    failNext(count, { status = 502, ...match } = {}) {
      faults.add(count, match, { kind: 'server', status });
    },
    secondaryRateLimitNext(count, retryAfterSeconds = 1, match = {}) {
      faults.add(count, match, { kind: 'secondary', retryAfterSeconds });
    },
    primaryRateLimitNext(count, resetAfterSeconds = 1, match = {}) {
      faults.add(count, match, { kind: 'primary', resetAfterSeconds });
    },
    seedDeployment(seed) {
      return structuredClone(store.seed(seed));
    },
    seedTag(name, sha) {
      store.tags.push({ name, sha });
    },
    seedRun(id, run) {
      store.runs.set(id, {
        status: run.status,
        conclusion: run.conclusion ?? (run.status === 'completed' ? 'failure' : null),
        run_attempt: run.run_attempt ?? 1,
      });
    },
    seedBranch(name, sha) {
      store.branches.set(name, sha);
    },
    deployments(environment?: string) {
      return structuredClone(store.allDeployments().filter((d) => !environment || d.environment === environment));
    },
    statuses(deploymentId: number) {
      return structuredClone(store.statusesNewestFirst(deploymentId));
    },
    reset() {
      store.clear();
      seedRefs();
      faults.clear();
      requests.length = 0;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
