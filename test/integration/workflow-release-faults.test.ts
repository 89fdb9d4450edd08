// release.yml run as written (shipline workflow run) with a fault injected in each job in turn:
// which jobs ran, what each environment runs afterwards (local driver), what the ledger says.
// The contract: an environment this run did not change is never rolled back; one it broke is
// always restored.
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Shop, type Environment, type WorkflowReport, plantedTokenBody } from '../helpers/rehearsal.js';

let shop: Shop | undefined;
afterEach(() => shop?.stop());

const BUILD = 'mkdir -p "releases/$SHIPLINE_VERSION" && cp server.js "releases/$SHIPLINE_VERSION/"';

async function release(extra: string[] = [], onLine?: Parameters<Shop['run']>[2]): Promise<WorkflowReport> {
  const s = shop!;
  return s.run(
    'release.yml',
    [
      '--ref',
      'v1.1.0',
      '--input',
      `staging-url=${s.urls.staging}`,
      '--input',
      `production-url=${s.urls.production}`,
      '--input',
      `build-command=${BUILD}`,
      '--input',
      'artifact-path=server.js',
      '--input',
      'min-soak=0s',
      '--input',
      'bake=3s',
      '--approve',
      ...extra,
    ],
    onLine,
  );
}

const results = (r: WorkflowReport) => Object.fromEntries(Object.entries(r.jobs).map(([k, v]) => [k, v.result]));
const rollbacks = (env: Environment) => shop!.records(env).filter((r) => r.payload.by === 'rollback');

/** Nothing changed `env` in this run: it answers 1.0.0, has no record of 1.1.0 and no rollback. */
async function untouched(env: Environment) {
  expect(await shop!.versionsAt(env, 5), `${env} answers`).toEqual(new Set(['1.0.0']));
  expect(
    shop!.records(env).filter((r) => r.payload.version === '1.1.0'),
    `${env} records of 1.1.0`,
  ).toEqual([]);
  expect(rollbacks(env), `${env} rollbacks`).toEqual([]);
}

/** This run changed `env` and broke it: it answers 1.0.0 again; the 1.1.0 deployment is not successful. */
async function restored(env: Environment) {
  expect(await shop!.versionsAt(env, 10), `${env} answers`).toEqual(new Set(['1.0.0']));
  const attempts = shop!.records(env).filter((r) => r.payload.version === '1.1.0');
  expect(attempts.length, `${env} records of 1.1.0`).toBeGreaterThan(0);
  for (const r of attempts) expect(r.statuses.at(-1)?.state, `${env} record ${r.id} of 1.1.0`).not.toBe('success');
}

/** This run deployed 1.1.0 to `env` and it is fine there: it stays, not rolled back. */
async function kept(env: Environment) {
  expect(await shop!.versionsAt(env, 5), `${env} answers`).toEqual(new Set(['1.1.0']));
  expect(rollbacks(env), `${env} rollbacks`).toEqual([]);
}

