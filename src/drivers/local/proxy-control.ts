import fs from 'node:fs';
import { LocalDriverError } from './errors.js';
import { request } from './http-client.js';
import { LOCAL_PROXY_FLAG } from './proxy-main.js';
import type { Routes } from './proxy-server.js';
import { isProcessAlive, spawnDetached, tailFile } from './processes.js';
import { readProxyReady, type EnvironmentPaths, type ProxyReady } from './state.js';
import { systemClock } from '../../core/clock.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface ProxyView extends Routes {
  pid: number;
  served: { stable: number; canary: number };
  inflight: Record<string, number>;
}

function parseView(body: string): ProxyView {
  const view = JSON.parse(body) as ProxyView;
  if (typeof view.pid !== 'number' || typeof view.revision !== 'number') throw new Error('not a proxy answer');
  return view;
}

/** What the proxy on `controlPort` routes now; null when nothing (or another process) answers. */
export async function queryProxy(controlPort: number, pid: number): Promise<ProxyView | null> {
  try {
    const res = await request(`http://127.0.0.1:${controlPort}/routes`, { timeoutMs: 1000 });
    if (res.status !== 200) return null;
    const view = parseView(res.body);
    return view.pid === pid ? view : null;
  } catch {
    return null;
  }
}

/**
 * Makes the proxy re-read the state file now, and checks it took `revision`: once this returns,
 * every new request follows the new routes.
 */
export async function reloadProxy(controlPort: number, revision: number): Promise<ProxyView> {
  let res;
  try {
    res = await request(`http://127.0.0.1:${controlPort}/reload`, { method: 'POST', timeoutMs: 2000 });
  } catch (err) {
    throw new LocalDriverError('proxy', `local driver: the proxy's control endpoint did not answer: ${(err as Error).message}`);
  }
  if (res.status !== 200) {
    throw new LocalDriverError('proxy', `local driver: the proxy refused the new routes: ${res.body.trim()}`);
  }
  const view = parseView(res.body);
  if (view.revision < revision) {
    throw new LocalDriverError('proxy', `local driver: the proxy still routes revision ${view.revision}, expected ${revision}`);
  }
  return view;
}

/**
 * Waits until the proxy has no request under way to the backend on `port` (those it routed there
 * before the switch), so stopping that backend cuts no answer short. Gives up after `timeoutMs`.
 */
export async function waitForDrain(controlPort: number, pid: number, port: number, timeoutMs: number): Promise<boolean> {
  const deadline = systemClock.now() + timeoutMs;
  for (;;) {
    const view = await queryProxy(controlPort, pid);
    if (!view || !view.inflight?.[String(port)]) return true;
    if (systemClock.now() >= deadline) return false;
    await sleep(10);
  }
}

/** The command line that starts the proxy: node, the bundle, the flag, the state file. */
export function proxyCommandLine(entry: string, stateFile: string): { file: string; args: string[] } {
  return { file: process.execPath, args: [entry, LOCAL_PROXY_FLAG, '--state', stateFile] };
}

/** Starts the environment's proxy as a detached process and waits until it listens. */
export async function startProxyProcess(
  entry: string,
  paths: EnvironmentPaths,
  options: { cwd: string; env: Record<string, string>; timeoutMs?: number },
): Promise<ProxyReady> {
  fs.rmSync(paths.proxyFile, { force: true });
  const { file, args } = proxyCommandLine(entry, paths.stateFile);
  const child = spawnDetached(file, args, { cwd: options.cwd, env: options.env, log: paths.proxyLog });
  let exit: string | undefined;
  void child.exited.then((reason) => {
    exit = reason;
  });
  const deadline = systemClock.now() + (options.timeoutMs ?? 10_000);
  while (systemClock.now() < deadline && exit === undefined) {
    const ready = readProxyReady(paths.proxyFile);
    if (ready && ready.pid === child.pid && (await queryProxy(ready.controlPort, ready.pid))) return ready;
    await sleep(25);
  }
  if (isProcessAlive(child.pid)) {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  throw new LocalDriverError(
    'proxy',
    `local driver: the proxy did not start (${exit ?? 'no answer within the time limit'}); ` +
      `${file} ${args.join(' ')}\n${tailFile(paths.proxyLog, 15)}`,
  );
}
