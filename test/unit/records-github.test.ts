import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OutsideError } from '../../src/core/errors.js';
import { createGitHub } from '../../src/core/github.js';
import { gitHubFailure } from '../../src/core/github-errors.js';
import { GitHubStore } from '../../src/records/github.js';
import type { DeploymentRecord } from '../../src/records/types.js';
import { startGitHubEmulator, type GitHubEmulator } from '../helpers/github-emulator.js';

const SHA = 'c0ffee'.padEnd(40, '0');
let emu: GitHubEmulator;
const warnings: string[] = [];

beforeAll(async () => {
  emu = await startGitHubEmulator();
});
afterAll(() => emu.close());
afterEach(() => {
  emu.reset();
  warnings.length = 0;
});

/** The store as the actions open it: shipline's one client (retry + throttling) on the emulator. */
const open = () =>
  new GitHubStore(createGitHub({ token: emu.token, baseUrl: emu.url, warn: (m) => warnings.push(m) }), emu.owner, emu.repo);

async function collect(iterable: AsyncIterable<DeploymentRecord>, limit = Infinity): Promise<DeploymentRecord[]> {
  const out: DeploymentRecord[] = [];
  for await (const r of iterable) {
    out.push(r);
    if (out.length >= limit) break;
  }
  return out;
}

function seedMany(count: number, environment = 'production') {
  const start = Date.parse('2025-01-01T00:00:00Z');
  for (let i = 1; i <= count; i++) {
    emu.seedDeployment({
      environment,
      sha: SHA,
      created_at: new Date(start + i * 60_000).toISOString(),
      payload: { version: `1.0.${i}` },
      statuses: [i % 7 === 0 ? 'failure' : 'success'],
    });
  }
}

