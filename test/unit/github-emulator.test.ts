import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { linkHeader, pageRequest, pageSlice, startGitHubEmulator, type GitHubEmulator } from '../helpers/github-emulator.js';
import { FaultQueue } from '../helpers/github-emulator/faults.js';
import { RateWindow } from '../helpers/github-emulator/rate-limit.js';

const Client = Octokit.plugin(retry, throttling);
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);

let emu: GitHubEmulator;

beforeAll(async () => {
  emu = await startGitHubEmulator({
    token: 'sekret',
    owner: 'acme',
    repo: 'shop',
    branches: { main: SHA_A },
    tags: [
      { name: 'v1.0.0', sha: SHA_B },
      { name: 'v1.1.0', sha: 'c'.repeat(40) },
      { name: 'release-7', sha: 'd'.repeat(40) },
    ],
  });
});
afterAll(async () => {
  await emu.close();
});
afterEach(() => {
  emu.reset();
});

/** The client shipline uses: retry + throttling, waits scaled down so tests stay quick. */
function throttledClient(handlers: { onRateLimit?: () => boolean; onSecondaryRateLimit?: () => boolean } = {}) {
  return new Client({
    auth: emu.token,
    baseUrl: emu.url,
    log: quiet,
    retry: { retryAfterBaseValue: 10 },
    throttle: {
      retryAfterBaseValue: 10,
      onRateLimit: handlers.onRateLimit ?? (() => false),
      onSecondaryRateLimit: handlers.onSecondaryRateLimit ?? (() => false),
    },
  });
}

/** Same client without the throttling plugin's one-write-per-second pacing, for bulk writes. */
function writer(auth: string | null = emu.token) {
  return new Client({
    ...(auth === null ? {} : { auth }),
    baseUrl: emu.url,
    log: quiet,
    retry: { retryAfterBaseValue: 10 },
    throttle: { enabled: false },
  });
}

const repo = () => ({ owner: emu.owner, repo: emu.repo });

describe('pagination helpers', () => {
  it.each([
    ['', 30, 1],
    ['per_page=100&page=3', 100, 3],
    ['per_page=500', 100, 1],
    ['per_page=abc&page=-2', 30, 1],
    ['per_page=0&page=0', 30, 1],
  ])('reads %j as per_page %i page %i', (query, perPage, page) => {
    expect(pageRequest(new URLSearchParams(query))).toEqual({ perPage, page });
  });

  it.each([
    [250, 100, 1, ['next=2', 'last=3']],
    [250, 100, 2, ['prev=1', 'next=3', 'last=3', 'first=1']],
    [250, 100, 3, ['prev=2', 'first=1']],
    [30, 30, 1, []],
    [0, 30, 1, []],
    [5, 2, 5, ['prev=4', 'first=1']],
  ])('links %i items at per_page %i on page %i', (total, perPage, page, expected) => {
    const url = new URL(`http://127.0.0.1:1/repos/o/r/deployments?environment=prod&per_page=${perPage}&page=${page}`);
    const header = linkHeader(url, total, { perPage, page });
    const rels = [...(header ?? '').matchAll(/<([^>]+)>; rel="(\w+)"/g)].map(([, href, rel]) => {
      const u = new URL(href!);
      expect(u.searchParams.get('environment')).toBe('prod');
      expect(u.searchParams.get('per_page')).toBe(String(perPage));
      return `${rel}=${u.searchParams.get('page')}`;
    });
    expect(rels).toEqual(expected);
    if (expected.length === 0) expect(header).toBeUndefined();
  });

  it('slices a page', () => {
    expect(pageSlice([1, 2, 3, 4, 5], { perPage: 2, page: 3 })).toEqual([5]);
    expect(pageSlice([1, 2, 3], { perPage: 2, page: 4 })).toEqual([]);
  });
});

