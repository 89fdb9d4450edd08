import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { isProcessAlive } from '../../core/process.js';
import { systemClock } from '../../core/clock.js';

export { isProcessAlive };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function signal(pid: number, name: NodeJS.Signals): void {
  // The processes are started detached, so each leads its own group: the shell and the app in it.
  try {
    process.kill(-pid, name);
    return;
  } catch {
    // not a group leader (or gone): fall back to the process itself
  }
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/**
 * Stops a process group started by this driver: SIGTERM, wait up to `graceMs` for the leader to
 * exit, then SIGKILL the group (which also sweeps up anything the leader left behind).
 * Resolves true when the process is gone.
 */
export async function stopProcessGroup(pid: number, graceMs: number): Promise<boolean> {
  if (!isProcessAlive(pid)) {
    signal(pid, 'SIGKILL');
    return true;
  }
  signal(pid, 'SIGTERM');
  const deadline = systemClock.now() + graceMs;
  while (isProcessAlive(pid) && systemClock.now() < deadline) await sleep(20);
  signal(pid, 'SIGKILL');
  for (let i = 0; i < 100 && isProcessAlive(pid); i++) await sleep(20);
  return !isProcessAlive(pid);
}

export interface DetachedProcess {
  pid: number;
  /** Resolves with the exit code or signal if the process ends while this process still runs. */
  exited: Promise<string>;
}

/**
 * Starts a process that outlives the caller: its own process group, output appended to `log`,
 * not holding the caller's event loop open.
 */
export function spawnDetached(
  file: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; log: string },
): DetachedProcess {
  fs.mkdirSync(path.dirname(options.log), { recursive: true });
  const out = fs.openSync(options.log, 'a');
  try {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', out, out],
    });
    const exited = new Promise<string>((resolve) => {
      child.once('exit', (code, sig) => resolve(sig ? `killed by ${sig}` : `exited with code ${code}`));
      child.once('error', (err) => resolve(`could not start: ${err.message}`));
    });
    child.unref();
    if (child.pid === undefined) {
      throw new Error(`could not start ${file}`);
    }
    return { pid: child.pid, exited };
  } finally {
    fs.closeSync(out);
  }
}

/** A port nothing listens on right now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The last `lines` lines of a log file ('' when there is none). */
export function tailFile(file: string, lines = 20, maxBytes = 16_384): string {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return '';
  }
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } finally {
    fs.closeSync(fd);
  }
}
