import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LedgerStore } from '../../src/records/ledger.js';
import type { DeploymentRecord, RecordState } from '../../src/records/types.js';
import { commitEvidence, successVerdict } from '../../src/gate/evidence.js';
import { parseFreezeWindow, type FreezeWindow } from '../../src/gate/freeze.js';
import { freezeVerdict } from '../../src/gate/freeze-policy.js';
import { humanDuration, soakOf, soakVerdict } from '../../src/gate/soak.js';
import { decide, type PolicyVerdict } from '../../src/gate/verdict.js';

const at = (iso: string) => Date.parse(iso);
const window = (text: string): FreezeWindow => {
  const r = parseFreezeWindow(text);
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.window;
};
const record = (state: RecordState, createdAt: string, stateAt?: string): DeploymentRecord => ({
  id: '7',
  environment: 'staging',
  sha: 'a'.repeat(40),
  ref: 'main',
  createdAt,
  payload: { version: '1.2.3', by: 'deploy' },
  state,
  stateAt,
});

describe('humanDuration', () => {
  it.each([
    [0, '0s'],
    [250, '250ms'],
    [45_000, '45s'],
    [90 * 60_000, '1h 30m'],
    [3 * 3_600_000 + 12 * 60_000 + 5_000, '3h 12m'],
    [50 * 3_600_000, '2d 2h'],
    [7_200_000, '2h'],
  ])('%i ms is %s', (ms, text) => expect(humanDuration(ms)).toBe(text));
});

describe('soak', () => {
  it.each([
    // [state, createdAt, stateAt, now, live (its place in the history), soaked ms]
    ['success', '2024-05-01T10:00:00Z', '2024-05-01T10:05:00Z', '2024-05-01T12:05:00Z', true, 2 * 3_600_000],
    ['inactive', '2024-05-01T10:00:00Z', '2024-05-01T10:45:00Z', '2024-05-02T00:00:00Z', false, 45 * 60_000],
    ['success', '2024-05-01T10:00:00Z', '2024-05-01T10:05:00Z', '2024-05-01T10:00:00Z', true, 0],
    // inactive but still what runs (GitHub's own job deployment succeeded after it): soaks on, from its creation
    ['inactive', '2024-05-01T10:00:00Z', '2024-05-01T10:06:00Z', '2024-05-01T12:00:00Z', true, 2 * 3_600_000],
  ] as const)('%s created %s, status %s, at %s', (state, created, stateAt, now, live, ms) => {
    expect(soakOf(record(state, created, stateAt), { live }, at(now))).toMatchObject({ live, ms });
  });

  it('a live record that GitHub marked inactive is not "replaced too soon" (it soaks until now)', () => {
    const r = record('inactive', '2024-05-01T10:00:00Z', '2024-05-01T10:06:00Z');
    const v = soakVerdict('staging', r, { live: true }, 3_600_000, at('2024-05-01T12:00:00Z'));
    expect(v).toMatchObject({ verdict: 'pass', evidence: expect.stringContaining('live in staging for 2h') });
  });

  it('a production record never marked inactive but replaced since ran until its replacement was created', () => {
    const r = record('success', '2024-05-01T10:00:00Z', '2024-05-01T10:05:00Z');
    const newer = { ...record('success', '2024-05-01T10:35:00Z', '2024-05-01T10:40:00Z'), id: '8' };
    const v = soakVerdict('staging', r, { live: false, replacedBy: newer }, 3_600_000, at('2024-06-01T00:00:00Z'));
    expect(v.evidence).toBe(
      'ran in staging for 30m (2024-05-01 10:05:00 UTC until replaced at 2024-05-01 10:35:00 UTC); min-soak is 1h; it was replaced too soon: deploy it to staging again to soak',
    );
  });

  it('passes once the soak is reached, and says when it will be', () => {
    const r = record('success', '2024-05-01T10:00:00Z', '2024-05-01T10:05:00Z');
    const early = soakVerdict('staging', r, { live: true }, 3_600_000, at('2024-05-01T10:25:00Z'));
    expect(early.verdict).toBe('refused');
    expect(early.evidence).toBe(
      'live in staging for 20m (since 2024-05-01 10:05:00 UTC); min-soak is 1h: allowed from 2024-05-01 11:05:00 UTC',
    );
    const late = soakVerdict('staging', r, { live: true }, 3_600_000, at('2024-05-01T11:05:00Z'));
    expect(late.verdict).toBe('pass');
  });

  it('a replaced record counts the time it ran', () => {
    const r = record('inactive', '2024-05-01T10:00:00Z', '2024-05-01T10:30:00Z');
    expect(soakVerdict('staging', r, { live: false }, 3_600_000, at('2024-06-01T00:00:00Z'))).toMatchObject({ verdict: 'refused' });
    expect(soakVerdict('staging', r, { live: false }, 30 * 60_000, at('2024-06-01T00:00:00Z'))).toMatchObject({ verdict: 'pass' });
  });

  it('refuses when there is nothing to measure', () => {
    expect(soakVerdict('staging', undefined, { live: false }, 60_000, 0)).toMatchObject({
      verdict: 'refused',
      evidence: expect.stringContaining('no successful deployment in staging'),
    });
  });
});