describe('fault queue and rate window', () => {
  it('uses up matching faults in order and leaves others alone', () => {
    const q = new FaultQueue();
    q.add(1, { method: 'post', pathPrefix: '/repos/a/b/deployments' }, { kind: 'server', status: 500 });
    q.add(2, {}, { kind: 'server', status: 502 });
    const taken = [
      q.take('GET', '/repos/a/b/deployments'),
      q.take('POST', '/repos/a/b/deployments/1/statuses'),
      q.take('POST', '/repos/a/b/deployments'),
      q.take('POST', '/repos/a/b/deployments'),
    ].map((f) => (f?.kind === 'server' ? f.status : f?.kind));
    expect(taken).toEqual([502, 500, 502, undefined]);
    expect(() => q.add(0, {}, { kind: 'server', status: 500 })).toThrow(/positive integer/);
  });

  it('counts down, drops to 0 when exhausted, and reopens after the reset time', () => {
    let now = 1_700_000_000_000;
    const w = new RateWindow(() => now);
    w.spend();
    w.spend();
    expect(w.headers()).toMatchObject({ 'x-ratelimit-remaining': '4998', 'x-ratelimit-used': '2', 'x-ratelimit-reset': '1700003600' });
    w.exhaust(5);
    expect(w.headers()).toMatchObject({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000005' });
    w.roll();
    expect(w.headers()['x-ratelimit-remaining']).toBe('0');
    now += 5_000;
    w.roll();
    expect(w.headers()).toMatchObject({ 'x-ratelimit-remaining': '5000', 'x-ratelimit-reset': '1700003605' });
  });
});

describe('deployments', () => {
  it('creates a deployment with GitHub fields and defaults', async () => {
    const res = await writer().rest.repos.createDeployment({
      ...repo(),
      ref: 'main',
      environment: 'staging',
      payload: JSON.stringify({ version: '1.2.3' }),
      description: 'deploy 1.2.3',
      auto_merge: false,
      required_contexts: [],
    });
    expect(res.status).toBe(201);
    const d = res.data as Exclude<typeof res.data, { message?: string }> & { id: number };
    expect(d).toMatchObject({
      sha: SHA_A,
      ref: 'main',
      task: 'deploy',
      payload: { version: '1.2.3' },
      environment: 'staging',
      original_environment: 'staging',
      description: 'deploy 1.2.3',
      transient_environment: false,
      production_environment: false,
      url: `${emu.url}/repos/acme/shop/deployments/${d.id}`,
      statuses_url: `${emu.url}/repos/acme/shop/deployments/${d.id}/statuses`,
      repository_url: `${emu.url}/repos/acme/shop`,
    });
    expect(d.creator?.login).toBe('github-actions[bot]');
    expect(d.node_id).toEqual(expect.any(String));
    expect(d.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(emu.deployments('staging').map((x) => x.id)).toEqual([d.id]);
  });

  it('resolves a 40-hex sha, a tag, and refuses an unknown ref', async () => {
    const gh = writer();
    const bySha = await gh.rest.repos.createDeployment({ ...repo(), ref: 'e'.repeat(40), required_contexts: [] });
    expect(bySha.data).toMatchObject({ sha: 'e'.repeat(40), environment: 'production', production_environment: true, payload: {} });
    const byTag = await gh.rest.repos.createDeployment({ ...repo(), ref: 'v1.0.0', payload: { a: 1 } });
    expect(byTag.data).toMatchObject({ sha: SHA_B, ref: 'v1.0.0', payload: { a: 1 } });
    const err = await gh.rest.repos.createDeployment({ ...repo(), ref: 'nope' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 422, response: { data: { message: 'No ref found for: nope' } } });
    expect(emu.deployments()).toHaveLength(2);
  });

  it('pages 250 deployments newest first with Link headers, and octokit.paginate reads them all', async () => {
    const gh = writer();
    for (let batch = 0; batch < 25; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          gh.rest.repos.createDeployment({ ...repo(), ref: SHA_A, environment: 'production', payload: { n: batch * 10 + i } }),
        ),
      );
    }
    const reader = throttledClient();
    const before = emu.calls('GET', '/repos/acme/shop/deployments');
    const all = await reader.paginate(reader.rest.repos.listDeployments, { ...repo(), environment: 'production', per_page: 100 });
    expect(all).toHaveLength(250);
    expect(emu.calls('GET', '/repos/acme/shop/deployments') - before).toBe(3);
    const ids = all.map((d) => d.id);
    expect(new Set(ids).size).toBe(250);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const page2 = await reader.rest.repos.listDeployments({ ...repo(), per_page: 100, page: 2 });
    expect(page2.data.map((d) => d.id)).toEqual(ids.slice(100, 200));
    const rels = [...(page2.headers.link ?? '').matchAll(/page=(\d+)>; rel="(\w+)"/g)].map(([, p, rel]) => `${rel}:${p}`);
    expect(rels).toEqual(['prev:1', 'next:3', 'last:3', 'first:1']);

    const defaultPage = await reader.rest.repos.listDeployments({ ...repo() });
    expect(defaultPage.data).toHaveLength(30);
  });

  it('filters by environment, sha, ref and task', async () => {
    emu.seedDeployment({ environment: 'staging', sha: SHA_A, ref: 'main' });
    emu.seedDeployment({ environment: 'production', sha: SHA_A, ref: 'main', task: 'deploy:migrate' });
    emu.seedDeployment({ environment: 'production', sha: SHA_B, ref: 'v1.0.0' });
    const gh = throttledClient();
    const list = async (filter: Record<string, string>) =>
      (await gh.rest.repos.listDeployments({ ...repo(), ...filter })).data.map((d) => `${d.environment}/${d.ref}/${d.task}`);
    expect(await list({ environment: 'production' })).toEqual(['production/v1.0.0/deploy', 'production/main/deploy:migrate']);
    expect(await list({ sha: SHA_A })).toEqual(['production/main/deploy:migrate', 'staging/main/deploy']);
    expect(await list({ ref: 'v1.0.0' })).toEqual(['production/v1.0.0/deploy']);
    expect(await list({ task: 'deploy', environment: 'staging' })).toEqual(['staging/main/deploy']);
    expect(await list({ environment: 'qa' })).toEqual([]);
    expect(emu.requests.at(-1)).toMatchObject({ method: 'GET', query: { environment: 'qa' }, status: 200 });
  });

  it('gets one deployment, 404 for an unknown id, and deletes only inactive ones', async () => {
    const old = emu.seedDeployment({ environment: 'production', sha: SHA_A, statuses: ['success'] });
    const current = emu.seedDeployment({ environment: 'production', sha: SHA_B, statuses: ['success'] });
    const gh = writer();
    expect((await gh.rest.repos.getDeployment({ ...repo(), deployment_id: current.id })).data.sha).toBe(SHA_B);
    await expect(gh.rest.repos.getDeployment({ ...repo(), deployment_id: 9999 })).rejects.toMatchObject({ status: 404 });

    await expect(gh.rest.repos.deleteDeployment({ ...repo(), deployment_id: old.id })).rejects.toMatchObject({ status: 422 });
    await gh.rest.repos.createDeploymentStatus({ ...repo(), deployment_id: old.id, state: 'inactive' });
    expect((await gh.rest.repos.deleteDeployment({ ...repo(), deployment_id: old.id })).status).toBe(204);
    expect(emu.deployments().map((d) => d.id)).toEqual([current.id]);
    // the only deployment left in its environment may go even while active
    expect((await gh.rest.repos.deleteDeployment({ ...repo(), deployment_id: current.id })).status).toBe(204);
    expect(emu.deployments()).toEqual([]);
  });
});

describe('deployment statuses', () => {
  it('records statuses newest first with GitHub fields', async () => {
    const gh = writer();
    const { data: d } = await gh.rest.repos.createDeployment({ ...repo(), ref: 'main', environment: 'staging', required_contexts: [] });
    const id = (d as { id: number }).id;
    await gh.rest.repos.createDeploymentStatus({ ...repo(), deployment_id: id, state: 'in_progress', log_url: 'https://ci/log/1' });
    const { data: done, status } = await gh.rest.repos.createDeploymentStatus({
      ...repo(),
      deployment_id: id,
      state: 'success',
      environment_url: 'https://staging.example.test',
      description: 'deployed 1.2.3',
    });
    expect(status).toBe(201);
    expect(done).toMatchObject({
      state: 'success',
      environment: 'staging',
      environment_url: 'https://staging.example.test',
      description: 'deployed 1.2.3',
      deployment_url: `${emu.url}/repos/acme/shop/deployments/${id}`,
    });
    const listed = await throttledClient().paginate(gh.rest.repos.listDeploymentStatuses, { ...repo(), deployment_id: id, per_page: 1 });
    expect(listed.map((s) => s.state)).toEqual(['success', 'in_progress']);
    expect(listed[1]).toMatchObject({ log_url: 'https://ci/log/1', target_url: 'https://ci/log/1' });
    expect(emu.statuses(id).map((s) => s.id)).toEqual(listed.map((s) => s.id));
  });

  it('marks earlier successful deployments of the same environment inactive (auto_inactive)', async () => {
    const earlierLive = emu.seedDeployment({ environment: 'qa', sha: SHA_A, statuses: ['in_progress', 'success'] });
    const earlierFailed = emu.seedDeployment({ environment: 'qa', sha: SHA_A, statuses: ['failure'] });
    const otherEnv = emu.seedDeployment({ environment: 'staging', sha: SHA_A, statuses: ['success'] });
    const transient = emu.seedDeployment({ environment: 'qa', sha: SHA_A, transient_environment: true, statuses: ['success'] });
    const gh = writer();
    const { data } = await gh.rest.repos.createDeployment({ ...repo(), ref: SHA_B, environment: 'qa' });
    const id = (data as { id: number }).id;

    await gh.rest.repos.createDeploymentStatus({ ...repo(), deployment_id: id, state: 'in_progress' });
    expect(emu.statuses(earlierLive.id)[0]!.state).toBe('success');
    await gh.rest.repos.createDeploymentStatus({ ...repo(), deployment_id: id, state: 'success' });

    expect(emu.statuses(earlierLive.id).map((s) => s.state)).toEqual(['inactive', 'success', 'in_progress']);
    expect(emu.statuses(earlierFailed.id).map((s) => s.state)).toEqual(['failure']);
    expect(emu.statuses(otherEnv.id).map((s) => s.state)).toEqual(['success']);
    expect(emu.statuses(transient.id).map((s) => s.state)).toEqual(['success']);
  });

  it('never marks production deployments inactive (GitHub: "prior non-transient, non-production environment deployments")', async () => {
    const byDefault = emu.seedDeployment({ environment: 'production', sha: SHA_A, statuses: ['success'] });
    const flagged = emu.seedDeployment({ environment: 'qa', sha: SHA_A, production_environment: true, statuses: ['success'] });
    const plain = emu.seedDeployment({ environment: 'qa', sha: SHA_A, statuses: ['success'] });
    const gh = writer();
    for (const environment of ['production', 'qa']) {
      const { data } = await gh.rest.repos.createDeployment({ ...repo(), ref: SHA_B, environment, required_contexts: [] });
      await gh.rest.repos.createDeploymentStatus({ ...repo(), deployment_id: (data as { id: number }).id, state: 'success' });
    }
    expect(emu.statuses(byDefault.id).map((s) => s.state)).toEqual(['success']);
    expect(emu.statuses(flagged.id).map((s) => s.state)).toEqual(['success']);
    expect(emu.statuses(plain.id).map((s) => s.state)).toEqual(['inactive', 'success']);
  });

  it('leaves earlier deployments alone when auto_inactive is false', async () => {
    const earlier = emu.seedDeployment({ environment: 'production', sha: SHA_A, statuses: ['success'] });
    const later = emu.seedDeployment({ environment: 'production', sha: SHA_B });
    await writer().rest.repos.createDeploymentStatus({ ...repo(), deployment_id: later.id, state: 'success', auto_inactive: false });
    expect(emu.statuses(earlier.id).map((s) => s.state)).toEqual(['success']);
  });

  it("refuses an unknown state with 422 in GitHub's validation shape", async () => {
    const d = emu.seedDeployment({ environment: 'production', sha: SHA_A });
    const err = await writer()
      .request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
        ...repo(),
        deployment_id: d.id,
        state: 'bogus' as 'success',
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      status: 422,
      response: { data: { message: 'Validation Failed', errors: [{ resource: 'DeploymentStatus', field: 'state', code: 'custom' }] } },
    });
    expect(emu.statuses(d.id)).toEqual([]);
    expect(emu.calls('POST')).toBe(1); // 422 is not retried
  });
});

