import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processGroupAlive, runArgv, runShell, stopRunningCommands } from '../../src/core/exec.js';
import { isProcessAlive } from '../../src/drivers/local/processes.js';

/** The pid a command wrote to `file` (it starts a child and records it). */
async function pidFrom(file: string): Promise<number> {
  for (let i = 0; i < 200; i++) {
    try {
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (pid > 0) return pid;
    } catch {
      // not written yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no pid in ${file}`);
}

const pidFile = () => join(mkdtempSync(join(tmpdir(), 'shipline-exec-')), 'child.pid');

describe('runArgv / runShell', () => {
  it('passes values only through the environment, never into the command text', async () => {
    const lines: string[] = [];
    const result = await runShell('printf "%s\\n" "$SHIPLINE_VERSION"; echo to-stderr >&2; printf last', {
      env: { SHIPLINE_VERSION: '1.0; rm -rf /' },
      onLine: (l) => lines.push(l),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('1.0; rm -rf /\nlast');
    expect(result.stderr).toBe('to-stderr\n');
    expect(lines).toEqual(expect.arrayContaining(['1.0; rm -rf /', 'to-stderr', 'last']));
    expect(result.tail.at(-1)).toBe('last');
  });
  it('reports a missing program as exit 127 instead of throwing', async () => {
    const result = await runArgv('shipline-no-such-program', ['x'], { onLine: null });
    expect(result).toMatchObject({ code: 127, notFound: true });
  });
  it('stops a command at its timeout', async () => {
    const result = await runArgv('sleep', ['5'], { timeoutMs: 200, onLine: null });
    expect(result.timedOut).toBe(true);
    expect(result.code).not.toBe(0);
  });
  it('feeds standard input and keeps the exit code', async () => {
    const result = await runArgv('/bin/sh', ['-c', 'read x; echo "got $x"; exit 3'], { input: 'hello\n', onLine: null });
    expect(result).toMatchObject({ code: 3, stdout: 'got hello\n' });
  });
  it('can drop a variable of the parent environment', async () => {
    process.env.SHIPLINE_TEST_SECRET = 'x';
    const result = await runShell('echo "[${SHIPLINE_TEST_SECRET:-unset}]"', { env: { SHIPLINE_TEST_SECRET: undefined }, onLine: null });
    delete process.env.SHIPLINE_TEST_SECRET;
    expect(result.stdout).toBe('[unset]\n');
  });
});

describe('stopping a command ends its whole process group', () => {
  it('at the timeout: the child the shell started is gone too, not left running', async () => {
    const file = pidFile();
    const result = await runShell('sleep 30 & echo $! > "$PIDFILE"; wait', { env: { PIDFILE: file }, timeoutMs: 500, onLine: null });
    const child = await pidFrom(file);
    expect(result).toMatchObject({ timedOut: true, cancelled: false });
    expect(result.code).not.toBe(0);
    expect(result.durationMs).toBeLessThan(15_000);
    expect(isProcessAlive(child)).toBe(false);
  });

  it('on the cancel signal: the child is gone when the result arrives, which says cancelled', async () => {
    const file = pidFile();
    const controller = new AbortController();
    const running = runShell('sleep 30 & echo $! > "$PIDFILE"; wait', { env: { PIDFILE: file }, signal: controller.signal, onLine: null });
    const child = await pidFrom(file);
    expect(isProcessAlive(child)).toBe(true);
    controller.abort();
    const result = await running;
    expect(result).toMatchObject({ cancelled: true, timedOut: false });
    expect(result.tail.at(-1)).toBe('(stopped: cancelled)');
    expect(isProcessAlive(child)).toBe(false);
  });

  it('a group that ignores SIGTERM is killed after the grace period', async () => {
    const file = pidFile();
    const result = await runShell('trap "" TERM; sleep 30 & echo $! > "$PIDFILE"; wait', {
      env: { PIDFILE: file },
      timeoutMs: 300,
      onLine: null,
    });
    const child = await pidFrom(file);
    expect(result.timedOut).toBe(true);
    expect(result.durationMs).toBeLessThan(15_000);
    expect(isProcessAlive(child)).toBe(false);
  });

  it('a command started without a signal is ended by stopRunningCommands (the cancel path, before exiting)', async () => {
    const file = pidFile();
    const running = runArgv('/bin/sh', ['-c', 'sleep 30 & echo $! > "$PIDFILE"; wait'], { env: { PIDFILE: file }, onLine: null });
    const child = await pidFrom(file);
    await stopRunningCommands();
    expect(isProcessAlive(child)).toBe(false);
    expect((await running).code).not.toBe(0);
  });

  it('does not wait for a background process that keeps the output pipe open, and leaves it running', async () => {
    const file = pidFile();
    const result = await runShell('echo started; sleep 30 & echo $! > "$PIDFILE"', { env: { PIDFILE: file }, onLine: null });
    const child = await pidFrom(file);
    try {
      expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining('started') });
      expect(result.durationMs).toBeLessThan(15_000);
      expect(isProcessAlive(child)).toBe(true);
    } finally {
      process.kill(child, 'SIGKILL');
    }
  });

  it('processGroupAlive: true while a member runs, false once all are gone', async () => {
    const file = pidFile();
    const controller = new AbortController();
    const running = runShell('sleep 30 & echo $! > "$PIDFILE"; wait', { env: { PIDFILE: file }, signal: controller.signal, onLine: null });
    const child = await pidFrom(file);
    const group = Number(readFileSync(`/proc/${child}/stat`, 'utf8').split(') ')[1]!.split(' ')[2]);
    expect(processGroupAlive(group)).toBe(true);
    controller.abort();
    await running;
    expect(processGroupAlive(group)).toBe(false);
  });
});

describe('user commands', () => {
  it('never see the action inputs or the runner tokens', async () => {
    process.env['INPUT_REGISTRY-PASSWORD'] = 'hunter2';
    process.env.ACTIONS_RUNTIME_TOKEN = 'runtime';
    process.env.SHIPLINE_TEST_VISIBLE = 'yes';
    const result = await runShell('env', { onLine: null });
    delete process.env['INPUT_REGISTRY-PASSWORD'];
    delete process.env.ACTIONS_RUNTIME_TOKEN;
    delete process.env.SHIPLINE_TEST_VISIBLE;
    expect(result.stdout).not.toContain('hunter2');
    expect(result.stdout).not.toContain('ACTIONS_RUNTIME_TOKEN');
    expect(result.stdout).toContain('SHIPLINE_TEST_VISIBLE=yes');
  });
});
