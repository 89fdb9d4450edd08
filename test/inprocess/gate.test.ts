import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../helpers/github-emulator.js';
import { runInProcess } from '../helpers/in-process.js';

// The gate's decisions at a fixed time: the gate run in-process (test/helpers/in-process.ts) with
// the runtime's clock fixed, against the GitHub REST/GraphQL emulator. The commit is GITHUB_SHA,
// which the helper sets to 'a' x 40. (The gate bundle: test/integration/gate-action.test.ts.)
const SHA = 'a'.repeat(40);
let gh: GitHubEmulator;
beforeAll(async () => {
  gh = await startGitHubEmulator();
});
afterAll(() => gh.close());
beforeEach(() => gh.reset());

const gate = (inputs: Record<string, string>, now: string, env: Record<string, string> = {}, cwd?: string) =>
  runInProcess('gate', {
    inputs: { environment: 'production', 'github-token': gh.token, ...inputs },
    env: { GITHUB_API_URL: gh.url, GITHUB_ACTOR: 'octocat', ...env },
    now,
    cwd,
  });

/** A deployment of `version` at `sha` to staging that succeeded at `successAt`. */
function staged(successAt: string, opts: { sha?: string; version?: string; state?: 'success' | 'failure' } = {}) {
  const created = new Date(Date.parse(successAt) - 5 * 60_000).toISOString();
  return gh.seedDeployment({
    environment: 'staging',
    sha: opts.sha ?? SHA,
    payload: { version: opts.version ?? '1.2.3', by: 'deploy' },
    created_at: created,
    statuses: ['in_progress', { state: opts.state ?? 'success', created_at: successAt }],
  });
}

const rows = (summary: string) => summary.split('\n').filter((l) => /^\| (require-successful|min-soak|freeze)/.test(l));

