import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture.js';
import { ROOT } from '../helpers/run-action.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

const cli = (args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'shipline.js'), 'workflow', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

describe('npx shipline workflow run', () => {
  it('runs shipline’s actions from this checkout (bundles in dist/, INPUT_* as a runner passes them) and prints JSON', async () => {
    const run = await cli(['run', 'test/fixtures/workflows/smoke-actions.yml', '--input', `url=${server.url}`, '--json']);
    expect(run.status, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as { result: string; jobs: Record<string, { result: string; outputs: Record<string, string> }> };
    expect(report.result).toBe('failure');
    expect(report.jobs.published).toEqual({ result: 'success', outputs: { result: 'pass', passed: '1' } });
    expect(report.jobs.local).toEqual({ result: 'failure', outputs: { result: 'fail' } });
    expect(run.stderr).toContain('[local] the smoke step failed as expected');
    // workflow commands are made readable, never passed through
    expect(run.stderr).toMatch(/\[local\] error: /);
    expect(run.stderr).not.toMatch(/^\[[^\]]+\] ::/m);
  });

  it('without --json the log goes to stdout; a bad workflow exits 2 with usage', async () => {
    const bad = await cli(['run', 'test/fixtures/workflows/smoke-actions.yml']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('input url is required (give it with --input url=VALUE)');
    expect(bad.stderr).toContain('usage: shipline workflow run <file>');
    const help = await cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--approve');
  });
});
