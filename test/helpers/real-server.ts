import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

/** The path of an installed program, or null (sbin directories included: haproxy lives there). */
export function findBinary(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** A port that was free a moment ago on 127.0.0.1, for programs that cannot listen on port 0. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` every `intervalMs`, at most `attempts` times; throws naming what never happened. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | null | false>,
  opts: { attempts?: number; intervalMs?: number; logs?: () => string } = {},
): Promise<T> {
  const attempts = opts.attempts ?? 100;
  let last: unknown;
  for (let i = 0; i < attempts; i += 1) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (err) {
      last = err;
    }
    await sleep(opts.intervalMs ?? 100);
  }
  const reason = last instanceof Error ? ` (last error: ${last.message})` : '';
  const logs = opts.logs ? `\n--- process output ---\n${opts.logs()}` : '';
  throw new Error(`gave up waiting for ${what} after ${attempts} attempts${reason}${logs}`);
}

export function canConnect(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface Child {
  process: ChildProcess;
  /** The last few KB of the program's stdout and stderr, for failure messages. */
  logs(): string;
  exited(): boolean;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Starts a program whose output is kept for diagnostics; it is killed if the test process exits. */
export function startChild(command: string, args: string[]): Child {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('error', (err) => keep(Buffer.from(`spawn error: ${err.message}\n`)));
  let hasExited = false;
  const exitedPromise = new Promise<void>((resolve) =>
    child.once('exit', () => {
      hasExited = true;
      running.delete(child);
      resolve();
    }),
  );
  running.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of running) c.kill('SIGKILL');
    });
  }
  return {
    process: child,
    logs: () => output,
    exited: () => hasExited,
    async stop() {
      if (hasExited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}
