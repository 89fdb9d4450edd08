import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type DeploymentSeed, type GitHubEmulator } from '../helpers/github-emulator.js';
import { runAction } from '../helpers/run-action.js';

let emu: GitHubEmulator;
const ids: Record<string, number> = {};
const sha = (n: number) => n.toString(16).padStart(40, 'a');

/**
 * production, newest first: 5.0.0 live (bad); 40 failed deploys; an earlier rollback to 5.0.0 that
 * undid 4.5.0; 5.0.0 inactive; 76 records of other tools and failures; then 3.0.0, 120 records back.
 */
function seedProduction() {
  const seeds: { key?: string; seed: Omit<DeploymentSeed, 'environment' | 'created_at'> }[] = [];
  seeds.push({
    key: 'bad',
    seed: { payload: { version: '5.0.0', artifact: 'shop@sha256:five', by: 'deploy' }, statuses: ['in_progress', 'success'] },
  });
  for (let i = 0; i < 40; i++)
    seeds.push({ seed: { payload: { version: `4.9.${i}`, by: 'deploy' }, statuses: ['in_progress', 'failure'] } });
  seeds.push({
    key: 'earlierRollback',
    seed: { payload: { version: '5.0.0', by: 'rollback', rollbackOf: 'UNDONE', reason: 'errors' }, statuses: ['success', 'inactive'] },
  });
  seeds.push({
    key: 'undone',
    seed: {
      payload: { version: '4.5.0', by: 'deploy' },
      statuses: ['success', { state: 'failure', description: 'rolled back to 5.0.0: errors' }],
    },
  });
  seeds.push({ seed: { payload: { version: '5.0.0', by: 'deploy' }, statuses: ['success', 'inactive'] } });
  for (let i = 0; i < 76; i++) {
    seeds.push(
      i % 2 === 0
        ? { seed: { payload: { tool: 'other' }, statuses: ['success'] } }
        : { seed: { payload: { version: `3.9.${i}`, by: 'deploy' }, statuses: ['error'] } },
    );
  }
  seeds.push({
    key: 'good',
    seed: {
      payload: { version: '3.0.0', artifact: 'shop@sha256:three', channel: 'release', by: 'deploy' },
      statuses: ['success', 'inactive'],
    },
  });
  for (let i = 0; i < 9; i++) seeds.push({ seed: { payload: { version: `2.${i}.0`, by: 'deploy' }, statuses: ['success', 'inactive'] } });
  // Oldest first, so ids grow with time as on GitHub.
  const start = Date.now() - 3_600_000;
  const n = seeds.length;
  seeds.forEach((_, i) => {
    const { key, seed } = seeds[n - 1 - i]!;
    const payload = seed.payload as Record<string, unknown>;
    if (payload.rollbackOf === 'UNDONE') payload.rollbackOf = String(ids.undone);
    const d = emu.seedDeployment({
      ...seed,
      environment: 'production',
      sha: sha(n - i),
      created_at: new Date(start + i * 1000).toISOString(),
    });
    if (key) ids[key] = d.id;
  });
  return n;
}

const run = (inputs: Record<string, string>, cwd?: string) =>
  runAction('rollback', {
    inputs: { 'github-token': emu.token, ...inputs },
    env: { GITHUB_API_URL: emu.url, SHIPLINE_PRINT_SUMMARY: 'false' },
    cwd,
  });
const graphqlCalls = () => emu.calls('POST', '/graphql');
const writes = () => emu.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/repos/')).length;

beforeAll(async () => {
  emu = await startGitHubEmulator();
  expect(seedProduction()).toBe(130);
  emu.seedDeployment({
    environment: 'staging',
    sha: sha(900),
    created_at: new Date(Date.now() - 60_000).toISOString(),
    payload: { version: '1.0.0', by: 'deploy' },
    statuses: ['success', 'inactive'],
  });
  ids.stagingBad = emu.seedDeployment({
    environment: 'staging',
    sha: sha(901),
    created_at: new Date(Date.now() - 30_000).toISOString(),
    payload: { version: '2.0.0', by: 'deploy' },
    statuses: ['success'],
  }).id;
});
afterAll(() => emu.close());