describe('release.yml, a fault in each job in turn', () => {
  it('build fails: nothing after it runs, no environment is touched or rolled back', async () => {
    shop = await new Shop().setUp();
    shop.release('v1.1.0');
    const run = await release(['--input', 'build-command=echo "compile error" >&2; exit 1']);
    expect(run.result, run.log).toBe('failure');
    expect(results(run)).toMatchObject({
      build: 'failure',
      scan: 'skipped',
      staging: 'skipped',
      gate: 'skipped',
      production: 'skipped',
      verify: 'skipped',
      rollback: 'skipped',
    });
    await untouched('staging');
    await untouched('production');
  });

  it('scan blocks (a planted token): staging and production untouched, nothing rolled back', async () => {
    shop = await new Shop().setUp();
    const token = ['gh', 'p_'].join('') + plantedTokenBody();
    shop.release('v1.1.0', undefined, { 'app.env': `GITHUB_TOKEN=${token}\n` });
    const run = await release();
    expect(run.result, run.log).toBe('failure');
    expect(results(run)).toMatchObject({ build: 'success', scan: 'failure', staging: 'skipped', production: 'skipped' });
    expect(run.log).not.toContain(token);
    await untouched('staging');
    await untouched('production');
  });

  it('the staging deploy fails (the version crashes): staging runs 1.0.0 again, production untouched', async () => {
    shop = await new Shop().setUp();
    shop.release('v1.1.0', 'crash');
    const run = await release();
    expect(run.result, run.log).toBe('failure');
    expect(results(run)).toMatchObject({
      build: 'success',
      scan: 'success',
      staging: 'failure',
      gate: 'skipped',
      production: 'skipped',
      verify: 'skipped',
    });
    await restored('staging');
    await untouched('production');
  });

  it('the staging smoke fails: staging is restored to 1.0.0, production untouched', async () => {
    shop = await new Shop().setUp();
    shop.release('v1.1.0', 'no-api');
    const run = await release();
    expect(run.result, run.log).toBe('failure');
    expect(results(run)).toMatchObject({ staging: 'failure', gate: 'skipped', production: 'skipped' });
    await restored('staging');
    await untouched('production');
  });

  it('the gate refuses (not soaked): staging keeps 1.1.0, production untouched, nothing rolled back', async () => {
    shop = await new Shop().setUp();
    shop.release('v1.1.0');
    const run = await release(['--input', 'min-soak=24h']);
    expect(run.result, run.log).toBe('failure');
    expect(results(run)).toMatchObject({ staging: 'success', gate: 'failure', production: 'skipped', verify: 'skipped' });
    await kept('staging');
    await untouched('production');
  });

  it('the production approval is refused: staging keeps 1.1.0, production untouched, nothing rolled back', async () => {
    shop = await new Shop().setUp();
    shop.release('v1.1.0');
    const run = await release(['--reject', 'production']);
    expect(run.result, run.log).toBe('failure');
    expect(results(run)).toMatchObject({ staging: 'success', gate: 'success', production: 'failure', verify: 'skipped' });
    expect(run.log).toContain('the deployment to production was rejected');
    await kept('staging');
    await untouched('production');
  });

  it('the canary aborts (30% errors): production stays on 1.0.0, staging keeps 1.1.0', async () => {
    shop = await new Shop().setUp();
    shop.release('v1.1.0', 'errors');
    const run = await release();
    expect(run.result, run.log).toBe('failure');
    expect(results(run)).toMatchObject({ staging: 'success', gate: 'success', production: 'failure', verify: 'skipped' });
    expect(run.jobs.production!.outputs.result).toBe('aborted');
    await restored('production');
    // the canary put traffic back itself; no rollback redeployed anything
    expect(rollbacks('production')).toEqual([]);
    await kept('staging');
  });

  it('verify finds a regression after promotion: production is rolled back to 1.0.0, staging keeps 1.1.0', async () => {
    shop = await new Shop().setUp();
    shop.release('v1.1.0', 'breaks-later');
    const run = await release([], (line) => {
      if (line.startsWith('▶ job verify')) writeFileSync(shop!.breakFlag, 'now');
    });
    expect(run.result, run.log).toBe('failure');
    expect(
      results(run),
      run.log
        .split('\n')
        .filter((l) => l.includes('production'))
        .join('\n'),
    ).toMatchObject({ production: 'success', verify: 'failure' });
    expect(run.jobs.production!.outputs.result).toBe('promoted');
    expect(await shop.versionsAt('production', 10)).toEqual(new Set(['1.0.0']));
    expect(rollbacks('production').length).toBe(1);
    await kept('staging');
  });

  it('the run is cancelled mid-canary: traffic goes back to 1.0.0, staging keeps 1.1.0', async () => {
    shop = await new Shop().setUp();
    shop.release('v1.1.0');
    let sent = false;
    const run = await release([], (line, child) => {
      if (!sent && /\[production\] .*(Starting canary|canary)/i.test(line) && /weight|%/.test(line)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(sent, run.log).toBe(true);
    expect(run.result, run.log).toBe('cancelled');
    expect(results(run)).toMatchObject({ staging: 'success', gate: 'success', production: 'cancelled', verify: 'skipped' });
    await restored('production');
    expect(rollbacks('production')).toEqual([]);
    await kept('staging');
  });
});
