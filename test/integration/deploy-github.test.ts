// The deploy bundle run as a runner does, against the GitHub REST emulator, with the command driver.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../helpers/github-emulator.js';
import { runAction, type RunActionOptions } from '../helpers/run-action.js';

const SHA = 'a'.repeat(40); // GITHUB_SHA as run-action sets it
const RUN_URL = 'https://github.com/acme/shop/actions/runs/4242';
let emu: GitHubEmulator;
let dir: string;

beforeAll(async () => {
  emu = await startGitHubEmulator();
  dir = mkdtempSync(join(tmpdir(), 'shipline-deploy-gh-'));
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => emu.reset());

let markers = 0;
/** A path the deploy-command creates: it exists only if the command ran. */
const marker = () => join(dir, `ran-${++markers}`);

function deploy(inputs: Record<string, string>, opts: Omit<RunActionOptions, 'inputs'> = {}) {
  return runAction('deploy', {
    ...opts,
    inputs: { 'github-token': emu.token, ...inputs },
    env: { GITHUB_API_URL: emu.url, ...opts.env },
  });
}

const writes = () => emu.requests.filter((r) => r.path !== '/graphql');

describe('deploy bundle: GitHub Deployment records', () => {
  it('creates the deployment and its statuses in 5 API calls (one read after creating it closes the race)', async () => {
    const ran = marker();
    const run = await deploy({
      environment: 'staging',
      version: '1.4.0',
      artifact: 'ghcr.io/acme/shop@sha256:1111',
      url: 'https://staging.shop.example',
      'deploy-command': `echo "deploying $SHIPLINE_VERSION ($SHIPLINE_ARTIFACT) to $SHIPLINE_ENVIRONMENT" && touch "${ran}"`,
    });
    expect(run.code, run.stdout).toBe(0);
    expect(existsSync(ran)).toBe(true);
    expect(run.stdout).toContain('deploying 1.4.0 (ghcr.io/acme/shop@sha256:1111) to staging');
    expect(run.outputs).toEqual({
      result: 'success',
      'deployment-id': '1',
      version: '1.4.0',
      'previous-version': '',
      'environment-url': 'https://staging.shop.example',
    });

    expect(emu.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /graphql 200',
      'POST /repos/acme/shop/deployments 201',
      'POST /repos/acme/shop/deployments/1/statuses 201',
      'POST /graphql 200',
      'POST /repos/acme/shop/deployments/1/statuses 201',
    ]);
    expect(emu.requests[1]!.body).toMatchObject({
      ref: SHA,
      environment: 'staging',
      auto_merge: false,
      required_contexts: [],
      production_environment: false,
    });

    const [record] = emu.deployments('staging');
    expect(emu.deployments()).toHaveLength(1);
    expect(record).toMatchObject({ id: 1, sha: SHA, ref: SHA, environment: 'staging', transient_environment: false });
    expect(record!.payload).toEqual({
      version: '1.4.0',
      artifact: 'ghcr.io/acme/shop@sha256:1111',
      channel: 'staging',
      runUrl: RUN_URL,
      by: 'deploy',
      runId: '4242',
      runAttempt: '1',
      host: hostname(),
      pid: expect.any(Number),
    });
    const statuses = emu.statuses(1).map((s) => ({ state: s.state, environment_url: s.environment_url, log_url: s.log_url }));
    expect(statuses).toEqual([
      { state: 'success', environment_url: 'https://staging.shop.example', log_url: RUN_URL },
      { state: 'in_progress', environment_url: '', log_url: RUN_URL },
    ]);
    expect(run.summary).toContain('Deployed 1.4.0 to staging');
    expect(run.summary).toContain('GitHub API calls: 5');
    expect(run.errors).toEqual([]);
  });

  it("takes previous-version from the newest successful shipline record, past failures and GitHub's own job deployment", async () => {
    const old = Date.now() - 3_600_000;
    const at = (minutes: number) => new Date(old + minutes * 60_000).toISOString();
    emu.seedDeployment({
      environment: 'production',
      sha: 'b'.repeat(40),
      created_at: at(0),
      payload: { version: '1.0.0', by: 'deploy' },
      statuses: ['in_progress', 'success', 'inactive'],
    });
    emu.seedDeployment({
      environment: 'production',
      sha: 'c'.repeat(40),
      created_at: at(1),
      payload: { version: '1.1.0', by: 'deploy' },
      statuses: ['in_progress', 'success'],
    });
    emu.seedDeployment({
      environment: 'production',
      sha: 'd'.repeat(40),
      created_at: at(2),
      payload: { version: '1.2.0', by: 'deploy' },
      statuses: ['in_progress', 'failure'],
    });
    // What GitHub writes for a job with `environment: production`: no payload, in progress while the job runs.
    emu.seedDeployment({ environment: 'production', sha: SHA, created_at: at(3), payload: '', statuses: ['in_progress'] });
    emu.seedDeployment({
      environment: 'staging',
      sha: SHA,
      created_at: at(3),
      payload: { version: '9.9.9', by: 'deploy' },
      statuses: ['success'],
    });

    const manifest = join(dir, 'manifest.json');
    writeFileSync(
      manifest,
      JSON.stringify({
        schemaVersion: 1,
        version: '1.3.0',
        channel: 'release',
        commit: SHA,
        ref: 'refs/tags/v1.3.0',
        tags: ['1.3.0', '1.3', '1', 'latest'],
        image: {
          repository: 'ghcr.io/acme/shop',
          reference: `ghcr.io/acme/shop@sha256:${'e'.repeat(64)}`,
          digest: `sha256:${'e'.repeat(64)}`,
          tags: [],
          pushed: true,
        },
        builtAt: new Date().toISOString(),
      }),
    );
    const run = await deploy({ environment: 'production', manifest, 'deploy-command': 'echo "was $SHIPLINE_PREVIOUS_VERSION"' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'success', version: '1.3.0', 'previous-version': '1.1.0', 'deployment-id': '6' });
    expect(run.stdout).toContain('was 1.1.0');
    const created = emu.deployments('production').find((d) => d.id === 6)!;
    expect(created.payload).toMatchObject({
      version: '1.3.0',
      artifact: `ghcr.io/acme/shop@sha256:${'e'.repeat(64)}`,
      channel: 'release',
      runUrl: RUN_URL,
      by: 'deploy',
    });
    expect(created.production_environment).toBe(true);
    // GitHub's auto_inactive leaves production deployments alone: the version that ran before stays success.
    expect(emu.statuses(2)[0]!.state).toBe('success');
    expect(emu.statuses(3)[0]!.state).toBe('failure');
    expect(emu.statuses(5)[0]!.state).toBe('success');
    expect(emu.requests).toHaveLength(5);
  });

  it('records the commit the manifest names (the one checked out and built), not GITHUB_SHA', async () => {
    const built = 'c'.repeat(40);
    const manifest = join(dir, 'manifest-hotfix.json');
    writeFileSync(
      manifest,
      JSON.stringify({
        schemaVersion: 1,
        version: 'hotfix-ccccccc',
        channel: 'hotfix',
        commit: built,
        ref: 'refs/heads/main',
        tags: ['hotfix-ccccccc'],
        builtAt: new Date().toISOString(),
      }),
    );
    const run = await deploy({ environment: 'production', manifest, 'deploy-command': 'true' });
    expect(run.code, run.stdout).toBe(0);
    const [created] = emu.deployments('production');
    expect(created).toMatchObject({ sha: built, payload: { version: 'hotfix-ccccccc', channel: 'hotfix' } });
  });

  it.each([
    [
      'version',
      { version: '1.0.1$(id)\n::error::forged' },
      /field "version": "1\.0\.1\$\(id\)\\n::error::forged" is not valid\. Accepted: a version of letters/,
    ],
    [
      'image.reference',
      { image: { repository: 'ghcr.io/acme/shop', reference: 'ghcr.io/acme/shop:1\n::error::forged', tags: [], pushed: false } },
      /field "image\.reference": .* is not valid\. Accepted: an image reference .* on one line/,
    ],
    ['ref', { ref: 'refs/heads/main\n::error::forged' }, /field "ref": .* is not valid\. Accepted: a git ref .* on one line/],
    [
      'archive.path',
      { archive: { path: 'dist/app.tgz\r\n::add-mask::the', sha256: `sha256:${'f'.repeat(64)}`, bytes: 1, files: 1 } },
      /field "archive\.path": .* is not valid\. Accepted: an image reference .* on one line/,
    ],
  ])('refuses a manifest whose %s would not pass as an input, before any record or command', async (_field, fields, message) => {
    const manifest = join(dir, `manifest-bad-${_field}.json`);
    writeFileSync(
      manifest,
      JSON.stringify({
        schemaVersion: 1,
        version: '1.0.1',
        channel: 'release',
        commit: SHA,
        ref: 'refs/tags/v1.0.1',
        tags: ['1.0.1'],
        builtAt: new Date().toISOString(),
        ...fields,
      }),
    );
    const ran = marker();
    const run = await deploy({ environment: 'production', manifest, 'deploy-command': `touch "${ran}"` });
    expect(run.code).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(
      new RegExp(`^::error::Input "manifest": build manifest ${manifest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, `),
    );
    expect(run.errors[0]).toMatch(message);
    expect(run.stdout.split('\n').filter((l) => /^::(error::forged|add-mask::the)/.test(l))).toEqual([]);
    expect(existsSync(ran)).toBe(false);
    expect(writes()).toEqual([]);
    expect(emu.requests).toEqual([]);
  });

  it('marks the record failure with the reason and sets every output before failing when the driver fails', async () => {
    emu.seedDeployment({ environment: 'staging', sha: 'b'.repeat(40), payload: { version: '1.0.0', by: 'deploy' }, statuses: ['success'] });
    const run = await deploy({
      environment: 'staging',
      version: '1.1.0',
      url: 'https://staging.shop.example',
      'deploy-command': 'echo "no space left on device" >&2; exit 3',
    });
    expect(run.code).toBe(1);
    expect(run.outputs).toEqual({
      result: 'failure',
      'deployment-id': '2',
      version: '1.1.0',
      'previous-version': '1.0.0',
      'environment-url': 'https://staging.shop.example',
    });
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain('deploy-command exited with code 3');
    expect(run.errors[0]).toContain('no space left on device');
    const [failed, started] = emu.statuses(2);
    expect(started!.state).toBe('in_progress');
    expect(failed).toMatchObject({
      state: 'failure',
      description: 'deploy-command exited with code 3; last output: no space left on device',
      log_url: RUN_URL,
      environment_url: 'https://staging.shop.example',
    });
    expect(emu.statuses(1)[0]!.state).toBe('success');
    expect(run.summary).toContain('Deploying 1.1.0 to staging failed; 1.0.0 was running before');
    expect(emu.requests).toHaveLength(5);
  });

  it('retries GitHub 5xx answers and waits out a secondary rate limit, writing each record once', async () => {
    emu.failNext(1, { status: 502, method: 'POST', pathPrefix: '/repos/acme/shop/deployments' });
    emu.secondaryRateLimitNext(1, 1, { method: 'POST', pathPrefix: '/repos/acme/shop/deployments/1/statuses' });
    const run = await deploy({ environment: 'staging', version: '2.0.0', 'deploy-command': 'true' });
    expect(run.code, run.stdout).toBe(0);
    expect(emu.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /graphql 200',
      'POST /repos/acme/shop/deployments 502',
      'POST /repos/acme/shop/deployments 201',
      'POST /repos/acme/shop/deployments/1/statuses 403',
      'POST /repos/acme/shop/deployments/1/statuses 201',
      'POST /graphql 200',
      'POST /repos/acme/shop/deployments/1/statuses 201',
    ]);
    expect(run.stdout).toContain(
      '::warning::GitHub secondary rate limit on POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses; retrying in 1s',
    );
    expect(emu.deployments()).toHaveLength(1);
    expect(emu.statuses(1).map((s) => s.state)).toEqual(['success', 'in_progress']);
    expect(run.summary).toContain('GitHub API calls: 5');
  });

  it('fails loudly when the record cannot be written after the driver succeeded', async () => {
    const ran = marker();
    // The deploy succeeds, but its deployment disappears meanwhile (deleted by someone else).
    const deleteIt = `fetch(process.argv[1], { method: 'DELETE', headers: { authorization: 'token ' + process.argv[2] } }).then((r) => process.exit(r.status === 204 ? 0 : 9))`;
    const run = await deploy({
      environment: 'qa',
      version: '3.0.0',
      'deploy-command': `node -e "${deleteIt}" "${emu.url}/repos/acme/shop/deployments/1" "${emu.token}" && touch "${ran}"`,
    });
    expect(existsSync(ran)).toBe(true);
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'failure', 'deployment-id': '1', version: '3.0.0' });
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain('3.0.0 was deployed to qa, but its record (deployment 1) could not be marked successful');
    expect(run.summary).not.toContain('Deployed 3.0.0');
    expect(emu.requests.filter((r) => r.status === 404)).toHaveLength(1);
  });
});

