// A record left in progress by a run that ended no longer locks its environment: the next deploy
// (or rollback) says it is stale, marks it error and goes on. A paused canary is not stale.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../helpers/github-emulator.js';
import { LedgerStore } from '../../src/records/ledger.js';
import { runAction } from '../helpers/run-action.js';

let emu: GitHubEmulator;
let dir: string;
beforeAll(async () => {
  emu = await startGitHubEmulator();
  dir = mkdtempSync(join(tmpdir(), 'shipline-stale-'));
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => emu.reset());

const run = (bundle: string, runId: number, inputs: Record<string, string>) =>
  runAction(bundle, { inputs: { 'github-token': emu.token, ...inputs }, env: { GITHUB_API_URL: emu.url, GITHUB_RUN_ID: String(runId) } });

/** Waits until `check` holds (polling), so no test depends on a fixed sleep. */
async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Deploy 1.0.0 in run 100 whose success status cannot be written (GitHub answers 422, which is
 * not retried): the driver succeeded, the record stays in_progress, the step fails.
 */
async function stuckDeploy(): Promise<number> {
  const go = join(dir, `go-${Date.now()}`);
  const pending = run('deploy', 100, {
    environment: 'production',
    version: '1.0.0',
    'deploy-command': `while [ ! -f "${go}" ]; do sleep 0.05; done`,
  });
  await until(
    () => emu.deployments('production').some((d) => emu.statuses(d.id).some((s) => s.state === 'in_progress')),
    'the in_progress status',
  );
  const id = emu.deployments('production')[0]!.id;
  emu.failNext(1, { status: 422, method: 'POST', pathPrefix: `/repos/acme/shop/deployments/${id}/statuses` });
  writeFileSync(go, '');
  const first = await pending;
  expect(first.code).toBe(1);
  expect(first.errors[0]).toContain(`1.0.0 was deployed to production, but its record (deployment ${id}) could not be marked successful`);
  expect(emu.statuses(id)[0]!.state).toBe('in_progress');
  return id;
}

describe('a record left in progress after its status write failed', () => {
  it('does not lock the environment once its run has ended: the next deploy marks it error and goes on', async () => {
    await stuckDeploy();
    emu.seedRun(100, { status: 'completed', conclusion: 'failure' });
    const ran = join(dir, 'ran-next');
    const next = await run('deploy', 101, { environment: 'production', version: '1.1.0', 'deploy-command': `touch "${ran}"` });
    expect(next.code, next.stdout).toBe(0);
    expect(existsSync(ran)).toBe(true);
    expect(next.stdout).toContain(
      '::warning::Deployment 1 (1.0.0) was left in progress and is stale: its run 100 has ended (failure). Marking it error and going on.',
    );
    expect(emu.statuses(1)[0]).toMatchObject({ state: 'error', description: 'found stale: its run 100 has ended (failure)' });
    expect(emu.statuses(2)[0]!.state).toBe('success');
  });

  it('a rollback goes past it too, rolling back from it', async () => {
    emu.seedDeployment({
      environment: 'production',
      sha: 'b'.repeat(40),
      created_at: new Date(Date.now() - 60_000).toISOString(),
      payload: { version: '0.9.0', by: 'deploy' },
      statuses: ['success'],
    });
    const stuck = await stuckDeploy();
    emu.seedRun(100, { status: 'completed', conclusion: 'failure' });
    const r = await run('rollback', 102, { environment: 'production', 'from-version': '1.0.0', 'deploy-command': 'true' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ result: 'success', version: '0.9.0', 'from-version': '1.0.0' });
    expect(r.stdout).toContain(
      `Deployment ${stuck} (1.0.0) never finished; it is stale: its run 100 has ended (failure). Rolling back from it.`,
    );
    expect(emu.statuses(stuck)[0]!.state).toBe('failure');
  });

  it('while its run is still going, the next deploy is refused, changing nothing', async () => {
    await stuckDeploy();
    emu.seedRun(100, { status: 'in_progress' });
    const ran = join(dir, 'ran-refused');
    const next = await run('deploy', 103, { environment: 'production', version: '1.1.0', 'deploy-command': `touch "${ran}"` });
    expect(next.code).toBe(1);
    expect(existsSync(ran)).toBe(false);
    expect(next.errors[0]).toContain('Another deploy to production is still in progress: 1.0.0');
    expect(emu.statuses(1)[0]!.state).toBe('in_progress');
    // a re-run of that run (attempt 2) ended attempt 1: stale
    emu.seedRun(100, { status: 'in_progress', run_attempt: 2 });
    const after = await run('deploy', 104, { environment: 'production', version: '1.1.0', 'deploy-command': `touch "${ran}"` });
    expect(after.code, after.stdout).toBe(0);
    expect(emu.statuses(1)[0]!.description).toBe('found stale: its run 100 was re-run since (attempt 2; the record is from attempt 1)');
  });

  it('a paused canary is not stale, however old and whatever its run: deploys stay refused', async () => {
    emu.seedDeployment({
      environment: 'production',
      sha: 'c'.repeat(40),
      created_at: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      payload: { version: '2.0.0', by: 'canary', runId: '77', runAttempt: '1', steps: '10,pause,100' },
      statuses: [{ state: 'in_progress', description: 'shipline: paused at 10%; resume to go on to 100%, or abort' }],
    });
    emu.seedRun(77, { status: 'completed', conclusion: 'success' });
    const ran = join(dir, 'ran-paused');
    const next = await run('deploy', 105, { environment: 'production', version: '2.1.0', 'deploy-command': `touch "${ran}"` });
    expect(next.code).toBe(1);
    expect(existsSync(ran)).toBe(false);
    expect(next.outputs.result).toBe('refused');
    expect(next.errors[0]).toContain('A canary of 2.0.0 is paused in production');
    expect(emu.statuses(1)[0]!.state).toBe('in_progress');
  });
});

describe('a record left in progress in the ledger', () => {
  it('is stale once the process that wrote it is gone: the next deploy marks it error and goes on', async () => {
    const stateDir = join(dir, 'ledger-state');
    const store = new LedgerStore(join(stateDir, 'deployments.json'));
    const gone = 2 ** 22 + 4_321;
    const left = await store.create({
      environment: 'staging',
      sha: 'b'.repeat(40),
      ref: '',
      payload: { version: '1.0.0', by: 'deploy', host: hostname(), pid: gone },
    });
    await store.setStatus(left.id, 'in_progress', { description: 'deploying 1.0.0' });
    const ran = join(dir, 'ran-ledger');
    const next = await runAction('deploy', {
      inputs: { environment: 'staging', version: '1.1.0', 'deploy-command': `touch "${ran}"`, 'state-dir': stateDir, 'github-token': '' },
    });
    expect(next.code, next.stdout).toBe(0);
    expect(existsSync(ran)).toBe(true);
    const records: { id: string; state: string; statusDescription?: string }[] = [];
    for await (const r of store.history('staging')) records.push(r);
    expect(records.map((r) => [r.id, r.state])).toEqual([
      ['2', 'success'],
      [left.id, 'error'],
    ]);
    expect(records[1]!.statusDescription).toBe(`found stale: the process that wrote it (pid ${gone} on ${hostname()}) is gone`);
  });
});
