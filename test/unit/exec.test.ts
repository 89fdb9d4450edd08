import { describe, expect, it } from 'vitest';
import { runArgv, runShell } from '../../src/core/exec.js';

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
