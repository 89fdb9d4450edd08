// Failures outside shipline (GitHub down or unreachable, a damaged ledger, an output path that is a
// directory) are reported as what they are: one ::error:: naming the failing party and what to do,
// no stack trace, outputs set and the summary written.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator } from '../helpers/github-emulator.js';
import { runAction, type ActionRun } from '../helpers/run-action.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipline-outside-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A loopback port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** What every outside failure looks like: one error line, no stack, not called a shipline bug. */
function expectOutsideFailure(run: ActionRun): void {
  expect(run.code).toBe(1);
  expect(run.errors, run.stdout).toHaveLength(1);
  expect(run.errors[0]).not.toContain('failed unexpectedly');
  expect(run.stdout).not.toMatch(/^\s+at .+\(.*:\d+:\d+\)$/m);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.summary).toContain('❌');
}

let markers = 0;
const marker = () => join(dir, `ran-${++markers}`);

// Concurrent, each with its own emulator: every case waits out the client's retries (1 s, 4 s, 9 s).
// Concurrent tests must take onTestFinished from their own context: the imported one attaches to
// whichever test is current, which closed one test's emulator when another test finished.
describe.concurrent('GitHub failing for good', () => {
  it('names GitHub and what to do when it answers 500 to every try, or cannot be reached at all', async ({ onTestFinished }) => {
    const emu = await startGitHubEmulator();
    onTestFinished(() => emu.close());
    emu.failNext(50, { status: 500 });
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    const [down, away] = await Promise.all(
      [emu.url, unreachable].map((api) => {
        const ran = marker();
        return runAction('deploy', {
          inputs: { environment: 'staging', version: '1.2.0', 'github-token': emu.token, 'deploy-command': `touch "${ran}"` },
          env: { GITHUB_API_URL: api },
        }).then((run) => ({ run, ran }));
      }),
    );

    expectOutsideFailure(down.run);
    expect(down.run.errors[0]).toMatch(
      new RegExp(
        `^::error::GitHub's API at ${emu.url} answered 500 \\(Server Error\\) while reading the deployments of acme/shop in staging, also when tried again\\. .*re-run the job later\\.$`,
      ),
    );
    expect(emu.requests.length).toBe(4);
    expect(existsSync(down.ran)).toBe(false);
    expect(down.run.outputs.version).toBe('1.2.0');

    expectOutsideFailure(away.run);
    expect(away.run.errors[0]).toMatch(
      new RegExp(
        `^::error::GitHub's API at ${unreachable} could not be reached while reading the deployments of acme/shop in staging \\(.*ECONNREFUSED.*\\)\\. Check GITHUB_API_URL`,
      ),
    );
    expect(existsSync(away.ran)).toBe(false);
  }, 60_000);

  it('names GitHub when a status cannot be written, and still records the failure outputs', async ({ onTestFinished }) => {
    const emu = await startGitHubEmulator();
    onTestFinished(() => emu.close());
    // The deployment is created; every write of a status fails (after retries).
    emu.failNext(50, { status: 503, method: 'POST', pathPrefix: '/repos/acme/shop/deployments/1/statuses' });
    const ran = marker();
    const run = await runAction('deploy', {
      inputs: { environment: 'staging', version: '1.3.0', 'github-token': emu.token, 'deploy-command': `touch "${ran}"` },
      env: { GITHUB_API_URL: emu.url },
    });
    expectOutsideFailure(run);
    expect(run.errors[0]).toMatch(
      /^::error::GitHub's API at .* answered 503 \(Server Error\) while setting deployment 1 of acme\/shop to in_progress, also when tried again/,
    );
    expect(run.outputs).toMatchObject({ version: '1.3.0', 'deployment-id': '1' });
    expect(existsSync(ran)).toBe(false);
  }, 60_000);
});

describe('a damaged ledger', () => {
  it('names the file and how to recover, runs nothing and leaves the file as it was', async () => {
    const stateDir = join(dir, 'truncated');
    mkdirSync(stateDir, { recursive: true });
    const ledger = join(stateDir, 'deployments.json');
    const truncated = '{\n  "version": 1,\n  "next": 2,\n  "deployments": [\n    {\n      "id": "1",\n      "environment": "stag';
    writeFileSync(ledger, truncated);
    const ran = marker();
    const run = await runAction('deploy', {
      inputs: { environment: 'staging', version: '1.4.0', 'state-dir': stateDir, 'deploy-command': `touch "${ran}"` },
    });
    expectOutsideFailure(run);
    expect(run.errors[0]).toBe(
      `::error::The deployment ledger ${ledger} is not valid JSON (an unterminated string at line 7, column 27). ` +
        'Repair it or restore it from a backup; moving it away starts an empty ledger, without the records it holds.',
    );
    expect(readFileSync(ledger, 'utf8')).toBe(truncated);
    expect(existsSync(ran)).toBe(false);
  });

  it('says so when the ledger is JSON but not a ledger', async () => {
    const stateDir = join(dir, 'not-a-ledger');
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(join(stateDir, 'deployments.json'), '[]');
    const run = await runAction('rollback', { inputs: { environment: 'staging', 'state-dir': stateDir, 'rollback-command': 'true' } });
    expectOutsideFailure(run);
    expect(run.errors[0]).toContain(`The deployment ledger ${join(stateDir, 'deployments.json')} is JSON but not a shipline ledger`);
  });
});

describe('scan output', () => {
  it('refuses a directory as output with one ::error:: naming the input, before scanning', async () => {
    const ws = mkdtempSync(join(dir, 'scan-'));
    mkdirSync(join(ws, 'reports'));
    const run = await runAction('scan', { cwd: ws, inputs: { output: 'reports', 'npm-audit': 'false' } });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([
      '::error::Input "output": "reports" is a directory. Accepted: a file path for the merged SARIF (reports/scan.sarif).',
    ]);
    expect(run.stdout).not.toContain('EISDIR');
  });

  it('names the input when the SARIF cannot be written where output says', async () => {
    const ws = mkdtempSync(join(dir, 'scan-'));
    writeFileSync(join(ws, 'file'), 'x');
    const run = await runAction('scan', { cwd: ws, inputs: { output: 'file/merged.sarif', 'npm-audit': 'false' } });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([
      expect.stringMatching(
        /^::error::Input "output": the merged SARIF cannot be written to .*file\/merged\.sarif \((ENOTDIR|EEXIST)\)\. Accepted: a file path in a writable directory\.$/,
      ),
    ]);
    expect(run.stdout).not.toMatch(/^\s+at /m);
  });
});
