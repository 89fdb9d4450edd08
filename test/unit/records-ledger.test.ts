import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutsideError } from '../../src/core/errors.js';
import { LEDGER_LOCK, LedgerStore } from '../../src/records/ledger.js';
import type { DeploymentRecord, RecordStore } from '../../src/records/types.js';

const SHA = 'a'.repeat(40);

async function all(store: RecordStore, environment: string): Promise<DeploymentRecord[]> {
  const out: DeploymentRecord[] = [];
  for await (const r of store.history(environment)) out.push(r);
  return out;
}

/** A clock that moves one second per reading, so every write has its own time. */
function ticking(start = Date.parse('2025-03-01T10:00:00Z')) {
  let t = start;
  return () => new Date((t += 1000));
}

describe('LedgerStore: the records of runs without a token', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipline-ledger-'));
    path = join(dir, 'state', 'deployments.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates records with increasing ids and no status (pending), in a file it creates', async () => {
    const store = new LedgerStore(path, ticking());
    expect(existsSync(path)).toBe(false);
    expect(await all(store, 'staging')).toEqual([]);
    const first = await store.create({
      environment: 'staging',
      sha: SHA,
      ref: 'refs/heads/main',
      payload: { version: '1.0.0', artifact: 'app.tgz' },
    });
    const second = await store.create({ environment: 'staging', sha: SHA, ref: 'refs/heads/main', payload: { version: '1.1.0' } });
    expect([first.id, second.id]).toEqual(['1', '2']);
    expect(first).toMatchObject({
      environment: 'staging',
      sha: SHA,
      ref: 'refs/heads/main',
      state: 'pending',
      createdAt: '2025-03-01T10:00:01.000Z',
    });
    expect(first.payload).toEqual({ version: '1.0.0', artifact: 'app.tgz' });
    const file = JSON.parse(readFileSync(path, 'utf8'));
    expect(file).toMatchObject({ version: 1, next: 3 });
    expect(file.deployments).toHaveLength(2);
    expect(store.calls).toBe(0);
    expect(store.kind).toBe('ledger');
    expect(store.where).toBe(path);
  });

  it('keeps every status; the latest decides the state, and the last environment URL stays', async () => {
    const store = new LedgerStore(path, ticking());
    const r = await store.create({ environment: 'staging', sha: SHA, ref: '', payload: { version: '1.0.0' } });
    await store.setStatus(r.id, 'in_progress', { description: 'deploying', logUrl: 'https://ci/run/1' });
    expect((await all(store, 'staging'))[0]).toMatchObject({
      state: 'in_progress',
      statusDescription: 'deploying',
      environmentUrl: undefined,
    });
    await store.setStatus(r.id, 'success', {
      description: 'deployed',
      environmentUrl: 'http://127.0.0.1:8080',
      logUrl: 'https://ci/run/1',
    });
    await store.setStatus(r.id, 'failure', { description: 'rolled back' });
    const [latest] = await all(store, 'staging');
    expect(latest).toMatchObject({
      state: 'failure',
      statusDescription: 'rolled back',
      environmentUrl: 'http://127.0.0.1:8080',
      stateAt: '2025-03-01T10:00:04.000Z',
    });
    const file = JSON.parse(readFileSync(path, 'utf8'));
    expect(file.deployments[0].statuses.map((s: { state: string }) => s.state)).toEqual(['in_progress', 'success', 'failure']);
    expect(file.deployments[0].statuses[0].logUrl).toBe('https://ci/run/1');
  });

  it('reads one environment newest first', async () => {
    const store = new LedgerStore(path, ticking());
    for (const [environment, version] of [
      ['staging', '1'],
      ['production', '1'],
      ['staging', '2'],
      ['staging', '3'],
    ] as const) {
      await store.create({ environment, sha: SHA, ref: '', payload: { version } });
    }
    expect((await all(store, 'staging')).map((r) => r.payload.version)).toEqual(['3', '2', '1']);
    expect((await all(store, 'production')).map((r) => r.id)).toEqual(['2']);
    expect(await all(store, 'preview')).toEqual([]);
  });

  it('marks earlier successful deployments of the same environment inactive on success (GitHub auto_inactive)', async () => {
    const store = new LedgerStore(path, ticking());
    const a = await store.create({ environment: 'staging', sha: SHA, ref: '', payload: { version: 'a' } });
    await store.setStatus(a.id, 'success');
    const failed = await store.create({ environment: 'staging', sha: SHA, ref: '', payload: { version: 'failed' } });
    await store.setStatus(failed.id, 'failure');
    const prod = await store.create({ environment: 'production', sha: SHA, ref: '', payload: { version: 'p' } });
    await store.setStatus(prod.id, 'success');
    const b = await store.create({ environment: 'staging', sha: SHA, ref: '', payload: { version: 'b' } });
    await store.setStatus(b.id, 'success');
    const states = Object.fromEntries((await all(store, 'staging')).map((r) => [r.payload.version, r.state]));
    expect(states).toEqual({ a: 'inactive', failed: 'failure', b: 'success' });
    expect((await all(store, 'production'))[0]!.state).toBe('success');
  });

  it('leaves earlier deployments alone when told autoInactive: false', async () => {
    const store = new LedgerStore(path, ticking());
    const a = await store.create({ environment: 'staging', sha: SHA, ref: '', payload: { version: 'a' } });
    await store.setStatus(a.id, 'success');
    const b = await store.create({ environment: 'staging', sha: SHA, ref: '', payload: { version: 'b' } });
    await store.setStatus(b.id, 'success', { autoInactive: false });
    expect((await all(store, 'staging')).map((r) => r.state)).toEqual(['success', 'success']);
  });

  it('never marks production deployments inactive (GitHub: prior non-transient, non-production deployments only)', async () => {
    const store = new LedgerStore(path, ticking());
    const older = await store.create({ environment: 'production', sha: SHA, ref: '', payload: { version: 'p1' } });
    await store.setStatus(older.id, 'success');
    const flagged = await store.create({
      environment: 'prod-eu',
      sha: SHA,
      ref: '',
      payload: { version: 'e1' },
      productionEnvironment: true,
    });
    await store.setStatus(flagged.id, 'success');
    for (const environment of ['production', 'prod-eu']) {
      const newer = await store.create({ environment, sha: SHA, ref: '', payload: { version: 'p2' }, productionEnvironment: true });
      await store.setStatus(newer.id, 'success');
    }
    expect((await all(store, 'production')).map((r) => r.state)).toEqual(['success', 'success']);
    expect((await all(store, 'prod-eu')).map((r) => r.state)).toEqual(['success', 'success']);
  });

  it('waits for a held lock, takes over one whose owner process is gone, and names the holder when it cannot', async () => {
    const store = new LedgerStore(path, ticking());
    await store.create({ environment: 'staging', sha: SHA, ref: '', payload: { version: 'a' } });
    const lock = `${path}.lock`;
    // a lock left by a process that no longer exists
    mkdirSync(lock);
    writeFileSync(join(lock, 'owner'), JSON.stringify({ pid: 2 ** 22 + 12_345, host: hostname() }));
    await store.create({ environment: 'staging', sha: SHA, ref: '', payload: { version: 'b' } });
    expect(existsSync(lock)).toBe(false);
    // a lock held by a live process: a bounded wait, then an error that says who holds it
    mkdirSync(lock);
    writeFileSync(join(lock, 'owner'), JSON.stringify({ pid: process.ppid, host: hostname() }));
    const saved = { ...LEDGER_LOCK };
    LEDGER_LOCK.waitMs = 200;
    try {
      await expect(store.create({ environment: 'staging', sha: SHA, ref: '', payload: { version: 'c' } })).rejects.toThrow(
        `is locked by process ${process.ppid} on ${hostname()}`,
      );
      // released meanwhile: the waiting writer goes on
      setTimeout(() => rmSync(lock, { recursive: true, force: true }), 50);
      LEDGER_LOCK.waitMs = 5_000;
      await store.create({ environment: 'staging', sha: SHA, ref: '', payload: { version: 'd' } });
    } finally {
      Object.assign(LEDGER_LOCK, saved);
    }
    expect((await all(store, 'staging')).map((r) => r.payload.version)).toEqual(['d', 'b', 'a']);
  });

  it('refuses a status for a deployment it does not hold', async () => {
    const store = new LedgerStore(path, ticking());
    await expect(store.setStatus('7', 'success')).rejects.toThrow(`Deployment 7 is no longer in the deployment ledger ${path}`);
    await expect(store.setStatus('7', 'success')).rejects.toBeInstanceOf(OutsideError);
  });

  it('names the ledger, as an outside failure, when it cannot be parsed, and leaves it as it was', async () => {
    const store = new LedgerStore(path, ticking());
    await store.create({ environment: 'staging', sha: SHA, ref: '', payload: { version: '1.0.0' } });
    const whole = readFileSync(path, 'utf8');
    const cut = whole.slice(0, Math.floor(whole.length / 2));
    writeFileSync(path, cut);
    await expect(all(store, 'staging')).rejects.toThrow(
      new RegExp(`^The deployment ledger ${path} is not valid JSON \\(.+ at line \\d+, column \\d+\\)\\. Repair it`),
    );
    await expect(store.create({ environment: 'staging', sha: SHA, ref: '', payload: { version: '1.1.0' } })).rejects.toBeInstanceOf(
      OutsideError,
    );
    expect(readFileSync(path, 'utf8')).toBe(cut);
  });

  it('names the ledger, as an outside failure, when it cannot be written', async () => {
    writeFileSync(join(dir, 'blocker'), 'a file where the state directory should be');
    const store = new LedgerStore(join(dir, 'blocker', 'deployments.json'), ticking());
    const failure = store.create({ environment: 'staging', sha: SHA, ref: '', payload: { version: '1.0.0' } });
    await expect(failure).rejects.toBeInstanceOf(OutsideError);
    await expect(failure).rejects.toThrow(/^The deployment ledger .*blocker\/deployments\.json cannot be written \((ENOTDIR|EEXIST)\)/);
  });

  it('is read back by a second store on the same file (a later step), leaving no temporary file', async () => {
    const writer = new LedgerStore(path, ticking());
    const r = await writer.create({ environment: 'staging', sha: SHA, ref: '', payload: { version: '2.0.0', channel: 'staging' } });
    await writer.setStatus(r.id, 'success', { environmentUrl: 'http://127.0.0.1:9' });
    const reader = new LedgerStore(path);
    const [found] = await all(reader, 'staging');
    expect(found).toMatchObject({
      id: r.id,
      state: 'success',
      environmentUrl: 'http://127.0.0.1:9',
      payload: { version: '2.0.0', channel: 'staging' },
    });
    const next = await reader.create({ environment: 'staging', sha: SHA, ref: '', payload: { version: '2.0.1' } });
    expect(next.id).toBe('2');
    expect(readdirSync(join(dir, 'state'))).toEqual(['deployments.json']);
  });
});

describe('openRecords', () => {
  it('keeps the ledger when the token is an unexpanded expression or there is no repository', async () => {
    const { openRecords } = await import('../../src/records/open.js');
    const { readRunnerContext } = await import('../../src/core/runner.js');
    const { createGitHub } = await import('../../src/core/github.js');
    const { silentLog, systemClock } = await import('../../src/core/runtime.js');
    const warnings: string[] = [];
    const quiet = { github: createGitHub, log: silentLog, clock: systemClock };
    const runner = readRunnerContext({ GITHUB_REPOSITORY: 'acme/shop' });
    expect(
      openRecords({
        token: '${{ github.token }}',
        runner,
        stateDir: '/tmp/x',
        runtime: { ...quiet, log: { ...silentLog, warning: (m) => warnings.push(m) } },
      }).kind,
    ).toBe('ledger');
    expect(warnings).toHaveLength(1);
    expect(openRecords({ token: 'ghs_x', runner: readRunnerContext({}), stateDir: '/tmp/x', runtime: quiet }).kind).toBe('ledger');
    expect(openRecords({ token: 'ghs_x', runner, stateDir: '/tmp/x', runtime: quiet }).kind).toBe('github');
  });
});
