import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDriver } from '../../src/drivers/local/index.js';
import { startGitHubEmulator, type GitHubEmulator } from '../helpers/github-emulator.js';
import { ROOT, runAction } from '../helpers/run-action.js';

const APP = `"${process.execPath}" "${join(ROOT, 'examples', 'app', 'server.js')}"`;

interface LocalState {
  weight: number;
  publicPort: number;
  stable: { version: string } | null;
  canary: { version: string } | null;
}
interface Ledger {
  deployments: Array<{
    id: string;
    payload: { version: string; by?: string; steps?: string };
    statuses: Array<{ state: string; description?: string; logUrl?: string }>;
  }>;
}

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(String(res.headers['x-app-version'] ?? 'none')));
      })
      .on('error', reject);
  });
}

/** One local environment of the example app: a state directory, its deploys and canaries. */
function workspace(environment: string) {
  const cwd = mkdtempSync(join(tmpdir(), 'shipline-canary-pause-'));
  const stateDir = join(cwd, 'state');
  const stateFile = join(stateDir, 'local', environment, 'state.json');
  const state = () => JSON.parse(readFileSync(stateFile, 'utf8')) as LocalState;
  return {
    cwd,
    stateDir,
    state,
    /** Which versions answer `count` requests through the environment's public port. */
    async served(count: number): Promise<Record<string, number>> {
      const seen: Record<string, number> = {};
      for (let i = 0; i < count; i++) {
        const version = await get(`http://127.0.0.1:${state().publicPort}/api/x`);
        seen[version] = (seen[version] ?? 0) + 1;
      }
      return seen;
    },
    ledger: () => JSON.parse(readFileSync(join(stateDir, 'deployments.json'), 'utf8')) as Ledger,
    async stop() {
      if (existsSync(stateFile))
        await createLocalDriver({ command: APP, stateDir: join(stateDir, 'local'), environment, stopGraceMs: 2000 }).stop();
    },
    run(bundle: 'canary' | 'deploy' | 'gate', inputs: Record<string, string>, env: Record<string, string> = {}) {
      const common: Record<string, string> =
        bundle === 'gate' ? { environment, 'state-dir': stateDir } : { environment, 'app-command': APP, 'state-dir': stateDir };
      return runAction(bundle, { cwd, inputs: { ...common, ...inputs }, env: { GITHUB_ACTOR: 'octocat', ...env } });
    },
  };
}

const FAST = { 'step-duration': '1s', 'analysis-interval': '500ms', 'probe-rps': '40', 'max-p95': '300ms' };

