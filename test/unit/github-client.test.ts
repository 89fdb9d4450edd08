// shipline's one GitHub client (src/core/github.ts) against the GitHub emulator: the pace of its
// requests and how it waits out rate limits and server errors.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGitHub } from '../../src/core/github.js';
import { GitHubStore } from '../../src/records/github.js';
import { startGitHubEmulator, type GitHubEmulator } from '../helpers/github-emulator.js';

const SHA = 'c0ffee'.padEnd(40, '0');
let emu: GitHubEmulator;
const warnings: string[] = [];

beforeAll(async () => {
  emu = await startGitHubEmulator();
});
afterAll(() => emu.close());
afterEach(() => {
  vi.useRealTimers();
  emu.reset();
  warnings.length = 0;
});

const client = () => createGitHub({ token: emu.token, baseUrl: emu.url, warn: (m) => warnings.push(m) });

/** What a deploy step asks of GitHub: the environment's last record, a deployment, two statuses. */
async function deploySteps(store: GitHubStore): Promise<void> {
  for await (const _ of store.history('staging')) break;
  const record = await store.create({ environment: 'staging', sha: SHA, ref: 'refs/heads/main', payload: { version: '1.0.0' } });
  await store.setStatus(record.id, 'in_progress');
  await store.setStatus(record.id, 'success', { autoInactive: true });
}

const DEPLOY_CALLS = [
  'POST /graphql',
  'POST /repos/acme/shop/deployments',
  'POST /repos/acme/shop/deployments/1/statuses',
  'POST /repos/acme/shop/deployments/1/statuses',
];
const calls = () => emu.requests.map((r) => `${r.method} ${r.path}`);

/**
 * Runs `work` against a clock that moves only when the client waits on a timer: while a request
 * is on the wire (fetch called, body not yet read) the clock stands still, so the result is the
 * time the client chose to wait, whatever the machine's load. Returns it in ms.
 */
async function clientWaitMs(work: () => Promise<void>): Promise<number> {
  const realFetch = globalThis.fetch;
  let onTheWire = 0;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (...args) => {
    onTheWire++;
    try {
      const res = await realFetch(...args);
      await res.clone().arrayBuffer();
      return res;
    } finally {
      onTheWire--;
    }
  });
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  const started = Date.now();
  let finished = false;
  let failure: unknown;
  void work().then(
    () => (finished = true),
    (err: unknown) => {
      failure = err;
      finished = true;
    },
  );
  try {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (finished) break;
      if (onTheWire === 0) await vi.advanceTimersToNextTimerAsync();
    }
    if (failure) throw failure;
    return Date.now() - started;
  } finally {
    vi.useRealTimers();
    vi.restoreAllMocks();
  }
}

describe('the GitHub client paces requests as GitHub asks', () => {
  it('sends the writes and GraphQL queries of a step one after another without fixed spacing', async () => {
    const store = new GitHubStore(client(), emu.owner, emu.repo);
    const waited = await clientWaitMs(() => deploySteps(store));
    // The same calls as with plugin-throttling's default spacing: the pace changed, not what is asked.
    expect(calls()).toEqual(DEPLOY_CALLS);
    expect(emu.requests.map((r) => r.status)).toEqual([200, 201, 201, 201]);
    expect(store.calls).toBe(4);
    // The default spacing waits 1 s before each write after the first (3 s here); none is left.
    expect(waited).toBeLessThan(1000);
  });

  it('writes never overlap: writes started together are sent one at a time', async () => {
    const octokit = client();
    const realFetch = globalThis.fetch;
    let inFlight = 0;
    let most = 0;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (...args) => {
      inFlight++;
      most = Math.max(most, inFlight);
      try {
        return await realFetch(...args);
      } finally {
        inFlight--;
      }
    });
    try {
      const { owner, repo } = emu;
      await Promise.all(
        ['a', 'b', 'c'].map((environment) =>
          octokit.rest.repos.createDeployment({ owner, repo, ref: SHA, environment, required_contexts: [] }),
        ),
      );
    } finally {
      vi.restoreAllMocks();
    }
    expect(
      emu
        .deployments()
        .map((d) => d.environment)
        .sort(),
    ).toEqual(['a', 'b', 'c']);
    expect(most).toBe(1);
  });
});

describe('the GitHub client waits as GitHub says', () => {
  it('waits out a secondary rate limit for the retry-after it was given, then succeeds', async () => {
    const store = new GitHubStore(client(), emu.owner, emu.repo);
    emu.secondaryRateLimitNext(1, 1, { method: 'POST', pathPrefix: '/repos/acme/shop/deployments' });
    await deploySteps(store);
    expect(calls()).toEqual([DEPLOY_CALLS[0], DEPLOY_CALLS[1], ...DEPLOY_CALLS.slice(1)]);
    expect(emu.requests.map((r) => r.status)).toEqual([200, 403, 201, 201, 201]);
    const [limited, retried] = [emu.requests[1]!, emu.requests[2]!];
    expect(retried.at - limited.at).toBeGreaterThanOrEqual(1000);
    expect(warnings).toEqual(['GitHub secondary rate limit on POST /repos/{owner}/{repo}/deployments; retrying in 1s']);
    expect(emu.deployments()).toHaveLength(1);
  });

  it('waits for a primary rate limit to reset (x-ratelimit-remaining 0) when the reset is near', async () => {
    const octokit = client();
    emu.primaryRateLimitNext(1, 1);
    const { data } = await octokit.rest.repos.get({ owner: emu.owner, repo: emu.repo });
    expect(data.full_name).toBe('acme/shop');
    expect(emu.requests.map((r) => r.status)).toEqual([403, 200]);
    // The emulator set x-ratelimit-reset to at least the 403's second plus one; the retry came after it.
    const reset = Math.floor(emu.requests[0]!.at / 1000) + 1;
    expect(emu.requests[1]!.at).toBeGreaterThanOrEqual(reset * 1000);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^GitHub rate limit hit on GET \/repos\/\{owner\}\/\{repo\}; retrying in [1-3]s$/);
  });

  it('gives up on a primary rate limit whose reset is too far off, with GitHub message', async () => {
    const octokit = client();
    emu.primaryRateLimitNext(1, 600);
    await expect(octokit.rest.repos.get({ owner: emu.owner, repo: emu.repo })).rejects.toMatchObject({
      status: 403,
      message: expect.stringMatching(/API rate limit exceeded/),
    });
    expect(emu.calls()).toBe(1);
    expect(warnings).toEqual([expect.stringMatching(/^GitHub rate limit hit on GET \/repos\/\{owner\}\/\{repo\}; retrying in 60\ds$/)]);
  });

  it('retries a server error (5xx) and succeeds, writing the record once', async () => {
    const store = new GitHubStore(client(), emu.owner, emu.repo);
    emu.failNext(1, { status: 503, method: 'POST', pathPrefix: '/repos/acme/shop/deployments' });
    await deploySteps(store);
    expect(emu.requests.map((r) => r.status)).toEqual([200, 503, 201, 201, 201]);
    expect(emu.deployments()).toHaveLength(1);
    expect(emu.statuses(1).map((s) => s.state)).toEqual(['success', 'in_progress']);
  });
});
