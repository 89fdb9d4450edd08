import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import type { RunnerContext } from '../../src/core/runner.js';
import { preflight, Refusal } from '../../src/records/preflight.js';
import type { DeploymentRecord, RecordPayload, RecordState, RecordStore } from '../../src/records/types.js';

const SHA = 'a1b2c3d'.padEnd(40, '0');
const HOUR = 3_600_000;
const runner: RunnerContext = {
  eventName: 'push',
  ref: 'refs/heads/main',
  sha: SHA,
  serverUrl: 'https://github.com',
  apiUrl: 'https://api.github.com',
  workspace: '/w',
  temp: '/t',
  payload: {},
};

interface Seed {
  environment?: string;
  version: string;
  state: RecordState;
  by?: 'deploy' | 'canary';
  description?: string;
  /** How long ago its latest status was written. */
  agoMs?: number;
  payload?: Partial<RecordPayload>;
}

/** Records newest first, as a store's history gives them; writes are refused (a preflight writes nothing). */
function storeOf(seeds: Seed[]): RecordStore {
  const now = Date.now();
  const records: DeploymentRecord[] = seeds.map((s, i) => ({
    id: String(seeds.length - i),
    environment: s.environment ?? 'production',
    sha: SHA,
    ref: 'refs/heads/main',
    createdAt: new Date(now - (s.agoMs ?? 60_000)).toISOString(),
    payload: { version: s.version, by: s.by ?? 'deploy', runUrl: `https://github.com/o/r/actions/runs/${i}`, ...s.payload },
    state: s.state,
    statusDescription: s.description,
  }));
  return {
    kind: 'ledger',
    where: 'memory',
    calls: 0,
    create: () => Promise.reject(new Error('a preflight writes nothing')),
    setStatus: () => Promise.reject(new Error('a preflight writes nothing')),
    async *history(env: string) {
      for (const r of records) if (r.environment === env) yield r;
    },
  };
}

const PAUSED: Seed = {
  version: '2.0.0',
  state: 'in_progress',
  by: 'canary',
  description: 'shipline: paused at 25%; resume to go on to 50%, 100%, or abort',
};
const LIVE: Seed = { version: '1.0.0', state: 'success' };
const base = { environment: 'production', runner, staleAfterMs: HOUR };

describe('preflight: may this environment change now?', () => {
  it('clears an environment with nothing under way, and says what runs there', async () => {
    const cleared = await preflight(storeOf([LIVE]), { ...base, action: 'deploy' });
    expect(cleared.refusal).toBeUndefined();
    expect(cleared.view.current?.payload.version).toBe('1.0.0');
    expect(cleared.stale).toEqual([]);
  });

  it("refuses while a canary is paused there, in each action's words", async () => {
    const store = storeOf([PAUSED, LIVE]);
    const deploy = (await preflight(store, { ...base, action: 'deploy' })).refusal;
    expect(deploy).toBeInstanceOf(Refusal);
    expect(deploy).toBeInstanceOf(UserError);
    expect(deploy?.reason).toBe('paused');
    expect(deploy?.result).toBe('refused');
    expect(deploy?.message).toBe(
      'A canary of 2.0.0 is paused in production (shipline: paused at 25%; resume to go on to 50%, 100%, or abort). ' +
        'Resume it (canary with resume: promote) or abort it (resume: abort) before deploying.',
    );
    const canary = (await preflight(store, { ...base, action: 'canary' })).refusal;
    expect(canary?.reason).toBe('paused');
    expect(canary?.message).toMatch(
      /^A canary is paused in production: 2\.0\.0 at a1b2c3d \(deployment 2, in_progress: shipline: paused at 25%.* by https:\/\/github\.com\/o\/r\/actions\/runs\/0\. Resume or abort it first: run the canary action with resume: promote or resume: abort/,
    );
  });

  it("refuses while another deploy or canary is in progress, in each action's words", async () => {
    const store = storeOf([{ version: '2.0.0', state: 'in_progress' }, LIVE]);
    const deploy = (await preflight(store, { ...base, action: 'deploy' })).refusal;
    expect(deploy?.reason).toBe('in-progress');
    expect(deploy?.result).toBe('failure');
    expect(deploy?.message).toMatch(
      /^Another deploy to production is still in progress: 2\.0\.0 at a1b2c3d \(deployment 2, in_progress, .*\) by https:\/\/github\.com\/o\/r\/actions\/runs\/0\. Wait for it, or serialise deploys with `concurrency: deploy-production` in the workflow\.$/,
    );
    const canary = (await preflight(store, { ...base, action: 'canary' })).refusal;
    expect(canary?.reason).toBe('in-progress');
    expect(canary?.message).toMatch(
      /^Another deploy or canary in production is still in progress: .* Wait for it, or serialise them with `concurrency: deploy-production` in the workflow\.$/,
    );
  });

  it('goes on past a record left in progress longer than the limit, listing it as stale', async () => {
    const store = storeOf([{ version: '2.0.0', state: 'in_progress', agoMs: 2 * HOUR }, LIVE]);
    const cleared = await preflight(store, { ...base, action: 'deploy' });
    expect(cleared.refusal).toBeUndefined();
    expect(cleared.stale.map((s) => s.record.id)).toEqual(['2']);
    expect(cleared.stale[0]!.why).toMatch(/^it has been in progress for /);
    expect(cleared.staleOpts.limitMs).toBe(HOUR);
  });

  it("uses the caller's limit: the same record is stale for a deploy and still under way for a canary that takes longer", async () => {
    const store = storeOf([{ version: '2.0.0', state: 'in_progress', agoMs: 2 * HOUR }, LIVE]);
    expect((await preflight(store, { ...base, action: 'deploy', staleAfterMs: HOUR })).refusal).toBeUndefined();
    expect((await preflight(store, { ...base, action: 'canary', staleAfterMs: 3 * HOUR })).refusal?.reason).toBe('in-progress');
  });

  it('refuses a deploy whose commit and version did not succeed in the environment it must be promoted from', async () => {
    const store = storeOf([LIVE, { environment: 'staging', version: '1.1.0', state: 'failure' }]);
    const refusal = (await preflight(store, { ...base, action: 'deploy', promotion: { from: 'staging', sha: SHA, version: '1.1.0' } }))
      .refusal;
    expect(refusal?.reason).toBe('no-promotion');
    expect(refusal?.result).toBe('refused');
    expect(refusal?.message).toMatch(
      /^Refusing to deploy to production: 1\.1\.0 at a1b2c3d has no successful deployment in staging: its deployments there did not succeed: .*\.$/,
    );
  });

  it('clears a deploy promoted from an environment where it succeeded, with the evidence', async () => {
    const store = storeOf([LIVE, { environment: 'staging', version: '1.1.0', state: 'success' }]);
    const cleared = await preflight(store, { ...base, action: 'deploy', promotion: { from: 'staging', sha: SHA, version: '1.1.0' } });
    expect(cleared.refusal).toBeUndefined();
    expect(cleared.promotion).toMatch(/^staging ran 1\.1\.0 at a1b2c3d \(deployment 1, success, /);
  });

  it('checks a paused canary before anything else: it is the refusal even with a deploy under way', async () => {
    const store = storeOf([{ version: '3.0.0', state: 'in_progress' }, PAUSED, LIVE]);
    expect((await preflight(store, { ...base, action: 'deploy' })).refusal?.reason).toBe('paused');
  });
});