describe('seeding', () => {
  it('builds long histories with given timestamps, listed newest first', async () => {
    const start = Date.parse('2024-01-01T00:00:00Z');
    for (let i = 0; i < 300; i++) {
      emu.seedDeployment({
        environment: i % 2 ? 'production' : 'staging',
        sha: i.toString(16).padStart(40, '0'),
        payload: { version: `1.0.${i}` },
        statuses: i === 299 ? ['in_progress', 'failure'] : ['success'],
        created_at: new Date(start + i * 60_000).toISOString(),
      });
    }
    expect(emu.deployments('production')).toHaveLength(150);
    const gh = throttledClient();
    const prod = await gh.paginate(gh.rest.repos.listDeployments, { ...repo(), environment: 'production', per_page: 100 });
    expect(prod).toHaveLength(150);
    expect(prod[0]).toMatchObject({ payload: { version: '1.0.299' }, created_at: '2024-01-01T04:59:00Z' });
    expect(prod.at(-1)).toMatchObject({ payload: { version: '1.0.1' } });
    expect(emu.statuses(prod[0]!.id).map((s) => s.state)).toEqual(['failure', 'in_progress']);
  });

  it('reset() forgets records, faults and the request log', async () => {
    emu.seedDeployment({ environment: 'production', sha: SHA_A });
    emu.failNext(5);
    emu.reset();
    const res = await writer().rest.repos.listDeployments({ ...repo() });
    expect(res.data).toEqual([]);
    expect(emu.requests.map((r) => r.status)).toEqual([200]);
  });
});