describe('rollback bundle against GitHub deployments', () => {
  it('dry run: finds the target 120 records back in 2 calls, says what it skipped and why, writes nothing', async () => {
    const before = { graphql: graphqlCalls(), writes: writes() };
    const r = await run({ environment: 'production', 'deploy-command': 'exit 1', 'dry-run': 'true' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ result: 'dry-run', version: '3.0.0', 'from-version': '5.0.0', trigger: 'manual' });
    expect(graphqlCalls() - before.graphql).toBe(2);
    expect(writes()).toBe(before.writes);
    expect(r.summary).toContain('119 records passed over');
    expect(r.summary).toContain(`rolled back by deployment ${ids.earlierRollback}`);
    expect(r.summary).toContain('the same version as the deployment being rolled back');
    expect(r.summary).toContain('its last status is failure');
    expect(r.summary).toMatch(/38 × not a shipline record/);
    expect(r.summary).toContain('run deploy-command with SHIPLINE\\_VERSION=3.0.0');
    expect(r.summary).toContain(`status failure on deployment ${ids.bad} (5.0.0)`);
  });

  it('rolls back with the command driver, records it, and a second run does nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipline-rb-'));
    const out = join(dir, 'rolled.txt');
    const goodStatuses = emu.statuses(ids.good!);
    const r = await run(
      {
        environment: 'production',
        reason: 'checkout errors',
        'rollback-command': `echo "$SHIPLINE_VERSION $SHIPLINE_ARTIFACT $SHIPLINE_PREVIOUS_VERSION" > "${out}"`,
      },
      dir,
    );
    expect(r.code, r.stdout).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('3.0.0 shop@sha256:three 5.0.0\n');
    expect(r.outputs).toMatchObject({ result: 'success', version: '3.0.0', 'from-version': '5.0.0', trigger: 'manual' });
    const newest = emu.deployments('production')[0]!;
    expect(String(newest.id)).toBe(r.outputs['deployment-id']);
    expect(newest.sha).toBe(emu.deployments('production').find((d) => d.id === ids.good)!.sha);
    expect(newest.payload).toMatchObject({
      version: '3.0.0',
      artifact: 'shop@sha256:three',
      channel: 'release',
      rollbackOf: String(ids.bad),
      reason: 'checkout errors',
      by: 'rollback',
    });
    expect(emu.statuses(newest.id).map((s) => s.state)).toEqual(['success', 'in_progress']);
    const badLatest = emu.statuses(ids.bad!)[0]!;
    expect([badLatest.state, badLatest.description]).toEqual(['failure', 'rolled back to 3.0.0: checkout errors']);
    expect(emu.statuses(ids.good!)).toEqual(goodStatuses);
    expect(r.summary).toContain('Rolled production back from 5.0.0 to 3.0.0');

    const count = emu.deployments('production').length;
    const again = await run({ environment: 'production', 'rollback-command': `echo again > "${out}"` }, dir);
    expect(again.code, again.stdout).toBe(0);
    expect(again.outputs).toMatchObject({
      result: 'already-rolled-back',
      version: '3.0.0',
      'from-version': '5.0.0',
      'deployment-id': String(newest.id),
    });
    expect(again.summary).toContain(`production was already rolled back to 3.0.0 by deployment ${newest.id}; nothing to do.`);
    expect(emu.deployments('production')).toHaveLength(count);
    expect(readFileSync(out, 'utf8')).toBe('3.0.0 shop@sha256:three 5.0.0\n');
  });

  it('a failing rollback-command: error on its own record, outputs set, the other records untouched', async () => {
    const before = emu.deployments('staging').map((d) => [d.id, emu.statuses(d.id)]);
    const r = await run({
      environment: 'staging',
      'rollback-command': 'echo cannot reach the cluster; exit 7',
      checks: '[{path: /health}]',
      url: 'http://127.0.0.1:9/',
    });
    expect(r.code).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/^::error::ROLLBACK FAILED: putting 1\.0\.0 back in staging failed: rollback-command exited with code 7/);
    expect(r.outputs).toMatchObject({ result: 'failure', version: '1.0.0', 'from-version': '2.0.0', trigger: 'manual' });
    const mine = emu.deployments('staging')[0]!;
    expect(String(mine.id)).toBe(r.outputs['deployment-id']);
    expect(emu.statuses(mine.id).map((s) => s.state)).toEqual(['error', 'in_progress']);
    expect(emu.statuses(mine.id)[0]!.description).toMatch(/^rollback failed: rollback-command exited with code 7/);
    for (const [id, statuses] of before) expect(emu.statuses(id as number)).toEqual(statuses);
    expect(r.summary).toContain('ROLLBACK FAILED');
  });

  describe('bad input: one clear error, nothing written', () => {
    const cases: [string, Record<string, string>, RegExp][] = [
      [
        'a to-version never deployed',
        { environment: 'production', 'to-version': '9.9.9', 'deploy-command': 'true' },
        /^::error::Input "to-version": 9\.9\.9 was never deployed to production before 3\.0\.0 .*versions deployed there: /,
      ],
      [
        'an environment with no records',
        { environment: 'qa', 'deploy-command': 'true' },
        /^::error::Input "environment": qa has no deployment records: nothing to roll back\./,
      ],
      [
        'bake: forever',
        { environment: 'production', bake: 'forever', 'deploy-command': 'true' },
        /^::error::Input "bake": "forever" is not a duration\. Accepted: a number followed by ms, s, m or h/,
      ],
      ['no driver settings', { environment: 'production' }, /^::error::Input "app-command" is required by the local driver\./],
    ];
    it.each(cases)('%s', async (_, inputs, message) => {
      const before = writes();
      const r = await run(inputs);
      expect(r.code).toBe(1);
      expect(r.errors, r.stdout).toHaveLength(1);
      expect(r.errors[0]).toMatch(message);
      expect(writes()).toBe(before);
    });
  });
});
