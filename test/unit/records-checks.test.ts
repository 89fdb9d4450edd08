import { describe, expect, it } from 'vitest';
import { describeRecord, environmentView, promotionEvidence } from '../../src/records/checks.js';
import { current, findInHistory } from '../../src/records/history.js';
import type { DeploymentRecord, RecordPayload, RecordState, RecordStore } from '../../src/records/types.js';

const SHA = 'a1b2c3d'.padEnd(40, '0');
const OTHER = 'f00dfeed'.padEnd(40, '0');

interface Seed {
  version?: string;
  state: RecordState;
  sha?: string;
  payload?: Partial<RecordPayload>;
  description?: string;
}

/**
 * An environment's history as a store sees it, newest first, counting how many records a check
 * reads (a check must stop as soon as it knows).
 */
function historyOf(seeds: Seed[], environment = 'staging') {
  const records: DeploymentRecord[] = seeds.map((s, i) => ({
    id: String(seeds.length - i),
    environment,
    sha: s.sha ?? SHA,
    ref: 'refs/heads/main',
    createdAt: new Date(Date.UTC(2025, 2, 1, 12, 0, seeds.length - i)).toISOString(),
    payload: { version: s.version ?? '', ...(s.version ? { by: 'deploy' as const } : {}), ...s.payload },
    state: s.state,
    statusDescription: s.description,
  }));
  let read = 0;
  const store: RecordStore & { read: () => number } = {
    kind: 'ledger',
    where: 'memory',
    calls: 0,
    create: () => Promise.reject(new Error('read-only')),
    setStatus: () => Promise.reject(new Error('read-only')),
    async *history(env: string) {
      for (const r of records) {
        if (r.environment !== env) continue;
        read++;
        yield r;
      }
    },
    read: () => read,
  };
  return store;
}

describe('promotionEvidence: was this commit and version proven in that environment?', () => {
  it('accepts a successful deployment of the same commit and version', async () => {
    const store = historyOf([
      { version: '1.2.0', state: 'failure', sha: OTHER },
      { version: '1.1.0', state: 'success' },
      { version: '1.0.0', state: 'inactive' },
    ]);
    const e = await promotionEvidence(store, 'staging', SHA, '1.1.0');
    expect(e.ok).toBe(true);
    expect(e.record?.id).toBe('2');
    expect(e.message).toBe('staging ran 1.1.0 at a1b2c3d (deployment 2, success, 2025-03-01T12:00:02.000Z)');
    expect(store.read()).toBe(2);
  });

  it('accepts one made inactive by a later deployment (GitHub auto_inactive)', async () => {
    const store = historyOf([
      { version: '1.1.0', state: 'success', sha: OTHER },
      { version: '1.0.0', state: 'inactive' },
    ]);
    expect((await promotionEvidence(store, 'staging', SHA, '1.0.0')).ok).toBe(true);
  });

  it('refuses when the deployments of that commit and version failed, listing them', async () => {
    const store = historyOf([
      { version: '1.0.0', state: 'success', sha: OTHER },
      { version: '1.1.0', state: 'failure', description: 'deploy-command exited with code 1' },
      { version: '1.1.0', state: 'error' },
    ]);
    const e = await promotionEvidence(store, 'staging', SHA, '1.1.0');
    expect(e.ok).toBe(false);
    expect(e.message).toBe(
      '1.1.0 at a1b2c3d has no successful deployment in staging: its deployments there did not succeed: ' +
        '1.1.0 at a1b2c3d (deployment 2, failure: deploy-command exited with code 1, 2025-03-01T12:00:02.000Z); ' +
        '1.1.0 at a1b2c3d (deployment 1, error, 2025-03-01T12:00:01.000Z)',
    );
  });

  it('refuses a deployment that a later rollback undid, whatever its last status says', async () => {
    const store = historyOf([
      { version: '1.0.0', state: 'success', payload: { rollbackOf: '2', by: 'rollback' } },
      { version: '1.1.0', state: 'inactive' },
      { version: '1.0.0', state: 'inactive' },
    ]);
    const e = await promotionEvidence(store, 'staging', SHA, '1.1.0');
    expect(e.ok).toBe(false);
    expect(e.message).toContain('did not succeed: 1.1.0 at a1b2c3d (deployment 2, inactive');
  });

  it('refuses a version that was never there, saying what runs instead', async () => {
    const store = historyOf([
      { version: '0.9.0', state: 'failure' },
      { version: '0.8.0', state: 'success', sha: OTHER },
    ]);
    const e = await promotionEvidence(store, 'staging', SHA, '1.0.0');
    expect(e.ok).toBe(false);
    expect(e.message).toBe(
      '1.0.0 at a1b2c3d has no successful deployment in staging: it was never deployed there; staging runs 0.8.0 at f00dfee (deployment 1, success, 2025-03-01T12:00:01.000Z)',
    );
  });

  it('refuses the same version built from another commit', async () => {
    const store = historyOf([{ version: '1.0.0', state: 'success', sha: OTHER }]);
    const e = await promotionEvidence(store, 'staging', SHA, '1.0.0');
    expect(e.ok).toBe(false);
    expect(e.message).toContain('it was never deployed there; staging runs 1.0.0 at f00dfee');
  });

  it('refuses an empty environment, and ignores deployments shipline did not write', async () => {
    expect((await promotionEvidence(historyOf([]), 'staging', SHA, '1.0.0')).message).toBe(
      '1.0.0 at a1b2c3d has no successful deployment in staging: it was never deployed there; staging has no successful deployment',
    );
    const githubJobDeployment = historyOf([{ state: 'success' }]);
    const e = await promotionEvidence(githubJobDeployment, 'staging', SHA, '1.0.0');
    expect(e.ok).toBe(false);
    expect(e.message).toContain('staging has no successful deployment');
  });
});

