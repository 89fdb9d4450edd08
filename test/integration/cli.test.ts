import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture.js';
import { ROOT } from '../helpers/run-action.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

// Asynchronous: the fixture server answers in this same process.
const cli = (args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'shipline.js'), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

describe('npx shipline', () => {
  it('runs an action with flags as inputs and prints a readable log, summary and outputs', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cli-')), 'outputs.json');
    const run = await cli(['smoke', '--url', server.url, '--checks', '[{path: /health}, {path: /flaky/cli?fail=1}]', '--retry-delay=10ms', '--outputs-json', out]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('▸ Running 2 smoke checks');
    expect(run.stdout).not.toContain('::group::');
    expect(run.stdout).toContain('──── summary ────');
    expect(run.stdout).toContain('All 2 smoke checks passed');
    expect(run.stdout).toMatch(/result: pass/);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ code: 0, outputs: { result: 'pass', passed: '2' } });
  });

  it('turns ::error:: into a readable line and keeps the exit code', async () => {
    const run = await cli(['smoke', '--url', server.url, '--timeout', 'soon']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^error: Input "timeout": "soon" is not a duration/m);
  });

  it('refuses an unknown action or a stray argument with usage', async () => {
    const unknown = await cli(['teleport']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no action named "teleport"');
    const stray = await cli(['smoke', 'oops']);
    expect(stray.status).toBe(2);
    expect(stray.stderr).toContain('unexpected argument "oops"');
  });

  it('does not need the fixture to print usage', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'shipline.js'), '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^usage: shipline </);
  });
});
