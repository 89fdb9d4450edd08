import http from 'node:http';
import { canaryWeights, createWeightedPicker, type WeightedPicker } from './weighted.js';

export interface Backend {
  version: string;
  port: number;
}

/** Where the proxy sends requests: the canary takes `weight` percent, stable the rest. */
export interface Routes {
  stable: Backend | null;
  canary: Backend | null;
  weight: number;
  revision: number;
}

export const VERSION_HEADER = 'x-shipline-version';
export const ROLE_HEADER = 'x-shipline-role';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function withoutHopByHop(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  const named = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase()),
  );
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && !named.has(name)) out[name] = value;
  }
  return out;
}

export interface WeightedProxy {
  server: http.Server;
  /** Takes effect for the next request; requests already under way finish where they are. */
  setRoutes(routes: Routes): void;
  routes(): Routes;
  /** Requests sent to each role since start, for the control endpoint. */
  counts(): { stable: number; canary: number };
  /** Requests under way per backend port: a backend is stopped only once it has none. */
  inflight(): Record<string, number>;
}

/**
 * A reverse proxy on loopback that picks stable or canary per request (smooth weighted
 * round-robin), streams bodies both ways, keeps status and headers, and tags every answer with
 * the version that served it. A backend that does not answer gives 502.
 */
export function createWeightedProxy(initial: Routes): WeightedProxy {
  let current = initial;
  let picker: WeightedPicker = createWeightedPicker(canaryWeights(initial.canary ? initial.weight : 0));
  const counts = { stable: 0, canary: 0 };
  const inflight = new Map<number, number>();
  const agent = new http.Agent({ keepAlive: false });

  function choose(): { role: 'stable' | 'canary'; backend: Backend } | null {
    const { stable, canary } = current;
    if (!stable && !canary) return null;
    if (!canary) return { role: 'stable', backend: stable! };
    if (!stable) return { role: 'canary', backend: canary };
    return picker.next() === 1 ? { role: 'canary', backend: canary } : { role: 'stable', backend: stable };
  }

  const server = http.createServer((req, res) => {
    const target = choose();
    if (!target) {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('shipline local proxy: no version is deployed here\n');
      req.resume();
      return;
    }
    counts[target.role]++;
    const { role, backend } = target;
    inflight.set(backend.port, (inflight.get(backend.port) ?? 0) + 1);
    res.once('close', () => {
      const left = (inflight.get(backend.port) ?? 1) - 1;
      if (left > 0) inflight.set(backend.port, left);
      else inflight.delete(backend.port);
    });
    const headers = withoutHopByHop(req.headers);
    const remote = req.socket.remoteAddress ?? '';
    headers['x-forwarded-for'] = req.headers['x-forwarded-for'] ? `${req.headers['x-forwarded-for']}, ${remote}` : remote;
    headers['x-forwarded-host'] ??= req.headers.host ?? '';
    headers['x-forwarded-proto'] ??= 'http';
    const upstream = http.request({
      host: '127.0.0.1',
      port: backend.port,
      method: req.method,
      path: req.url,
      headers,
      agent,
    });
    upstream.on('response', (answer) => {
      const out = withoutHopByHop(answer.headers);
      out[VERSION_HEADER] = backend.version;
      out[ROLE_HEADER] = role;
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, out);
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    });
    upstream.on('error', (err) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(502, { 'content-type': 'text/plain', [VERSION_HEADER]: backend.version, [ROLE_HEADER]: role });
      res.end(
        `shipline local proxy: ${role} version ${backend.version} on port ${backend.port} ` +
          `did not answer: ${(err as NodeJS.ErrnoException).code ?? err.message}\n`,
      );
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.on('error', () => upstream.destroy());
    req.pipe(upstream);
  });

  return {
    server,
    setRoutes(routes) {
      const weightChanged = routes.weight !== current.weight || Boolean(routes.canary) !== Boolean(current.canary);
      current = routes;
      if (weightChanged) picker = createWeightedPicker(canaryWeights(routes.canary ? routes.weight : 0));
    },
    routes: () => current,
    counts: () => ({ ...counts }),
    inflight: () => Object.fromEntries(inflight),
  };
}