describe('canary pause and resume on the local driver, records in the ledger', () => {
  const ws = workspace('production');
  const latest = (version: string) =>
    ws
      .ledger()
      .deployments.filter((d) => d.payload.version === version)
      .at(-1)!;

  beforeAll(async () => {
    const deployed = await ws.run('deploy', { version: '1.0.0' });
    expect(deployed.errors).toEqual([]);
  });
  afterAll(() => ws.stop());

  it('refuses a resume when nothing is paused, with one ::error:: and nothing changed', async () => {
    const run = await ws.run('canary', { resume: 'promote' });
    expect(run.code).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(/^::error::No canary is paused in production .*there is nothing to promote/);
    expect(ws.state()).toMatchObject({ weight: 0, canary: null, stable: { version: '1.0.0' } });
  });

  it('a dry run says where the canary would pause, and changes nothing', async () => {
    const run = await ws.run('canary', { version: '2.0.0', steps: '25,pause,100', 'dry-run': 'true', ...FAST });
    expect(run.errors).toEqual([]);
    expect(run.outputs.result).toBe('dry-run');
    expect(run.summary).toContain(
      'would move 2.0.0 in production through 1 step with the local driver and pause at 25% after 1s for a decision',
    );
    expect(run.summary).toMatch(/\| 2 \| 100% \| 100% \(local proxy\) \| resume \+ 1s \| resume \+ 2s \|/);
    expect(run.stdout).toMatch(/pause after step 1 \(1s in\): the canary keeps 25% of traffic/);
    expect(ws.state()).toMatchObject({ weight: 0, canary: null });
    expect(existsSync(join(ws.stateDir, 'deployments.json')) && ws.ledger().deployments.some((d) => d.payload.version === '2.0.0')).toBe(
      false,
    );
  });

  it('pauses at 25%: the run ends, the proxy keeps a quarter of the traffic on the canary, the record says paused', async () => {
    const run = await ws.run('canary', { version: '2.0.0', steps: '25,pause,100', ...FAST });
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'paused', weight: '25' });
    expect(ws.state()).toMatchObject({ weight: 25, canary: { version: '2.0.0' }, stable: { version: '1.0.0' } });
    expect(await ws.served(40)).toEqual({ '1.0.0': 30, '2.0.0': 10 });
    const record = latest('2.0.0');
    expect(record.payload).toMatchObject({ by: 'canary', steps: '25,pause,100' });
    expect(record.statuses.at(-1)).toMatchObject({ state: 'in_progress', logUrl: 'https://github.com/acme/shop/actions/runs/4242' });
    expect(record.statuses.at(-1)!.description).toMatch(/^shipline: paused at 25%/);
    expect(run.summary).toMatch(/Paused 2\.0\.0 in production at 25%/);
    expect(run.summary).toContain('gh workflow run shipline-approve.yml -f environment=production -f decision=promote');
  });

  it('while paused, refuses a deploy, a new canary and the gate', async () => {
    // Another run (the deploy guard lets the run that wrote the record through).
    const other = { GITHUB_RUN_ID: '5151' };
    const deploy = await ws.run('deploy', { version: '3.0.0' }, other);
    expect(deploy.code).toBe(1);
    expect(deploy.errors).toHaveLength(1);
    expect(deploy.errors[0]).toMatch(/A canary of 2\.0\.0 is paused in production \(shipline: paused at 25%.*Resume it/);

    const canary = await ws.run('canary', { version: '3.0.0', steps: '50,100', ...FAST }, other);
    expect(canary.code).toBe(1);
    expect(canary.errors).toEqual([
      expect.stringMatching(/^::error::A canary is paused in production: 2\.0\.0 .*Resume or abort it first/),
    ]);

    const gate = await ws.run('gate', {});
    expect(gate.code).toBe(1);
    expect(gate.outputs.allowed).toBe('false');
    expect(gate.outputs.reasons).toMatch(
      /^paused-canary \(production\): production has a paused canary of 2\.0\.0 at 25% since .*promote or abort it first/,
    );
    expect(ws.state()).toMatchObject({ weight: 25, canary: { version: '2.0.0' }, stable: { version: '1.0.0' } });
  });

  it('refuses a resume for another version and leaves the pause as it is', async () => {
    const run = await ws.run('canary', { resume: 'promote', version: '9.9.9' });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([
      expect.stringMatching(/^::error::Input "version" is 9\.9\.9, but the canary paused in production .* is 2\.0\.0: nothing was changed/),
    ]);
    expect(latest('2.0.0').statuses.at(-1)!.description).toMatch(/^shipline: paused at 25%/);
  });

  it('a second process with resume: promote judges 25% again, goes on to 100% and promotes', async () => {
    const run = await ws.run('canary', { resume: 'promote', ...FAST }, { GITHUB_RUN_ID: '6161' });
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ result: 'promoted', weight: '100' });
    expect(ws.state()).toMatchObject({ canary: null, stable: { version: '2.0.0' } });
    expect(await ws.served(20)).toEqual({ '2.0.0': 20 });
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as {
      steps: Array<{ weight: number; passed: boolean }>;
      resume: unknown;
    };
    expect(report.steps.map((s) => [s.weight, s.passed])).toEqual([
      [25, true],
      [100, true],
    ]);
    expect(report.resume).toEqual({ decision: 'promote', actor: 'octocat', pausedBy: 'https://github.com/acme/shop/actions/runs/4242' });
    const statuses = latest('2.0.0').statuses;
    expect(statuses.map((s) => s.state).slice(-2)).toEqual(['in_progress', 'success']);
    expect(statuses.at(-2)!.description).toBe('canary of 2.0.0: promote by octocat');
    expect(statuses.at(-1)!.logUrl).toBe('https://github.com/acme/shop/actions/runs/6161');
    expect(run.summary).toMatch(/\*\*decision\*\*: promote by octocat/);
  });

  it('resume: abort sends all traffic back to stable and records who aborted', async () => {
    const paused = await ws.run('canary', { version: '3.0.0', steps: '10,pause,100', ...FAST });
    expect(paused.outputs).toMatchObject({ result: 'paused', weight: '10' });
    const run = await ws.run('canary', { resume: 'abort', version: '3.0.0' }, { GITHUB_RUN_ID: '7171' });
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'aborted', weight: '0', 'failed-metric': '' });
    expect(ws.state()).toMatchObject({ weight: 0, canary: null, stable: { version: '2.0.0' } });
    expect(await ws.served(20)).toEqual({ '2.0.0': 20 });
    expect(latest('3.0.0').statuses.at(-1)).toMatchObject({ state: 'failure', description: 'aborted by octocat at 10%' });
    expect(run.summary).toMatch(/Aborted 3\.0\.0 in production by octocat: aborted by octocat at 10%; all traffic back to stable 2\.0\.0/);
    // Nothing is paused any more: the gate lets deploys through again.
    const gate = await ws.run('gate', {});
    expect(gate.outputs.allowed).toBe('true');
  });
});