describe('GitHubStore against the GitHub emulator', () => {
  it('creates a deployment of the commit with auto_merge off, no required contexts and the payload', async () => {
    const store = open();
    const record = await store.create({
      environment: 'staging',
      sha: SHA,
      ref: 'refs/heads/main',
      payload: {
        version: '1.2.3',
        artifact: 'ghcr.io/acme/shop@sha256:abc',
        channel: 'staging',
        runUrl: 'https://github.com/acme/shop/actions/runs/1',
      },
      description: `shipline deploy ${'x'.repeat(200)}`,
      productionEnvironment: false,
    });
    expect(record).toMatchObject({ id: '1', environment: 'staging', sha: SHA, state: 'pending', payload: { version: '1.2.3' } });
    expect(emu.requests).toHaveLength(1);
    const body = emu.requests[0]!.body as Record<string, unknown>;
    expect(body).toMatchObject({
      ref: SHA,
      environment: 'staging',
      auto_merge: false,
      required_contexts: [],
      transient_environment: false,
      production_environment: false,
    });
    expect(body.payload).toEqual({
      version: '1.2.3',
      artifact: 'ghcr.io/acme/shop@sha256:abc',
      channel: 'staging',
      runUrl: 'https://github.com/acme/shop/actions/runs/1',
    });
    expect((body.description as string).length).toBe(140);
    expect(store.calls).toBe(1);
  });

  it('writes statuses with environment and log URLs, and reads the latest back in history', async () => {
    const store = open();
    const record = await store.create({ environment: 'staging', sha: SHA, ref: '', payload: { version: '2.0.0' } });
    await store.setStatus(record.id, 'in_progress', { description: 'deploying', logUrl: 'https://ci/run/7' });
    await store.setStatus(record.id, 'success', {
      description: 'deployed',
      environmentUrl: 'https://staging.example',
      logUrl: 'https://ci/run/7',
      autoInactive: false,
    });
    const statuses = emu.statuses(1);
    expect(statuses.map((s) => s.state)).toEqual(['success', 'in_progress']);
    expect(statuses[0]).toMatchObject({ environment_url: 'https://staging.example', log_url: 'https://ci/run/7', description: 'deployed' });
    expect(emu.requests.at(-1)!.body).toMatchObject({ auto_inactive: false });
    const [read] = await collect(store.history('staging'));
    expect(read).toMatchObject({
      id: '1',
      state: 'success',
      statusDescription: 'deployed',
      environmentUrl: 'https://staging.example',
      sha: SHA,
      payload: { version: '2.0.0' },
    });
    expect(store.calls).toBe(4);
  });

  it('pages 125 records newest first in 2 GraphQL calls', async () => {
    seedMany(125);
    emu.seedDeployment({ environment: 'staging', sha: SHA, payload: { version: 'elsewhere' }, statuses: ['success'] });
    const store = open();
    const records = await collect(store.history('production'));
    expect(records).toHaveLength(125);
    expect(records[0]!.payload.version).toBe('1.0.125');
    expect(records.at(-1)!.payload.version).toBe('1.0.1');
    expect(records.map((r) => r.createdAt)).toEqual([...records.map((r) => r.createdAt)].sort().reverse());
    expect(records.find((r) => r.payload.version === '1.0.14')!.state).toBe('failure');
    expect(emu.calls('POST', '/graphql')).toBe(2);
    expect(emu.requests).toHaveLength(2);
    expect(store.calls).toBe(2);
  });

  it('reads only as far as the caller goes: the newest record costs one call', async () => {
    seedMany(150);
    const store = open();
    const [newest] = await collect(store.history('production'), 1);
    expect(newest!.payload.version).toBe('1.0.150');
    expect(emu.calls()).toBe(1);
  });

  it("reads other tools' deployments (GitHub's own for a job's environment) with no version", async () => {
    emu.seedDeployment({ environment: 'staging', sha: SHA, payload: '', statuses: ['in_progress'] });
    emu.seedDeployment({ environment: 'staging', sha: SHA, payload: 'not json', statuses: [] });
    const records = await collect(open().history('staging'));
    expect(records.map((r) => [r.payload.version, r.state])).toEqual([
      ['', 'pending'],
      ['', 'in_progress'],
    ]);
  });

  it('retries a 5xx on a write and a secondary rate limit on a read, as GitHub asks', async () => {
    const store = open();
    emu.failNext(1, { status: 502, method: 'POST', pathPrefix: '/repos/acme/shop/deployments' });
    const record = await store.create({ environment: 'staging', sha: SHA, ref: '', payload: { version: '3.0.0' } });
    expect(record.id).toBe('1');
    expect(emu.requests.map((r) => r.status)).toEqual([502, 201]);
    expect(emu.deployments()).toHaveLength(1);

    emu.secondaryRateLimitNext(1, 1, { pathPrefix: '/graphql' });
    const records = await collect(store.history('staging'));
    expect(records).toHaveLength(1);
    expect(emu.requests.slice(2).map((r) => r.status)).toEqual([403, 200]);
    // Waited out by the throttling plugin, which honours retry-after (not by blind retries).
    expect(warnings).toEqual(['GitHub secondary rate limit on POST /graphql; retrying in 1s']);
    expect(store.calls).toBe(2);
  });

  it('gives up on a deployment that no longer exists, without retrying (404)', async () => {
    const store = open();
    await expect(store.setStatus('99', 'success')).rejects.toThrow(/Not Found/);
    expect(emu.calls()).toBe(1);
  });

  it('reads the environment URL carried forward: the newest status that gave one, not the latest only', async () => {
    const store = open();
    const record = await store.create({ environment: 'staging', sha: SHA, ref: '', payload: { version: '2.0.0', by: 'deploy' } });
    await store.setStatus(record.id, 'success', { environmentUrl: 'https://staging.example' });
    // GitHub's own job deployment makes it inactive, with no URL on that status
    await store.setStatus(record.id, 'inactive', {});
    const [read] = await collect(store.history('staging'));
    expect(read).toMatchObject({ state: 'inactive', environmentUrl: 'https://staging.example' });
  });

  it('cuts descriptions to 140 without splitting a surrogate pair', async () => {
    const store = open();
    const description = `${'x'.repeat(139)}🚀🚀`;
    const record = await store.create({
      environment: 'staging',
      sha: SHA,
      ref: '',
      payload: { version: '2.0.0', by: 'deploy' },
      description,
    });
    await store.setStatus(record.id, 'failure', { description });
    for (const r of emu.requests) expect((r.body as { description: string }).description).toBe('x'.repeat(139));
  });

  it('stops reading after 3 pages in a row that hold no shipline record', async () => {
    const start = Date.parse('2025-01-01T00:00:00Z');
    emu.seedDeployment({
      environment: 'production',
      sha: SHA,
      created_at: new Date(start).toISOString(),
      payload: { version: '1.0.0', by: 'deploy' },
      statuses: ['success'],
    });
    for (let i = 1; i <= 450; i++) {
      // another tool's records, some with a version but no "by"
      emu.seedDeployment({
        environment: 'production',
        sha: SHA,
        created_at: new Date(start + i * 1000).toISOString(),
        payload: i % 2 ? { version: `9.${i}` } : {},
        statuses: ['success'],
      });
    }
    const records = await collect(open().history('production'));
    expect(records).toHaveLength(300);
    expect(emu.calls('POST', '/graphql')).toBe(3);
  });
});

