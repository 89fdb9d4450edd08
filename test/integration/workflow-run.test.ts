import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
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

const cli = (args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'shipline.js'), 'workflow', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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

  it('on a terminal, each environment is asked for: y approves, anything else rejects', async () => {
    const marks = join(mkdtempSync(join(tmpdir(), 'wf-tty-')), 'marks');
    const command = [
      process.execPath,
      join(ROOT, 'bin', 'shipline.js'),
      'workflow',
      'run',
      'test/fixtures/workflows/approval.yml',
      '--var',
      `MARKS=${marks}`,
    ]
      .map((a) => `'${a}'`)
      .join(' ');
    // script(1) gives the runner a pseudo-terminal; each answer is typed once its question shows
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    const answers = ['y', 'n'];
    let asked = 0;
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      const questions = out.split('[y/N]').length - 1;
      while (asked < questions && answers.length > 0) {
        asked++;
        child.stdin.write(`${answers.shift()}\n`);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(out).toContain('Approve job staging to deploy to environment staging? [y/N]');
    expect(out).toContain('Approve job production to deploy to environment production? [y/N]');
    expect(out).toContain('the deployment to production was rejected on the terminal');
    expect(code).toBe(1);
    expect(existsSync(marks) ? readFileSync(marks, 'utf8').trim().split('\n') : []).toEqual(['staging ran', 'cleanup ran']);
  });
});
