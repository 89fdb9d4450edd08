import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
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
const cli = (args: string[], env: NodeJS.ProcessEnv = {}, onStart?: (child: ReturnType<typeof spawn>) => void) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'shipline.js'), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    onStart?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

describe('npx shipline', () => {
  it('runs an action with flags as inputs and prints a readable log, summary and outputs', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cli-')), 'outputs.json');
    const run = await cli([
      'smoke',
      '--url',
      server.url,
      '--checks',
      '[{path: /health}, {path: /flaky/cli?fail=1}]',
      '--retry-delay=10ms',
      '--outputs-json',
      out,
    ]);
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

/** The folders in a directory (the CLI's temp folders are made in $TMPDIR). */
const folders = (dir: string) => readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory());

async function until(what: string, ok: () => boolean, ms = 30_000): Promise<void> {
  for (const end = Date.now() + ms; !ok(); await new Promise((r) => setTimeout(r, 50)))
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
}

describe('npx shipline: help, flags and temp folders', () => {
  it("prints an action's inputs, their descriptions and its outputs from its action.yml with --help", async () => {
    const run = await cli(['deploy', '--help']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^usage: shipline deploy /);
    const yml = readFileSync(join(ROOT, 'actions', 'deploy', 'action.yml'), 'utf8');
    // every input of action.yml is a flag of the help, and every output is listed
    const inputs = [...yml.split('\noutputs:')[0]!.matchAll(/^ {2}([a-z][a-z-]*):$/gm)].map((m) => m[1]!);
    const outputs = [
      ...yml
        .split('\noutputs:')[1]!
        .split('\nruns:')[0]!
        .matchAll(/^ {2}([a-z][a-z-]*):$/gm),
    ].map((m) => m[1]!);
    expect(inputs.length).toBeGreaterThan(5);
    for (const name of inputs) expect(run.stdout).toMatch(new RegExp(`^ {2}--${name} `, 'm'));
    const outputPart = run.stdout.slice(run.stdout.indexOf('\noutputs:'));
    for (const name of outputs) expect(outputPart).toMatch(new RegExp(`^ {2}${name} `, 'm'));
    expect(run.stdout).toMatch(/--environment\s+.*environment/i);
    // -h too, and the top-level help lists the actions with what they do
    expect((await cli(['smoke', '-h'])).stdout).toMatch(/^ {2}--retry-delay +Pause before the second attempt/m);
    const top = await cli(['--help']);
    expect(top.stderr).toMatch(/^ {2}canary +\S/m);
    expect(top.stderr).toContain('shipline <action> --help');
  });

  it('refuses an unknown flag with one error naming it and pointing at --help, before running anything', async () => {
    const before = server.requests.length;
    const run = await cli(['smoke', '--url', server.url, '--retries', '3']);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      'shipline smoke: unknown flag --retries: smoke has no input "retries" (see shipline smoke --help)',
    ]);
    expect(run.stdout).toBe('');
    expect(server.requests.length).toBe(before);
  });

  it('reads a flag alone as true and --name=value, as before', async () => {
    const run = await cli(['smoke', '--url=' + server.url, '--checks', '[{path: /health}]', '--dry-run']);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/result: dry-run/);
  });

  it('leaves no temp folder behind: after a pass, a failure, and Ctrl-C during a check', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'cli-tmp-'));
    const env = { TMPDIR: tmp };
    expect(folders(tmp)).toEqual([]);
    const pass = await cli(['smoke', '--url', server.url, '--checks', '[{path: /health}]'], env);
    expect(pass.status, pass.stdout + pass.stderr).toBe(0);
    const fail = await cli(['smoke', '--url', server.url, '--timeout', 'soon'], env);
    expect(fail.status).toBe(1);
    expect(folders(tmp)).toEqual([]);

    const requested = () => server.requests.some((r) => r.path.startsWith('/slow?ms=60000'));
    const interrupted = await cli(
      ['smoke', '--url', server.url, '--checks', '[{path: "/slow?ms=60000"}]', '--timeout', '2m', '--attempts', '1'],
      env,
      (child) => {
        void until('the check to be sent', () => folders(tmp).length === 1 && requested()).then(() => child.kill('SIGINT'));
      },
    );
    expect(interrupted.status).not.toBe(0);
    expect(interrupted.stdout).toMatch(/cancelled \(SIGINT\)/);
    expect(folders(tmp)).toEqual([]);
  });
});