describe('GitHubStore with 64-bit deployment ids (GraphQL databaseId is a 32-bit Int)', () => {
  let big: GitHubEmulator;
  beforeAll(async () => {
    big = await startGitHubEmulator({ firstDeploymentId: 5_000_000_000 });
  });
  afterAll(() => big.close());

  it('writes, reads and updates records whose ids do not fit in 32 bits', async () => {
    const store = new GitHubStore(createGitHub({ token: big.token, baseUrl: big.url }), big.owner, big.repo);
    const first = await store.create({ environment: 'production', sha: SHA, ref: '', payload: { version: '1.0.0', by: 'deploy' } });
    expect(first.id).toBe('5000000000');
    await store.setStatus(first.id, 'success', { environmentUrl: 'https://shop.example' });
    const [read] = await collect(store.history('production'));
    expect(read).toMatchObject({ id: '5000000000', state: 'success', environmentUrl: 'https://shop.example' });
    expect(read!.nodeId).toMatch(/^DE_/);
    // a record read back is updated through its REST id
    await store.setStatus(read!.id, 'failure', { description: 'rolled back' });
    expect(big.statuses(5_000_000_000)[0]).toMatchObject({ state: 'failure', description: 'rolled back' });
    // and through its node id too
    await store.setStatus(read!.nodeId!, 'inactive');
    expect(big.statuses(5_000_000_000)[0]!.state).toBe('inactive');
  });
});

describe('GitHubStore: GitHub failures are outside failures naming GitHub', () => {
  it('names a refused token (401)', async () => {
    const bad = new GitHubStore(createGitHub({ token: 'not-the-token', baseUrl: emu.url, retries: 0 }), emu.owner, emu.repo);
    const failure = collect(bad.history('production'));
    await expect(failure).rejects.toBeInstanceOf(OutsideError);
    await expect(failure).rejects.toThrow(
      `GitHub's API at ${emu.url} refused github-token (401 Bad credentials) while reading the deployments of acme/shop in production.`,
    );
  });

  it('names GitHub and the call when 5xx answers outlast the retries', async () => {
    emu.failNext(5, { status: 502, method: 'POST', pathPrefix: '/repos/acme/shop/deployments' });
    const store = new GitHubStore(createGitHub({ token: emu.token, baseUrl: emu.url, retries: 0 }), emu.owner, emu.repo);
    const failure = store.create({ environment: 'qa', sha: SHA, ref: 'refs/heads/main', payload: { version: '1.0.0' } });
    await expect(failure).rejects.toBeInstanceOf(OutsideError);
    await expect(failure).rejects.toThrow(
      /^GitHub's API at .* answered 502 \(Server Error\) while creating a deployment of acme\/shop in qa, also when tried again\./,
    );
  });

  it('leaves errors that are not GitHub answers as they are', () => {
    const bug = new TypeError('x is undefined');
    expect(gitHubFailure(bug, 'doing something', emu.url)).toBe(bug);
  });
});
