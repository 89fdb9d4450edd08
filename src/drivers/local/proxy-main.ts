import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { createWeightedProxy, type Routes } from './proxy-server.js';
import { readState, writeJsonAtomic, type EnvironmentState, type ProxyReady } from './state.js';

/** The first argument that makes a shipline bundle run the local proxy instead of its action. */
export const LOCAL_PROXY_FLAG = '--shipline-local-proxy';

/** How often the proxy looks at the state file on its own (the control endpoint is the fast path). */
const POLL_MS = 500;

export function routesOf(state: EnvironmentState): Routes {
  return {
    stable: state.stable && { version: state.stable.version, port: state.stable.port },
    canary: state.canary && { version: state.canary.version, port: state.canary.port },
    weight: state.canary ? state.weight : 0,
    revision: state.revision,
  };
}

export interface RunningProxy {
  publicPort: number;
  controlPort: number;
  close(): Promise<void>;
}

/**
 * Serves an environment from its state file: the weighted proxy on 127.0.0.1:<publicPort>, and a
 * control endpoint on another loopback port (`GET /routes`, `POST /reload` re-reads the state file
 * and answers with the routes now in force). Writes `proxy.json` beside the state file once both
 * listen. Also re-reads the state file every 500 ms, and shuts down when it disappears.
 */
export async function startLocalProxy(stateFile: string): Promise<RunningProxy> {
  const state = readState(stateFile);
  if (!state) throw new Error(`no state file at ${stateFile}`);
  const proxy = createWeightedProxy(routesOf(state));

  function reload(): Routes {
    const next = readState(stateFile);
    if (next && next.revision !== proxy.routes().revision) proxy.setRoutes(routesOf(next));
    return proxy.routes();
  }

  const describe = () => JSON.stringify({ pid: process.pid, ...proxy.routes(), served: proxy.counts(), inflight: proxy.inflight() }) + '\n';
  const control = http.createServer((req, res) => {
    req.resume();
    try {
      if (req.method === 'POST' && req.url === '/reload') reload();
      else if (!(req.method === 'GET' && req.url === '/routes')) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(describe());
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`${(err as Error).message}\n`);
    }
  });

  const listen = (server: http.Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });

  const publicPort = await listen(proxy.server, state.publicPort);
  let controlPort: number;
  try {
    controlPort = await listen(control, 0);
  } catch (err) {
    proxy.server.close();
    throw err;
  }

  let closing: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (!fs.existsSync(stateFile)) {
      void close();
      return;
    }
    try {
      reload();
    } catch (err) {
      console.error(`shipline local proxy: ${(err as Error).message}`);
    }
  }, POLL_MS);

  function close(): Promise<void> {
    closing ??= (async () => {
      clearInterval(timer);
      const done = (server: http.Server) => new Promise<void>((resolve) => server.close(() => resolve()));
      const closed = Promise.all([done(proxy.server), done(control)]);
      proxy.server.closeIdleConnections();
      control.closeIdleConnections();
      await closed;
    })();
    return closing;
  }

  const ready: ProxyReady = { pid: process.pid, port: publicPort, controlPort };
  writeJsonAtomic(path.join(path.dirname(stateFile), 'proxy.json'), ready);
  return { publicPort, controlPort, close };
}

/**
 * The proxy process's main: `runLocalProxy(['--state', '/path/state.json'])`. A bundle's entry
 * calls it when its first argument is LOCAL_PROXY_FLAG. Runs until SIGTERM/SIGINT or until the
 * state file is removed.
 */
export async function runLocalProxy(argv: string[]): Promise<void> {
  const at = argv.indexOf('--state');
  const stateFile = at >= 0 ? argv[at + 1] : undefined;
  if (!stateFile) {
    console.error(`usage: <bundle> ${LOCAL_PROXY_FLAG} --state <state.json>`);
    process.exitCode = 2;
    return;
  }
  try {
    const running = await startLocalProxy(path.resolve(stateFile));
    console.log(`shipline local proxy ${process.pid}: 127.0.0.1:${running.publicPort}, control 127.0.0.1:${running.controlPort}`);
    const stop = () => void running.close().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  } catch (err) {
    console.error(`shipline local proxy: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}