describe('tags, refs and the repository', () => {
  it('lists seeded tags, paginated', async () => {
    emu.seedTag('v2.0.0', 'f'.repeat(40));
    const gh = throttledClient();
    const tags = await gh.paginate(gh.rest.repos.listTags, { ...repo(), per_page: 2 });
    expect(tags.map((t) => `${t.name}@${t.commit.sha[0]}`)).toEqual(['v1.0.0@b', 'v1.1.0@c', 'release-7@d', 'v2.0.0@f']);
    expect(emu.calls('GET', '/repos/acme/shop/tags')).toBe(2);
  });

  it('matches refs by prefix', async () => {
    const gh = throttledClient();
    const { data } = await gh.rest.git.listMatchingRefs({ ...repo(), ref: 'tags/v1' });
    expect(data.map((r) => [r.ref, r.object.sha[0]])).toEqual([
      ['refs/tags/v1.0.0', 'b'],
      ['refs/tags/v1.1.0', 'c'],
    ]);
    expect((await gh.rest.git.listMatchingRefs({ ...repo(), ref: 'tags/zzz' })).data).toEqual([]);
    expect((await gh.rest.git.listMatchingRefs({ ...repo(), ref: 'heads/main' })).data[0]?.object.sha).toBe(SHA_A);
  });

  it('serves the repository and 404s other repositories and routes', async () => {
    const gh = throttledClient();
    const { data } = await gh.rest.repos.get({ ...repo() });
    expect(data).toMatchObject({ full_name: 'acme/shop', default_branch: 'main', name: 'shop' });
    await expect(gh.rest.repos.get({ owner: 'acme', repo: 'other' })).rejects.toMatchObject({ status: 404 });
    await expect(gh.request('GET /repos/{owner}/{repo}/releases', repo())).rejects.toMatchObject({ status: 404 });
  });
});

