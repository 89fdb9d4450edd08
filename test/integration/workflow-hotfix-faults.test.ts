// hotfix.yml run as written (shipline workflow run) with a fault injected in each job in turn.
// Production is rolled back only when this run changed it and then broke it; staging is never
// touched by a hotfix.
import { afterEach, describe, expect, it } from 'vitest';
import { Shop, type WorkflowReport, plantedTokenBody } from '../helpers/rehearsal.js';

let shop: Shop | undefined;
afterEach(() => shop?.stop());

const BUILD = 'mkdir -p "releases/$SHIPLINE_VERSION" && cp server.js "releases/$SHIPLINE_VERSION/"';

function hotfix(extra: string[] = []): Promise<WorkflowReport> {
  const s = shop!;
  return s.run('hotfix.yml', [
    '--ref',
    'v1.1.0',
    '--input',
    'ref=v1.1.0',
    '--input',
    'reason=checkout is down',
    '--input',
    `production-url=${s.urls.production}`,
    '--input',
    `build-command=${BUILD}`,
    '--input',
    'artifact-path=server.js',
    '--approve',
    ...extra,
  ]);
}

const results = (r: WorkflowReport) => Object.fromEntries(Object.entries(r.jobs).map(([k, v]) => [k, v.result]));
const rollbacks = () => shop!.records('production').filter((r) => r.payload.by === 'rollback');

async function productionUntouched() {
  expect(await shop!.versionsAt('production', 5)).toEqual(new Set(['1.0.0']));
  expect(shop!.records('production').map((r) => r.payload.version)).toEqual(['0.9.0', '1.0.0']);
}

async function stagingUntouched() {
  expect(await shop!.versionsAt('staging', 3)).toEqual(new Set(['1.0.0']));
  expect(shop!.records('staging').map((r) => r.payload.version)).toEqual(['0.9.0', '1.0.0']);
}

async function productionRestored() {
  expect(await shop!.versionsAt('production', 10)).toEqual(new Set(['1.0.0']));
  const attempts = shop!.records('production').filter((r) => r.payload.version === '1.1.0');
  expect(attempts.length).toBeGreaterThan(0);
  for (const r of attempts) expect(r.statuses.at(-1)?.state).not.toBe('success');
}

describe('hotfix.yml, a fault in each job in turn', () => {
  // (hotfix.yml's canary runs 2 steps of 2 minutes: the good path is rehearsed with skip-canary)
  it('all well: production runs 1.1.0, recorded with the commit built', async () => {
    shop = await new Shop().setUp();
    shop.release('v1.1.0');
    const run = await hotfix(['--input', 'skip-canary=true']);
    expect(run.result, run.log).toBe('success');
    expect(results(run)).toMatchObject({ build: 'success', scan: 'success', production: 'success', rollback: 'skipped' });
    expect(await shop.versionsAt('production', 5)).toEqual(new Set(['1.1.0']));
    const record = shop.records('production').find((r) => r.payload.version === '1.1.0') as unknown as { sha: string };
    expect(record.sha).toBe(shop.git('rev-parse', 'v1.1.0^{commit}'));
    await stagingUntouched();
  });

  it('build fails: production untouched, not rolled back', async () => {
    shop = await new Shop().setUp();
    shop.release('v1.1.0');
    const run = await hotfix(['--input', 'build-command=exit 1']);
    expect(run.result, run.log).toBe('failure');
    expect(results(run)).toMatchObject({ build: 'failure', scan: 'skipped', production: 'skipped', rollback: 'skipped' });
    await productionUntouched();
  });

  it('scan blocks: production untouched, not rolled back', async () => {
    shop = await new Shop().setUp();
    const token = ['gh', 'p_'].join('') + plantedTokenBody();
    shop.release('v1.1.0', undefined, { 'app.env': `GITHUB_TOKEN=${token}\n` });
    const run = await hotfix();
    expect(run.result, run.log).toBe('failure');
    expect(results(run)).toMatchObject({ scan: 'failure', production: 'skipped', rollback: 'skipped' });
    await productionUntouched();
  });

  it('the approval is refused: production untouched, not rolled back', async () => {
    shop = await new Shop().setUp();
    shop.release('v1.1.0');
    const run = await hotfix(['--reject', 'production']);
    expect(run.result, run.log).toBe('failure');
    expect(results(run)).toMatchObject({ production: 'failure', rollback: 'skipped' });
    await productionUntouched();
  });

  it('the deploy fails (skip-canary, the version crashes): production runs 1.0.0 again', async () => {
    shop = await new Shop().setUp();
    shop.release('v1.1.0', 'crash');
    const run = await hotfix(['--input', 'skip-canary=true']);
    expect(run.result, run.log).toBe('failure');
    expect(results(run)).toMatchObject({ production: 'failure' });
    await productionRestored();
    await stagingUntouched();
  });

  it('the smoke fails after a plain deploy: production is rolled back to 1.0.0', async () => {
    shop = await new Shop().setUp();
    shop.release('v1.1.0', 'no-api');
    const run = await hotfix(['--input', 'skip-canary=true']);
    expect(run.result, run.log).toBe('failure');
    expect(results(run)).toMatchObject({ production: 'failure', rollback: 'success' });
    await productionRestored();
    expect(rollbacks().length).toBe(1);
    await stagingUntouched();
  });

  it('the canary aborts: production stays on 1.0.0, no rollback redeploys anything', async () => {
    shop = await new Shop().setUp();
    shop.release('v1.1.0', 'errors');
    const run = await hotfix();
    expect(run.result, run.log).toBe('failure');
    expect(results(run)).toMatchObject({ production: 'failure' });
    await productionRestored();
    expect(rollbacks()).toEqual([]);
    await stagingUntouched();
  });
});
