import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForHealthy } from '../../src/drivers/local/health.js';
import { freePort, isProcessAlive, spawnDetached, stopProcessGroup, tailFile } from '../../src/drivers/local/processes.js';

const env = { PATH: process.env.PATH ?? '' };
const started: number[] = [];

describe('processes', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipline-local-proc-'));
  });
  afterAll(() => {
    for (const pid of started) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('tells a running process from an ended one', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const pid = child.pid!;
    started.push(pid);
    expect(isProcessAlive(pid)).toBe(true);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(isProcessAlive(pid)).toBe(false);
  });

  it('starts a detached process group with its output in a log, and stops the whole group', async () => {
    const log = path.join(dir, 'logs', 'group.log');
    const marker = path.join(dir, 'grandchild.pid');
    // The shell starts a grandchild in the background and then waits: both are in the group.
    const script = `echo hello from $SHIPLINE_VERSION; sleep 60 & echo $! > "${marker}"; wait`;
    const child = spawnDetached('/bin/sh', ['-c', script], { cwd: dir, env: { ...env, SHIPLINE_VERSION: '9.9' }, log });
    started.push(child.pid);
    let grandchild = 0;
    for (let i = 0; i < 200 && !grandchild; i++) {
      await new Promise((r) => setTimeout(r, 10));
      grandchild = Number(fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim() : 0);
    }
    expect(grandchild).toBeGreaterThan(0);
    expect(isProcessAlive(child.pid)).toBe(true);
    expect(isProcessAlive(grandchild)).toBe(true);
    expect(tailFile(log)).toBe('hello from 9.9');
    expect(await stopProcessGroup(child.pid, 2000)).toBe(true);
    expect(isProcessAlive(child.pid)).toBe(false);
    for (let i = 0; i < 100 && isProcessAlive(grandchild); i++) await new Promise((r) => setTimeout(r, 10));
    expect(isProcessAlive(grandchild)).toBe(false);
    expect(await child.exited).toMatch(/killed by SIGTERM|exited with code/);
  });

  it('kills a process that ignores SIGTERM once the grace period is over', async () => {
    const child = spawnDetached(
      process.execPath,
      ['-e', "process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000)"],
      {
        cwd: dir,
        env,
        log: path.join(dir, 'stubborn.log'),
      },
    );
    started.push(child.pid);
    for (let i = 0; i < 200 && tailFile(path.join(dir, 'stubborn.log')) !== 'up'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await stopProcessGroup(child.pid, 200)).toBe(true);
    expect(await child.exited).toBe('killed by SIGKILL');
  });

  it('stopping an ended process is not an error', async () => {
    const child = spawnDetached('/bin/sh', ['-c', 'exit 0'], { cwd: dir, env, log: path.join(dir, 'quick.log') });
    await child.exited;
    expect(await stopProcessGroup(child.pid, 100)).toBe(true);
  });

  it('tails only the last lines of a log', () => {
    const file = path.join(dir, 'long.log');
    fs.writeFileSync(file, Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join('\n') + '\n');
    expect(tailFile(file, 3)).toBe('line 48\nline 49\nline 50');
    expect(tailFile(path.join(dir, 'none.log'))).toBe('');
  });

  it('finds a port nobody listens on', async () => {
    const port = await freePort();
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    expect((server.address() as AddressInfo).port).toBe(port);
    await new Promise((r) => server.close(r));
  });
});

describe('waitForHealthy', () => {
  let server: http.Server;
  let port: number;
  let calls = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      calls++;
      if (req.url === '/ready-on-3') res.writeHead(calls >= 3 ? 204 : 503).end();
      else res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('asks again until the answer is 2xx', async () => {
    calls = 0;
    const result = await waitForHealthy(`http://127.0.0.1:${port}/ready-on-3`, { timeoutMs: 10_000, intervalMs: 10 });
    expect(result).toEqual({ healthy: true, attempts: 3 });
  });

  it('gives up with the last answer as the reason', async () => {
    const result = await waitForHealthy(`http://127.0.0.1:${port}/never`, { timeoutMs: 200, intervalMs: 20 });
    expect(result.healthy).toBe(false);
    expect(result).toMatchObject({ reason: expect.stringMatching(/\/never answered 500 \(gave up after 200 ms\)/) });
  });

  it('reports a refused connection', async () => {
    const closed = await freePort();
    const result = await waitForHealthy(`http://127.0.0.1:${closed}/health`, { timeoutMs: 150, intervalMs: 20 });
    expect(result).toMatchObject({ healthy: false, reason: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('stops waiting as soon as the process ends', async () => {
    const closed = await freePort();
    const result = await waitForHealthy(`http://127.0.0.1:${closed}/health`, {
      timeoutMs: 60_000,
      intervalMs: 20,
      exited: Promise.resolve('exited with code 1'),
    });
    expect(result).toMatchObject({ healthy: false, reason: 'the process exited with code 1' });
  });
});