describe('deploy bundle: staged promotion', () => {
  it('refuses before touching anything when the version was never proven on staging, saying what runs there', async () => {
    emu.seedDeployment({ environment: 'staging', sha: 'b'.repeat(40), payload: { version: '1.9.0', by: 'deploy' }, statuses: ['success'] });
    const ran = marker();
    const run = await deploy({
      environment: 'production',
      version: '2.0.0',
      'require-promotion-from': 'staging',
      'deploy-command': `touch "${ran}"`,
    });
    expect(run.code).toBe(1);
    expect(existsSync(ran)).toBe(false);
    expect(run.outputs.result).toBe('refused');
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain(
      'Refusing to deploy to production: 2.0.0 at aaaaaaa has no successful deployment in staging: it was never deployed there; staging runs 1.9.0 at bbbbbbb',
    );
    expect(writes()).toEqual([]);
    expect(emu.deployments('production')).toEqual([]);
  });

  it('refuses a version whose staging deployment was rolled back', async () => {
    emu.seedDeployment({
      environment: 'staging',
      sha: 'b'.repeat(40),
      created_at: '2025-01-01T10:00:00Z',
      payload: { version: '1.9.0', by: 'deploy' },
      statuses: ['success', 'inactive'],
    });
    emu.seedDeployment({
      environment: 'staging',
      sha: SHA,
      created_at: '2025-01-01T11:00:00Z',
      payload: { version: '2.0.0', by: 'deploy' },
      statuses: ['success', 'inactive'],
    });
    emu.seedDeployment({
      environment: 'staging',
      sha: 'b'.repeat(40),
      created_at: '2025-01-01T12:00:00Z',
      payload: { version: '1.9.0', rollbackOf: '2', by: 'rollback' },
      statuses: ['success'],
    });
    const ran = marker();
    const run = await deploy({
      environment: 'production',
      version: '2.0.0',
      'require-promotion-from': 'staging',
      'deploy-command': `touch "${ran}"`,
    });
    expect(run.code).toBe(1);
    expect(existsSync(ran)).toBe(false);
    expect(run.errors[0]).toContain('its deployments there did not succeed: 2.0.0 at aaaaaaa (deployment 2, inactive');
    expect(writes()).toEqual([]);
  });

  it('deploys a commit and version proven on staging, in 6 calls', async () => {
    emu.seedDeployment({
      environment: 'staging',
      sha: SHA,
      payload: { version: '2.0.0', by: 'deploy' },
      statuses: ['in_progress', 'success'],
    });
    const run = await deploy({
      environment: 'production',
      version: '2.0.0',
      'require-promotion-from': 'staging',
      'deploy-command': 'true',
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('Promotion evidence: staging ran 2.0.0 at aaaaaaa (deployment 1, success');
    expect(emu.requests.map((r) => r.path)).toEqual([
      '/graphql',
      '/graphql',
      '/repos/acme/shop/deployments',
      '/repos/acme/shop/deployments/2/statuses',
      '/graphql',
      '/repos/acme/shop/deployments/2/statuses',
    ]);
    expect(emu.requests[1]!.body).toMatchObject({ variables: { environments: ['staging'] } });
  });
});

describe('deploy bundle: one deploy per environment at a time', () => {
  it('fails fast when another run is still deploying to the environment', async () => {
    emu.seedDeployment({
      environment: 'production',
      sha: 'b'.repeat(40),
      payload: { version: '1.0.0', by: 'deploy' },
      statuses: ['success'],
    });
    emu.seedDeployment({
      environment: 'production',
      sha: 'c'.repeat(40),
      payload: { version: '1.1.0', by: 'deploy', runUrl: 'https://github.com/acme/shop/actions/runs/99' },
      statuses: [{ state: 'in_progress', description: 'deploying 1.1.0' }],
    });
    const ran = marker();
    const run = await deploy({ environment: 'production', version: '1.2.0', 'deploy-command': `touch "${ran}"` });
    expect(run.code).toBe(1);
    expect(existsSync(ran)).toBe(false);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain(
      'Another deploy to production is still in progress: 1.1.0 at ccccccc (deployment 2, in_progress: deploying 1.1.0',
    );
    expect(run.errors[0]).toContain('by https://github.com/acme/shop/actions/runs/99');
    expect(run.errors[0]).toContain('concurrency: deploy-production');
    expect(run.outputs).toMatchObject({ result: 'failure', 'previous-version': '1.0.0' });
    expect(writes()).toEqual([]);
  });

  it('goes ahead, with a warning, past a record abandoned for more than twice the timeout', async () => {
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    emu.seedDeployment({
      environment: 'production',
      sha: 'c'.repeat(40),
      created_at: hourAgo,
      payload: { version: '1.1.0', by: 'deploy', runUrl: 'https://github.com/acme/shop/actions/runs/99' },
      statuses: ['in_progress'],
    });
    const run = await deploy({ environment: 'production', version: '1.2.0', timeout: '1m', 'deploy-command': 'true' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(
      /::warning::Deployment 1 \(1\.1\.0\) was left in progress and is stale: it has been in progress for .*, more than 2m \(twice the timeout\)\. Marking it error and going on\./,
    );
    expect(emu.deployments('production')).toHaveLength(2);
    expect(emu.statuses(1)[0]).toMatchObject({
      state: 'error',
      description: expect.stringMatching(/^found stale: it has been in progress for /),
    });
  });
});

describe('deploy bundle: dry-run and bad input change nothing', () => {
  it('dry-run prints the plan, runs nothing and writes no record', async () => {
    const ran = marker();
    const run = await deploy({ environment: 'staging', version: '1.5.0', 'dry-run': 'true', 'deploy-command': `touch "${ran}"` });
    expect(run.code, run.stdout).toBe(0);
    expect(existsSync(ran)).toBe(false);
    expect(run.outputs).toMatchObject({ result: 'dry-run', version: '1.5.0' });
    expect(run.stdout).toContain('would run deploy-command with SHIPLINE_VERSION=1.5.0');
    expect(run.summary).toContain('Dry run: would deploy 1.5.0 to staging with the command driver; nothing changed.');
    expect(run.summary).toContain('create deployment: environment staging, ref aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
    expect(writes()).toEqual([]);
    expect(emu.deployments()).toEqual([]);
  });

  it('rejects each bad input with one ::error::, no record and no command', async () => {
    const configDir = join(dir, 'config-is-a-directory');
    mkdirSync(configDir, { recursive: true });
    const cases: [string, Record<string, string>, string][] = [
      ['no environment', { version: '1.0.0' }, 'Input "environment" is required'],
      ['shell metacharacters in version', { environment: 'staging', version: '1.0; rm -rf /' }, 'Input "version"'],
      ['unknown driver', { environment: 'staging', version: '1.0.0', driver: 'ftp' }, 'Input "driver"'],
      [
        'kubernetes without deployment',
        { environment: 'staging', version: '1.0.0', driver: 'kubernetes' },
        'Input "deployment" is required by the kubernetes driver',
      ],
      ['negative timeout', { environment: 'staging', version: '1.0.0', timeout: '-5m' }, 'Input "timeout"'],
      ['unreadable config file', { environment: 'staging', version: '1.0.0', config: configDir }, 'cannot be read'],
    ];
    const runs = await Promise.all(
      cases.map(async ([name, inputs, expected]) => {
        const ran = marker();
        const run = await deploy({ ...inputs, 'deploy-command': `touch "${ran}"` });
        return { name, expected, run, ran: existsSync(ran) };
      }),
    );
    for (const { name, expected, run, ran } of runs) {
      expect(run.code, name).toBe(1);
      expect(run.errors, name).toHaveLength(1);
      expect(run.errors[0], name).toContain(expected);
      expect(ran, name).toBe(false);
    }
    expect(runs.find((r) => r.name === 'shell metacharacters in version')!.run.errors[0]).toContain(
      'Accepted: a version of letters, digits',
    );
    expect(emu.requests).toEqual([]);
  });
});
