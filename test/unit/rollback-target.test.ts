import { describe, expect, it } from 'vitest';
import type { DeploymentRecord, RecordPayload, RecordState } from '../../src/records/types.js';
import { chooseTarget, judgeCandidate } from '../../src/rollback/target.js';

let nextId = 1000;
/** A record; `rec('1.0.0', 'success')`. Newest first in the lists below. */
function rec(version: string, state: RecordState, payload: Partial<RecordPayload> = {}, id = String(nextId--)): DeploymentRecord {
  return {
    id,
    environment: 'production',
    sha: 'c'.repeat(40),
    ref: 'main',
    createdAt: '2025-01-01T00:00:00Z',
    payload: { version, by: 'deploy', ...payload },
    state,
  };
}
async function* list(records: DeploymentRecord[]) {
  for (const r of records) yield r;
}
const choose = (records: DeploymentRecord[], toVersion?: string, limit?: number) =>
  chooseTarget(list(records), { environment: 'production', toVersion, limit });

describe('chooseTarget', () => {
  it('rolls the newest deployment back to the newest older good one', async () => {
    const v2 = rec('2.0.0', 'success');
    const v1 = rec('1.0.0', 'inactive');
    const c = await choose([v2, v1, rec('0.9.0', 'inactive')]);
    expect(c.kind).toBe('target');
    if (c.kind !== 'target') return;
    expect([c.bad.id, c.target.id]).toEqual([v2.id, v1.id]);
    expect(c.skipped).toEqual([]);
    expect(c.seen).toBe(2);
  });

  it('undoes a failed deploy too, and passes over failures, unfinished ones, foreign records and the same version', async () => {
    const bad = rec('3.0.0', 'failure');
    const c = await choose([
      bad,
      rec('3.0.0', 'inactive'),
      rec('', 'success', { by: undefined }),
      rec('2.5.0', 'error', {}),
      rec('2.4.0', 'in_progress'),
      rec('2.3.0', 'failure'),
      rec('2.0.0', 'success', {}, 'good'),
    ]);
    expect(c.kind === 'target' && c.target.id).toBe('good');
    expect(c.skipped.map((s) => s.why)).toEqual([
      'the same version as the deployment being rolled back',
      'not a shipline record (no "by" in its payload)',
      'its last status is error',
      'it never finished (last status in_progress)',
      'its last status is failure',
    ]);
  });

  it('never goes back to a deployment that a successful rollback undid', async () => {
    // 1.2 was rolled back to 1.1 earlier; then 1.3 was deployed and is bad.
    const c = await choose([
      rec('1.3.0', 'success'),
      rec('1.1.0', 'inactive', { by: 'rollback', rollbackOf: 'r12', reason: 'errors' }, 'rb'),
      rec('1.2.0', 'inactive', {}, 'r12'),
      rec('1.1.0', 'inactive'),
    ]);
    expect(c.kind === 'target' && c.target.id).toBe('rb');
    const c2 = await choose([
      rec('1.3.0', 'success'),
      rec('1.1.0', 'failure', { by: 'rollback', rollbackOf: 'r12x' }),
      rec('1.2.0', 'inactive', {}, 'r12x'),
      rec('1.0.0', 'inactive', {}, 'v10'),
    ]);
    // a failed rollback attempt undid nothing: 1.2.0 is still a fine target
    expect(c2.kind === 'target' && c2.target.id).toBe('r12x');
    const c3 = await choose(
      [
        rec('1.3.0', 'success'),
        rec('1.1.0', 'success', { by: 'rollback', rollbackOf: 'r12y' }, 'rb2'),
        rec('1.2.0', 'failure', {}, 'r12y'),
      ],
      '1.2.0',
    );
    expect(c3.kind).toBe('none');
    expect(c3.kind === 'none' && c3.why).toContain('rolled back by deployment rb2');
  });

  it('passes over earlier failed rollback attempts, so a retry undoes the same deployment', async () => {
    const c = await choose([
      rec('1.0.0', 'error', { by: 'rollback', rollbackOf: 'bad' }),
      rec('2.0.0', 'success', {}, 'bad'),
      rec('1.0.0', 'inactive', {}, 'good'),
    ]);
    expect(c.kind === 'target' && [c.bad.id, c.target.id]).toEqual(['bad', 'good']);
    expect(c.skipped[0]!.why).toBe('an earlier rollback attempt that did not succeed (error)');
  });

  it('sees a second run for the same bad deployment as already done', async () => {
    const c = await choose([
      rec('1.0.0', 'success', { by: 'rollback', rollbackOf: 'bad', reason: 'r' }, 'rb'),
      rec('2.0.0', 'failure', {}, 'bad'),
      rec('1.0.0', 'inactive'),
    ]);
    expect(c.kind).toBe('already');
    if (c.kind !== 'already') return;
    expect(c.current.id).toBe('rb');
    expect(c.undone?.payload.version).toBe('2.0.0');
    expect(c.why).toBe('production was already rolled back to 1.0.0 by deployment rb');
  });

  it('with to-version: picks that version, skips others, and is already done when it runs', async () => {
    const c = await choose(
      [rec('3.0.0', 'success'), rec('2.0.0', 'inactive'), rec('1.0.0', 'inactive', {}, 'one'), rec('0.9.0', 'inactive')],
      '1.0.0',
    );
    expect(c.kind === 'target' && c.target.id).toBe('one');
    expect(c.skipped.map((s) => s.why)).toEqual(['not the version asked for (1.0.0)']);
    const done = await choose([rec('1.0.0', 'success', {}, 'now'), rec('2.0.0', 'inactive')], '1.0.0');
    expect(done.kind === 'already' && done.current.id).toBe('now');
  });

  it('explains what is missing', async () => {
    const empty = await choose([]);
    expect(empty.kind === 'none' && empty.why).toBe('production has no deployment records: nothing to roll back');
    const foreign = await choose([rec('', 'success')]);
    expect(foreign.kind === 'none' && foreign.why).toMatch(/no shipline deployment records \(1 from other tools\)/);
    const alone = await choose([rec('1.0.0', 'success')]);
    expect(alone.kind === 'none' && alone.why).toMatch(/no good deployment older than 1\.0\.0/);
    const never = await choose([rec('2.0.0', 'success'), rec('1.0.0', 'inactive')], '9.9.9');
    expect(never.kind === 'none' && never.why).toMatch(
      /^9\.9\.9 was never deployed to production before 2\.0\.0 .*versions deployed there: 1\.0\.0$/,
    );
    const onlyFailed = await choose([rec('2.0.0', 'success'), rec('1.5.0', 'failure', {}, 'f15')], '1.5.0');
    expect(onlyFailed.kind === 'none' && onlyFailed.why).toMatch(
      /1\.5\.0 was deployed .* never in a state to go back to: deployment f15: its last status is failure/,
    );
  });

  it('stops reading at the limit', async () => {
    const many = [rec('9.0.0', 'success'), ...Array.from({ length: 50 }, () => rec('8.0.0', 'failure'))];
    const c = await choose(many, undefined, 10);
    expect(c.seen).toBe(10);
    expect(c.kind === 'none' && c.why).toMatch(/stopped after 10 records/);
  });

  it('reads the history lazily: only as far as the target', async () => {
    let pulled = 0;
    async function* counted() {
      for (let i = 0; i < 500; i++) {
        pulled++;
        yield i === 0 ? rec('2.0.0', 'success') : i < 120 ? rec(`1.0.${i}`, 'failure') : rec('1.0.0', 'inactive');
      }
    }
    const c = await chooseTarget(counted(), { environment: 'production' });
    expect(c.kind === 'target' && c.target.payload.version).toBe('1.0.0');
    expect(pulled).toBe(121);
  });
});

describe('judgeCandidate', () => {
  const bad = rec('2.0.0', 'success');
  const table: [DeploymentRecord, string | true][] = [
    [rec('1.0.0', 'success'), true],
    [rec('1.0.0', 'inactive'), true],
    [rec('1.0.0', 'queued'), 'it never finished (last status queued)'],
    [rec('1.0.0', 'pending'), 'it never finished (last status pending)'],
    [{ ...rec('1.0.0', 'failure'), statusDescription: 'boom' }, 'its last status is failure (boom)'],
    [rec('2.0.0', 'inactive'), 'the same version as the deployment being rolled back'],
  ];
  it.each(table)('%#', (r, want) => {
    expect(judgeCandidate(r, { bad, rolledBack: new Map() })).toBe(want);
  });
});