describe('auth and rate-limit headers', () => {
  it('answers 401 without a token or with a wrong one, and is not retried', async () => {
    await expect(writer(null).rest.repos.listDeployments({ ...repo() })).rejects.toMatchObject({
      status: 401,
      response: { data: { message: 'Requires authentication' } },
    });
    await expect(writer('wrong').rest.repos.listDeployments({ ...repo() })).rejects.toMatchObject({
      status: 401,
      response: { data: { message: 'Bad credentials' } },
    });
    expect(emu.requests.map((r) => r.status)).toEqual([401, 401]);
  });

  it('accepts "token X" and "Bearer X"', async () => {
    for (const scheme of ['token', 'Bearer']) {
      const res = await fetch(`${emu.url}/repos/acme/shop`, { headers: { authorization: `${scheme} sekret` } });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
  });

  it('sends x-ratelimit headers that count down', async () => {
    const gh = writer();
    const first = await gh.rest.repos.get({ ...repo() });
    const second = await gh.rest.repos.get({ ...repo() });
    expect(first.headers['x-ratelimit-limit']).toBe('5000');
    expect(Number(second.headers['x-ratelimit-remaining'])).toBe(Number(first.headers['x-ratelimit-remaining']) - 1);
    expect(Number(first.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
    expect(first.headers['x-ratelimit-used']).toEqual(expect.any(String));
  });
});

describe('fault injection with the real retry and throttling plugins', () => {
  it('a 502 then success is retried by plugin-retry', async () => {
    emu.failNext(1, { status: 502 });
    const res = await throttledClient().rest.repos.listDeployments({ ...repo() });
    expect(res.status).toBe(200);
    expect(emu.requests.map((r) => r.status)).toEqual([502, 200]);
  });

  it('gives up after the configured retries when the server keeps failing', async () => {
    emu.failNext(10, { status: 503 });
    await expect(throttledClient().rest.repos.listDeployments({ ...repo() })).rejects.toMatchObject({ status: 503 });
    expect(emu.requests.map((r) => r.status)).toEqual([503, 503, 503, 503]);
  });

  it('faults can target one method and path', async () => {
    const d = emu.seedDeployment({ environment: 'production', sha: SHA_A });
    emu.failNext(1, { status: 500, method: 'POST', pathPrefix: `/repos/acme/shop/deployments/${d.id}/statuses` });
    const gh = writer();
    await gh.rest.repos.listDeployments({ ...repo() });
    await gh.rest.repos.createDeploymentStatus({ ...repo(), deployment_id: d.id, state: 'success' });
    expect(emu.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'POST 500', 'POST 201']);
    expect(emu.statuses(d.id)).toHaveLength(1);
  });

  it('a secondary rate limit 403 with retry-after is retried by plugin-throttling', async () => {
    emu.secondaryRateLimitNext(1, 1);
    const onSecondaryRateLimit = vi.fn(() => true);
    const onRateLimit = vi.fn(() => false);
    const res = await throttledClient({ onSecondaryRateLimit, onRateLimit }).rest.repos.listDeployments({ ...repo() });
    expect(res.status).toBe(200);
    expect(onSecondaryRateLimit).toHaveBeenCalledTimes(1);
    expect(onSecondaryRateLimit.mock.calls[0]).toContain(1); // retry-after seconds reached the handler
    expect(onRateLimit).not.toHaveBeenCalled();
    expect(emu.requests.map((r) => r.status)).toEqual([403, 200]);
  });

  it('a secondary rate limit is not retried when the handler declines', async () => {
    emu.secondaryRateLimitNext(1, 1);
    const err = await throttledClient({ onSecondaryRateLimit: () => false })
      .rest.repos.get({ ...repo() })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 403, response: { headers: { 'retry-after': '1' } } });
    expect(String((err as Error).message)).toMatch(/secondary rate limit/);
    expect(emu.requests).toHaveLength(1);
  });

  it('a primary rate limit 403 carries remaining 0 and a reset time, and plugin-throttling retries it', async () => {
    emu.primaryRateLimitNext(1, 1);
    const onRateLimit = vi.fn(() => true);
    const onSecondaryRateLimit = vi.fn(() => false);
    const res = await throttledClient({ onRateLimit, onSecondaryRateLimit }).rest.repos.get({ ...repo() });
    expect(res.status).toBe(200);
    expect(onRateLimit).toHaveBeenCalledTimes(1);
    expect(onSecondaryRateLimit).not.toHaveBeenCalled();
    expect(emu.requests.map((r) => r.status)).toEqual([403, 200]);
  });
});