describe('gate in-process, at a fixed time', () => {
  it('allows a version proven and soaked on staging, outside the freeze', async () => {
    staged('2024-03-27T09:00:00Z');
    const run = await gate(
      { version: '1.2.3', 'require-successful': 'staging', 'min-soak': '2h', freeze: 'Sun 02:00-04:00 Europe/Vilnius' },
      '2024-03-27T12:00:00Z',
    );
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toEqual({ allowed: 'true', reasons: '', 'override-reason': '' });
    expect(rows(run.summary)).toEqual([
      expect.stringMatching(
        /^\| require-successful \(staging\) \| ✅ pass \| staging ran 1\.2\.3 at aaaaaaa \(deployment \d+, success, .*\(live now\) \|$/,
      ),
      '| min-soak (staging) | ✅ pass | live in staging for 3h (since 2024-03-27 09:00:00 UTC); min-soak is 2h |',
      expect.stringMatching(
        /^\| freeze \| ✅ pass \| no window in force .*next: "Sun 02:00-04:00 Europe\/Vilnius" from 2024-03-31 02:00 Europe\/Vilnius \(2024-03-31 00:00:00 UTC\) \|$/,
      ),
    ]);
    expect(run.summary).toContain('✅ 1.2.3 (aaaaaaa) may go to production now');
    // the decision is taken at the runtime clock's time, and says so
    expect(run.summary).toContain('- **decided at**: 2024-03-27 12:00:00 UTC');
    // one read of staging's records for the evidence, one of production's for a paused canary
    expect(gh.calls('POST', '/graphql')).toBe(2);
    expect(gh.calls('POST', '/repos')).toBe(0);
  });

  it('soaks on while GitHub\'s own job deployment has made the live record inactive (never "replaced too soon")', async () => {
    // ours succeeded at 09:00; at 09:01 the job that ran with `environment: staging` got GitHub's own
    // deployment, whose success made ours inactive (auto_inactive). Ours is still what runs.
    gh.seedDeployment({
      environment: 'staging',
      sha: SHA,
      payload: { version: '1.2.3', by: 'deploy' },
      created_at: '2024-03-27T08:55:00Z',
      statuses: [
        'in_progress',
        { state: 'success', created_at: '2024-03-27T09:00:00Z' },
        { state: 'inactive', created_at: '2024-03-27T09:01:00Z' },
      ],
    });
    gh.seedDeployment({
      environment: 'staging',
      sha: SHA,
      payload: '',
      created_at: '2024-03-27T09:01:00Z',
      statuses: [{ state: 'success', created_at: '2024-03-27T09:01:00Z' }],
    });
    const run = await gate({ version: '1.2.3', 'require-successful': 'staging', 'min-soak': '2h' }, '2024-03-27T12:00:00Z');
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.allowed).toBe('true');
    expect(rows(run.summary)[0]).toMatch(/\(live now\) \|$/);
    expect(rows(run.summary)[1]).toBe(
      '| min-soak (staging) | ✅ pass | live in staging for 3h 5m (since 2024-03-27 08:55:00 UTC); min-soak is 2h |',
    );
  });

  it('refuses in a freeze across the DST change and before the soak, with every reason, failing the step', async () => {
    // 2024-03-31 00:30 UTC is 02:30 EET in Vilnius, the night clocks go forward; staging got it 20 minutes ago.
    staged('2024-03-31T00:10:00Z');
    const run = await gate(
      { 'require-successful': 'staging', 'min-soak': '1h', freeze: 'Sat 22:00-Mon 06:00 Europe/Vilnius\nSun 02:00-04:00 UTC' },
      '2024-03-31T00:30:00Z',
    );
    expect(run.code).toBe(1);
    expect(run.outputs.allowed).toBe('false');
    expect(run.outputs.reasons!.split('\n')).toEqual([
      'min-soak (staging): live in staging for 20m (since 2024-03-31 00:10:00 UTC); min-soak is 1h: allowed from 2024-03-31 01:10:00 UTC',
      'freeze: "Sat 22:00-Mon 06:00 Europe/Vilnius" is in force until 2024-04-01 06:00 Europe/Vilnius (2024-04-01 03:00:00 UTC)',
    ]);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain('commit aaaaaaa may not go to production now: min-soak (staging)');
    expect(run.summary).toContain('❌ commit aaaaaaa may not go to production now');
    expect(rows(run.summary).map((r) => r.split(' | ')[1])).toEqual(['✅ pass', '❌ refused', '❌ refused']);
  });

  it('a window over midnight and the week boundary holds on Monday morning; an override passes it, recorded', async () => {
    staged('2024-03-20T00:00:00Z');
    const inputs = { 'require-successful': 'staging', freeze: 'Sun 23:00-01:00' };
    const refused = await gate(inputs, '2024-04-01T00:30:00Z');
    expect([refused.code, refused.outputs.allowed]).toEqual([1, 'false']);
    expect(refused.outputs.reasons).toBe('freeze: "Sun 23:00-01:00" is in force until 2024-04-01 01:00:00 UTC');

    const reason = 'Payment outage <INC-42>: fix | now';
    const run = await gate({ ...inputs, 'override-reason': reason }, '2024-04-01T00:30:00Z');
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ allowed: 'true', reasons: '', 'override-reason': reason });
    expect(run.stdout).toContain('::warning::Freeze overridden for production by octocat: Payment outage <INC-42>: fix | now');
    expect(run.summary).toContain(
      '| freeze | ⚠️ overridden | "Sun 23:00-01:00" is in force until 2024-04-01 01:00:00 UTC; overridden by octocat: Payment outage &lt;INC-42&gt;: fix &#124; now |',
    );
  });

  it('an override does not pass a commit that staging never ran; fail: false lets the step pass with allowed=false', async () => {
    staged('2024-03-20T00:00:00Z', { sha: 'b'.repeat(40), version: '1.2.2' });
    staged('2024-03-21T00:00:00Z', { state: 'failure' });
    const run = await gate(
      { 'require-successful': 'staging', 'override-reason': 'urgent', fail: 'false', freeze: 'none' },
      '2024-04-01T00:30:00Z',
    );
    expect(run.code, run.stdout).toBe(0);
    expect(run.errors).toEqual([]);
    expect(run.outputs.allowed).toBe('false');
    expect(run.outputs.reasons).toMatch(
      /^require-successful \(staging\): commit aaaaaaa has no successful deployment in staging: its deployments there did not succeed: 1\.2\.3 at aaaaaaa \(deployment \d+, failure/,
    );
    expect(run.outputs['override-reason']).toBe('');
    expect(run.summary).toContain('fail: false, so the step passes with allowed=false');
  });

  it('with a manifest, the commit checked out and built is checked (a hotfix of another ref), not GITHUB_SHA', async () => {
    const built = 'c'.repeat(40);
    staged('2024-03-27T09:00:00Z', { sha: built, version: '2.0.0' });
    const dir = mkdtempSync(join(tmpdir(), 'gate-manifest-'));
    const manifest = join(dir, 'manifest.json');
    writeFileSync(
      manifest,
      JSON.stringify({
        schemaVersion: 1,
        version: '2.0.0',
        channel: 'hotfix',
        commit: built,
        ref: 'refs/heads/main',
        tags: ['2.0.0'],
        builtAt: '2024-03-27T08:00:00Z',
      }),
    );
    const run = await gate({ manifest, 'require-successful': 'staging', freeze: 'none' }, '2024-03-27T12:00:00Z');
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.allowed).toBe('true');
    expect(run.summary).toContain('2.0.0 (ccccccc) may go to production now');

    // A version in the manifest is checked like the version input, before any record is read.
    gh.reset();
    writeFileSync(
      manifest,
      JSON.stringify({
        schemaVersion: 1,
        version: '2.0.0$(id)\n::error::forged',
        channel: 'hotfix',
        commit: built,
        ref: 'refs/heads/main',
        tags: ['2.0.0'],
        builtAt: '2024-03-27T08:00:00Z',
      }),
    );
    const bad = await gate({ manifest, 'require-successful': 'staging', freeze: 'none' }, '2024-03-27T12:00:00Z');
    expect(bad.code).toBe(1);
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors[0]).toMatch(
      /^::error::Input "manifest": build manifest .*manifest\.json, field "version": .* is not valid\. Accepted: a version of letters, digits/,
    );
    expect(bad.stdout.split('\n').filter((l) => l.startsWith('::error::forged'))).toEqual([]);
    expect(gh.calls()).toBe(0);
  });

  it('dry-run reports a refusal without failing the step', async () => {
    const run = await gate({ freeze: 'Sun 02:00-04:00 UTC', 'dry-run': 'true' }, '2024-03-31T03:00:00Z');
    expect([run.code, run.outputs.allowed]).toEqual([0, 'false']);
    expect(run.summary).toContain('Dry run: commit aaaaaaa may not go to production now');
    // only reads: production's records, for a paused canary
    expect(gh.calls()).toBe(1);
    expect(gh.calls('POST', '/repos')).toBe(0);
  });
});
