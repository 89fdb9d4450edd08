// staging.yml run as written (shipline workflow run) with a fault injected in each job in turn.
// Staging is rolled back only when this run changed it and then broke it; production is never
// touched by this workflow.
import { afterEach, describe, expect, it } from 'vitest';
import { Shop, type WorkflowReport, plantedTokenBody } from '../helpers/rehearsal.js';

let shop: Shop | undefined;
afterEach(() => shop?.stop());

const BUILD = 'mkdir -p "releases/$SHIPLINE_VERSION" && cp server.js "releases/$SHIPLINE_VERSION/"';

function staging(extra: string[] = []): Promise<WorkflowReport> {
  const s = shop!;
  return s.run('staging.yml', [
    '--ref',
    'v1.1.0',
    '--input',
    `staging-url=${s.urls.staging}`,
    '--input',
    `build-command=${BUILD}`,
    '--input',
    'artifact-path=server.js',
    '--approve',
    ...extra,
  ]);
}

const results = (r: WorkflowReport) => Object.fromEntries(Object.entries(r.jobs).map(([k, v]) => [k, v.result]));
const stagingRollbacks = () => shop!.records('staging').filter((r) => r.payload.by === 'rollback');

async function productionUntouched() {
  expect(await shop!.versionsAt('production', 3)).toEqual(new Set(['1.0.0']));
  expect(shop!.records('production').map((r) => r.payload.version)).toEqual(['0.9.0', '1.0.0']);
}

describe('staging.yml, a fault in each job in turn', () => {
  it('all well: staging runs 1.1.0, nothing rolled back', async () => {
    shop = await new Shop().setUp();
    shop.release('v1.1.0');
    const run = await staging();
    expect(run.result, run.log).toBe('success');
    expect(results(run)).toMatchObject({ build: 'success', scan: 'success', 'deploy-staging': 'success', rollback: 'skipped' });
    expect(await shop.versionsAt('staging', 3)).toEqual(new Set(['1.1.0']));
    await productionUntouched();
  });

  it('build fails: staging untouched, not rolled back', async () => {
    shop = await new Shop().setUp();
    shop.release('v1.1.0');
    const run = await staging(['--input', 'build-command=exit 1']);
    expect(run.result, run.log).toBe('failure');
    expect(results(run)).toMatchObject({ build: 'failure', scan: 'skipped', 'deploy-staging': 'skipped', rollback: 'skipped' });
    expect(await shop.versionsAt('staging', 3)).toEqual(new Set(['1.0.0']));
    expect(stagingRollbacks()).toEqual([]);
    await productionUntouched();
  });

  it('scan blocks: staging untouched, not rolled back', async () => {
    shop = await new Shop().setUp();
    const token = ['gh', 'p_'].join('') + plantedTokenBody();
    shop.release('v1.1.0', undefined, { 'app.env': `GITHUB_TOKEN=${token}\n` });
    const run = await staging();
    expect(run.result, run.log).toBe('failure');
    expect(results(run)).toMatchObject({ scan: 'failure', 'deploy-staging': 'skipped', rollback: 'skipped' });
    expect(await shop.versionsAt('staging', 3)).toEqual(new Set(['1.0.0']));
    expect(stagingRollbacks()).toEqual([]);
    await productionUntouched();
  });

  it('the deploy fails (the version crashes): staging runs 1.0.0 again', async () => {
    shop = await new Shop().setUp();
    shop.release('v1.1.0', 'crash');
    const run = await staging();
    expect(run.result, run.log).toBe('failure');
    expect(results(run)).toMatchObject({ 'deploy-staging': 'failure' });
    expect(await shop.versionsAt('staging', 5)).toEqual(new Set(['1.0.0']));
    for (const r of shop.records('staging').filter((x) => x.payload.version === '1.1.0'))
      expect(r.statuses.at(-1)?.state).not.toBe('success');
    await productionUntouched();
  });

  it('the smoke fails: staging is rolled back to 1.0.0', async () => {
    shop = await new Shop().setUp();
    shop.release('v1.1.0', 'no-api');
    const run = await staging();
    expect(run.result, run.log).toBe('failure');
    expect(results(run)).toMatchObject({ 'deploy-staging': 'failure', rollback: 'success' });
    expect(await shop.versionsAt('staging', 5)).toEqual(new Set(['1.0.0']));
    expect(stagingRollbacks().length).toBe(1);
    await productionUntouched();
  });
});
