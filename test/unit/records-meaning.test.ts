// The one reading of a record's state that deploy, canary, rollback and gate share.
import { describe, expect, it } from 'vitest';
import {
  cutText,
  isGood,
  isPaused,
  isShipline,
  isUnfinished,
  notShiplineWhy,
  PAUSE_MARKER,
  reader,
  type Meaning,
} from '../../src/records/meaning.js';
import { restIdOf } from '../../src/records/github.js';
import type { DeploymentRecord, RecordPayload, RecordState } from '../../src/records/types.js';
import { deploymentNodeId } from '../helpers/github-emulator/store.js';

let next = 100;
function rec(
  version: string,
  state: RecordState,
  payload: Partial<RecordPayload> = {},
  extra: Partial<DeploymentRecord> = {},
): DeploymentRecord {
  return {
    id: String(next--),
    environment: 'staging',
    sha: 'a'.repeat(40),
    ref: '',
    createdAt: '2025-01-01T00:00:00Z',
    payload: { version, by: 'deploy', ...payload },
    state,
    ...extra,
  };
}
const meanings = (records: DeploymentRecord[]): Meaning[] => {
  const read = reader();
  return records.map((r) => read(r).meaning);
};

describe('a record is shipline\'s by the "by" it writes, with a payload that passes the input checks', () => {
  it.each([
    ['deploy', true],
    ['canary', true],
    ['rollback', true],
    [undefined, false],
    ['someone-else', false],
  ])('by %s -> %s', (by, mine) => expect(isShipline(rec('1.0.0', 'success', { by: by as RecordPayload['by'] }))).toBe(mine));

  it('a payload with any version but no "by" is another tool\'s', () => {
    const other = rec('1.0.0', 'success', { by: undefined });
    expect(isShipline(other)).toBe(false);
    expect(notShiplineWhy(other)).toBe('not a shipline record (no "by" in its payload)');
  });

  it.each([
    ['a version a shell would read', { version: '1.0; rm -rf /' }],
    ['a version with a newline', { version: '1.0\n::error::x' }],
    ['an artifact that starts a log command', { artifact: 'x\n::set-output name=a::b' }],
    ['a stable version with a space', { stableVersion: '1.0 2' }],
  ])('refuses %s (read like an input before it is used)', (_, payload) => {
    const r = rec('1.0.0', 'success', payload as Partial<RecordPayload>);
    expect(isShipline(r)).toBe(false);
    expect(notShiplineWhy(r)).toMatch(/^a shipline record that cannot be used: /);
  });
});

describe('meanings, newest first', () => {
  it('success and inactive are both good; the newest good one is live, the rest replaced', () => {
    expect(isGood(rec('1', 'inactive'))).toBe(true);
    expect(meanings([rec('3.0.0', 'failure'), rec('2.0.0', 'inactive'), rec('1.0.0', 'success')])).toEqual(['failed', 'live', 'replaced']);
  });

  it('a paused canary is paused: not unfinished, not failed', () => {
    const paused = rec(
      '2.0.0',
      'in_progress',
      { by: 'canary' },
      { statusDescription: `${PAUSE_MARKER}25%; resume to go on to 50%, 100%, or abort` },
    );
    expect(isPaused(paused)).toBe(true);
    expect(isUnfinished(paused)).toBe(false);
    expect(meanings([paused, rec('1.0.0', 'success')])).toEqual(['paused', 'live']);
    // the marker on a deploy's record means nothing
    expect(isPaused(rec('2.0.0', 'in_progress', {}, { statusDescription: `${PAUSE_MARKER}25%` }))).toBe(false);
  });

  it('in_progress, queued and pending are unfinished', () => {
    expect(meanings([rec('4', 'pending'), rec('3', 'queued'), rec('2', 'in_progress'), rec('1', 'error')])).toEqual([
      'unfinished',
      'unfinished',
      'unfinished',
      'failed',
    ]);
  });

  it('a successful rollback undoes what it names, by REST id or by node id; a failed attempt undoes nothing', () => {
    const byRest = rec('1.1.0', 'success', {}, { id: '7' });
    const byNode = rec('1.0.0', 'inactive', {}, { id: '6', nodeId: 'DE_node6' });
    expect(
      meanings([
        rec('1.1.0', 'inactive', { by: 'rollback', rollbackOf: 'DE_node6' }),
        rec('1.0.0', 'error', { by: 'rollback', rollbackOf: '7' }),
        byRest,
        byNode,
      ]),
    ).toEqual(['live', 'failed', 'replaced', 'undone']);
  });

  it("other tools' records are foreign and neither live nor replacing", () => {
    expect(meanings([rec('', 'success', { by: undefined }), rec('1.0.0', 'inactive')])).toEqual(['foreign', 'live']);
  });
});

describe('cutText', () => {
  it('never splits a surrogate pair', () => {
    const text = `${'a'.repeat(139)}🚀 and more`;
    expect(text.slice(0, 140)).not.toBe(cutText(text, 140));
    expect(cutText(text, 140)).toBe('a'.repeat(139));
    expect(cutText(`${'a'.repeat(138)}🚀 more`, 140)).toBe(`${'a'.repeat(138)}🚀`);
    expect(cutText('short', 140)).toBe('short');
  });
});

describe('restIdOf: the REST id inside a deployment node id', () => {
  it.each([1, 127, 300, 70_000, 2_147_483_648, 5_000_000_000, 2 ** 53 - 1])('current format, id %d', (id) => {
    expect(restIdOf(deploymentNodeId(id, 123_456_789))).toBe(String(id));
  });
  it('legacy format', () => expect(restIdOf(Buffer.from('010:Deployment4242424242').toString('base64'))).toBe('4242424242'));
  it('neither', () => expect(restIdOf('XYZ')).toBeUndefined());
});