describe('freezeVerdict', () => {
  const windows = [window('Sun 02:00-04:00 UTC'), window('Sat 22:00-Mon 06:00 Europe/Vilnius')];
  it('is off without windows', () => expect(freezeVerdict([], 0).verdict).toBe('off'));
  it('passes outside every window and names the next', () => {
    const v = freezeVerdict(windows, at('2024-04-03T12:00:00Z'));
    expect(v.verdict).toBe('pass');
    expect(v.evidence).toContain(
      'next: "Sat 22:00-Mon 06:00 Europe/Vilnius" from 2024-04-06 22:00 Europe/Vilnius (2024-04-06 19:00:00 UTC)',
    );
  });
  it('refuses inside a window and says until when, for every window in force', () => {
    const v = freezeVerdict(windows, at('2024-03-31T02:30:00Z'));
    expect(v).toMatchObject({ verdict: 'refused', overrideUsed: false });
    expect(v.evidence).toBe(
      '"Sun 02:00-04:00 UTC" is in force until 2024-03-31 04:00:00 UTC; "Sat 22:00-Mon 06:00 Europe/Vilnius" is in force until 2024-04-01 06:00 Europe/Vilnius (2024-04-01 03:00:00 UTC)',
    );
  });
  it('an override lets it through, with the reason and who gave it', () => {
    const v = freezeVerdict(windows, at('2024-03-31T02:30:00Z'), { reason: 'CVE-2024-1234 hotfix', actor: 'octocat' });
    expect(v).toMatchObject({ verdict: 'overridden', overrideUsed: true });
    expect(v.evidence).toMatch(/; overridden by octocat: CVE-2024-1234 hotfix$/);
  });
  it('an override outside a freeze is not used', () => {
    expect(freezeVerdict(windows, at('2024-04-03T12:00:00Z'), { reason: 'x' })).toMatchObject({ verdict: 'pass', overrideUsed: false });
  });
});

describe('decide', () => {
  const v = (policy: PolicyVerdict['policy'], verdict: PolicyVerdict['verdict'], subject?: string): PolicyVerdict => ({
    policy,
    verdict,
    subject,
    evidence: `${policy} evidence`,
  });
  it.each([
    [[v('freeze', 'off'), v('require-successful', 'off')], true, []],
    [[v('freeze', 'overridden'), v('require-successful', 'pass', 'staging')], true, []],
    [
      [v('require-successful', 'pass', 'staging'), v('min-soak', 'refused', 'staging'), v('freeze', 'refused')],
      false,
      ['min-soak (staging): min-soak evidence', 'freeze: freeze evidence'],
    ],
  ])('%#', (verdicts, allowed, reasons) => expect(decide(verdicts)).toEqual({ allowed, reasons }));
});

describe('commitEvidence (on a ledger)', () => {
  const sha = 'a'.repeat(40);
  async function ledger() {
    let now = at('2024-05-01T10:00:00Z');
    const store = new LedgerStore(join(mkdtempSync(join(tmpdir(), 'gate-ledger-')), 'deployments.json'), () => new Date(now));
    const deploy = async (commit: string, version: string, final: RecordState, minutes = 5) => {
      const r = await store.create({ environment: 'staging', sha: commit, ref: 'main', payload: { version, by: 'deploy' } });
      now += minutes * 60_000;
      await store.setStatus(r.id, final);
      now += 60_000;
      return r.id;
    };
    return { store, deploy };
  }

  it('finds the live deployment of this commit, with or without a version', async () => {
    const { store, deploy } = await ledger();
    await deploy(sha, '1.2.3', 'success');
    const id = await deploy(sha, '1.2.3', 'success');
    for (const version of ['1.2.3', undefined]) {
      const e = await commitEvidence(store, 'staging', sha, version);
      expect(e.ok).toBe(true);
      expect(e.record?.id).toBe(id);
      expect(successVerdict('staging', e).evidence).toMatch(/\(live now\)$/);
    }
  });

  it('counts a deployment that a later one replaced, not one that failed', async () => {
    const { store, deploy } = await ledger();
    const good = await deploy(sha, '1.2.3', 'success');
    await deploy('b'.repeat(40), '1.2.4', 'success');
    const e = await commitEvidence(store, 'staging', sha);
    expect([e.ok, e.record?.id, e.record?.state]).toEqual([true, good, 'inactive']);
    expect(successVerdict('staging', e).evidence).toMatch(/since replaced by a later deployment/);
  });

  it('refuses a commit that only failed there, or was never there, and says what was found', async () => {
    const { store, deploy } = await ledger();
    await deploy(sha, '1.2.3', 'failure');
    const failed = await commitEvidence(store, 'staging', sha);
    expect(failed.ok).toBe(false);
    expect(failed.message).toContain('its deployments there did not succeed: 1.2.3 at aaaaaaa');
    const other = await commitEvidence(store, 'staging', 'c'.repeat(40));
    expect(other).toMatchObject({ ok: false, message: expect.stringContaining('it was never deployed there') });
    const wrongVersion = await commitEvidence(store, 'staging', sha, '9.9.9');
    expect(wrongVersion.ok).toBe(false);
    expect(successVerdict('staging', wrongVersion).verdict).toBe('refused');
  });
});