describe('canary pause and resume recorded in GitHub Deployments', () => {
  const ws = workspace('staging');
  let gh: GitHubEmulator;
  beforeAll(async () => {
    gh = await startGitHubEmulator();
    const deployed = await ws.run('deploy', { version: '1.0.0', 'github-token': gh.token }, { GITHUB_API_URL: gh.url });
    expect(deployed.errors).toEqual([]);
  });
  afterAll(async () => {
    await ws.stop();
    await gh?.close();
  });

  it('writes the pause as an in_progress status with the run URL, and the abort as failure', async () => {
    const github = { GITHUB_API_URL: gh.url };
    const paused = await ws.run('canary', { version: '2.0.0', steps: '50,pause,100', 'github-token': gh.token, ...FAST }, github);
    expect(paused.errors).toEqual([]);
    expect(paused.outputs).toMatchObject({ result: 'paused', weight: '50' });
    const record = gh.deployments('staging').find((d) => (d.payload as { version?: string }).version === '2.0.0')!;
    expect(record.payload).toMatchObject({ by: 'canary', steps: '50,pause,100', stableVersion: '1.0.0', driver: 'local' });
    expect(gh.statuses(record.id)[0]).toMatchObject({
      state: 'in_progress',
      description: expect.stringMatching(/^shipline: paused at 50%/),
      log_url: 'https://github.com/acme/shop/actions/runs/4242',
    });

    const aborted = await ws.run('canary', { resume: 'abort', 'github-token': gh.token }, { ...github, GITHUB_RUN_ID: '8181' });
    expect(aborted.errors).toEqual([]);
    expect(aborted.outputs.result).toBe('aborted');
    // Newest first: the resume took the pause marker away, then recorded the abort.
    expect(
      gh
        .statuses(record.id)
        .slice(0, 2)
        .map((s) => s.description),
    ).toEqual(['aborted by octocat at 50%', 'canary of 2.0.0: abort by octocat']);
    expect(gh.statuses(record.id)[0]).toMatchObject({
      state: 'failure',
      description: 'aborted by octocat at 50%',
      log_url: 'https://github.com/acme/shop/actions/runs/8181',
    });
    expect(ws.state()).toMatchObject({ weight: 0, canary: null, stable: { version: '1.0.0' } });
  });
});