describe('environmentView: what runs now and whether a deploy is under way, in one read', () => {
  it('finds the newest successful record, past failures, and stops there', async () => {
    const store = historyOf([
      { version: '3', state: 'failure' },
      { version: '2', state: 'success' },
      { version: '1', state: 'inactive' },
    ]);
    const view = await environmentView(store, 'staging');
    expect(view.current?.payload.version).toBe('2');
    expect(view.unfinished).toEqual([]);
    expect(store.read()).toBe(2);
  });

  it('reports a deploy still in progress that is newer than what runs', async () => {
    const store = historyOf([
      { version: '3', state: 'in_progress' },
      { version: '2', state: 'success' },
    ]);
    const view = await environmentView(store, 'staging');
    expect(view.unfinished.map((r) => r.payload.version)).toEqual(['3']);
    expect(view.current?.payload.version).toBe('2');
  });

  it('counts queued as unfinished, and lists every unfinished one newer than what runs', async () => {
    const view = await environmentView(
      historyOf([
        { version: '4', state: 'queued' },
        { version: '3', state: 'in_progress' },
      ]),
      'staging',
    );
    expect(view.unfinished.map((r) => r.payload.version)).toEqual(['4', '3']);
    expect(view.current).toBeUndefined();
  });

  it('ignores one left in progress before the current success', async () => {
    const view = await environmentView(
      historyOf([
        { version: '2', state: 'success' },
        { version: '1', state: 'in_progress' },
      ]),
      'staging',
    );
    expect(view.unfinished).toEqual([]);
  });

  it("skips GitHub's own job deployments, in progress or successful, and counts the shipline record they made inactive", async () => {
    const store = historyOf([{ state: 'in_progress' }, { state: 'success' }, { version: '1.4.0', state: 'inactive' }]);
    const view = await environmentView(store, 'staging');
    expect(view.unfinished).toEqual([]);
    expect(view.current?.payload.version).toBe('1.4.0');
  });

  it('skips a deployment a successful rollback undid; a failed rollback attempt undid nothing', async () => {
    const undone = historyOf([
      { version: '1.0.0', state: 'inactive', payload: { rollbackOf: '2', by: 'rollback' } },
      { version: '1.1.0', state: 'failure' },
      { version: '1.0.0', state: 'inactive' },
    ]);
    expect((await environmentView(undone, 'staging')).current?.id).toBe('3');
    const attempt = historyOf([
      { version: '1.0.0', state: 'error', payload: { rollbackOf: '2', by: 'rollback' } },
      { version: '1.1.0', state: 'success' },
      { version: '1.0.0', state: 'inactive' },
    ]);
    expect((await environmentView(attempt, 'staging')).current?.id).toBe('2');
  });

  it('gives up after depth records without a success', async () => {
    const store = historyOf(Array.from({ length: 10 }, (_, i) => ({ version: `v${i}`, state: 'failure' as const })));
    const view = await environmentView(store, 'staging', 4);
    expect(view.current).toBeUndefined();
    expect(store.read()).toBe(4);
  });
});

describe('history helpers', () => {
  it('current is the newest good shipline record', async () => {
    expect(
      (await current(historyOf([{ state: 'success' }, { version: '2', state: 'failure' }, { version: '1', state: 'success' }]), 'staging'))
        ?.payload.version,
    ).toBe('1');
    expect(await current(historyOf([{ version: '1', state: 'failure' }]), 'staging')).toBeUndefined();
  });

  it('findInHistory says why each record was passed over, and stops at the limit', async () => {
    const store = historyOf([
      { version: 'a', state: 'failure' },
      { version: 'b', state: 'failure' },
      { version: 'c', state: 'success' },
    ]);
    const r = await findInHistory(store, 'staging', (x) => (x.state === 'success' ? true : `${x.payload.version} failed`), 2);
    expect(r.found).toBeUndefined();
    expect(r.seen).toBe(2);
    expect(r.skipped.map((s) => s.why)).toEqual(['a failed', 'b failed']);
    const all = await findInHistory(store, 'staging', (x) => (x.state === 'success' ? true : 'no'));
    expect(all.found?.payload.version).toBe('c');
  });

  it('describeRecord names version, short commit, id, state and its description', () => {
    const [r] = [
      {
        id: '9',
        environment: 'x',
        sha: OTHER,
        ref: '',
        createdAt: '2025-01-01T00:00:00Z',
        payload: { version: '' },
        state: 'pending' as const,
      },
    ];
    expect(describeRecord(r!)).toBe('(no version) at f00dfee (deployment 9, pending, 2025-01-01T00:00:00Z)');
  });
});
