// Blue-green on the local driver, through the built bundles: real app processes behind the real
// proxy, the ledger for records. Seed 004 (PlexiChat): deploy beside the live version, test it,
// switch all traffic at once, roll back by switching.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDriver } from '../../src/drivers/local/index.js';
import { isProcessAlive } from '../../src/drivers/local/processes.js';
import { ROOT, runAction, type RunActionOptions } from '../helpers/run-action.js';

const APP = `"${process.execPath}" "${join(ROOT, 'examples/app/server.js')}"`;
const CHECKS = '[{name: health, path: /health}, {name: home, path: /, expect: {body-contains: shipline-example-app}}]';

interface Ledger {
  deployments: { id: string; payload: Record<string, unknown>; statuses: { state: string; description?: string }[] }[];
}

async function version(url: string): Promise<string | null> {
  const res = await fetch(`${url}/health`, { headers: { connection: 'close' } });
  await res.text();
  return res.headers.get('x-shipline-version');
}

/** What the public URL answers, asked `n` times: one slot has all traffic when every answer agrees. */
async function answers(url: string, n = 20): Promise<Set<string | null>> {
  const seen = new Set<string | null>();
  for (let i = 0; i < n; i++) seen.add(await version(url));
  return seen;
}

describe('blue-green on the local driver', () => {
  let dir: string;
  let stateDir: string;
  const ENV = 'production';
  const local = () => createLocalDriver({ stateDir: join(stateDir, 'local'), environment: ENV });
  const ledger = () => JSON.parse(readFileSync(join(stateDir, 'deployments.json'), 'utf8')) as Ledger;
  const step = (bundle: 'deploy' | 'rollback', inputs: Record<string, string>, onSpawn?: RunActionOptions['onSpawn']) =>
    runAction(bundle, {
      inputs: { environment: ENV, driver: 'local', 'app-command': APP, 'state-dir': stateDir, timeout: '20s', ...inputs },
      env: { SHIPLINE_PRINT_SUMMARY: 'false' },
      onSpawn,
    });
  const deploy = (v: string, extra: Record<string, string> = {}, onSpawn?: RunActionOptions['onSpawn']) =>
    step('deploy', { version: v, strategy: 'blue-green', checks: CHECKS, ...extra }, onSpawn);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipline-bluegreen-'));
    stateDir = join(dir, 'state');
  });
  afterAll(async () => {
    if (existsSync(join(stateDir, 'local'))) await local().stop();
    rmSync(dir, { recursive: true, force: true });
  });

  let publicUrl = '';
  let bluePid = 0;

  it('a first blue-green deploy starts on blue, checks it at its own URL, then gives it all traffic', async () => {
    const run = await deploy('1.0.0');
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'success', slot: 'blue' });
    expect(run.outputs['preview-url']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    publicUrl = run.outputs['environment-url']!;
    expect(publicUrl).not.toBe(run.outputs['preview-url']);
    expect(await answers(publicUrl, 5)).toEqual(new Set(['1.0.0']));
    expect(ledger().deployments[0]!.payload).toMatchObject({
      version: '1.0.0',
      strategy: 'blue-green',
      slot: 'blue',
      keepPreviousMs: 1_800_000,
    });
    expect(run.summary).toMatch(/\*\*live slot\*\*: blue/);
    expect(run.summary).toMatch(/\| health \| GET http:\/\/127\.0\.0\.1:\d+\/health \| 200 \| pass/);
    bluePid = (await local().status()).stable!.pid;
  });

  it('the next version starts on green beside blue; after the switch blue keeps running without traffic', async () => {
    const run = await deploy('2.0.0');
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'success', slot: 'green', 'previous-version': '1.0.0', 'environment-url': publicUrl });
    expect(await answers(publicUrl)).toEqual(new Set(['2.0.0']));
    const status = await local().status();
    expect(status.stable).toMatchObject({ version: '2.0.0', alive: true });
    expect(status.canary).toMatchObject({ version: '1.0.0', alive: true, pid: bluePid });
    expect(status.weight).toBe(0);
    expect(ledger().deployments[1]!.payload).toMatchObject({ slot: 'green', previousSlot: 'blue', previousVersion: '1.0.0' });
    expect(run.summary).toMatch(/\*\*live slot\*\*: green/);
    expect(run.summary).toMatch(/\*\*previous slot\*\*: slot blue \(1\.0\.0\), kept 30m/);
  });

  it('a smoke check failing on the idle slot leaves all traffic where it was and records a failure', async () => {
    const run = await deploy('3.0.0', { checks: '[{name: wants-nope, path: /, expect: {body-contains: nope-not-there}}]' });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'failure', slot: 'green' });
    expect(run.errors.join('\n')).toMatch(
      /Smoke checks failed on the idle slot blue .*wants-nope.*Traffic was not moved: all of it stays on slot green \(2\.0\.0\)/,
    );
    expect(await answers(publicUrl)).toEqual(new Set(['2.0.0']));
    const record = ledger().deployments[2]!;
    expect(record.payload).toMatchObject({ version: '3.0.0', slot: 'blue' });
    expect(record.statuses.at(-1)).toMatchObject({ state: 'failure' });
    expect(record.statuses.at(-1)!.description).toMatch(/Smoke checks failed on the idle slot blue/);
    expect(run.summary).toMatch(/\*\*live slot\*\*: green/);
    expect(run.summary).toMatch(/wants-nope .*fail/);
  });

  it('rollback while the previous slot still runs the target is one switch back, nothing redeployed', async () => {
    // Deploy 2.1.0 (blue now runs it, green keeps 2.0.0), then roll back to 2.0.0 by switching.
    const up = await deploy('2.1.0');
    expect(up.code, up.stdout).toBe(0);
    expect(up.outputs.slot).toBe('blue');
    const before = await local().status();
    const greenPid = before.canary!.pid;
    expect(before.canary).toMatchObject({ version: '2.0.0', alive: true });

    const run = await step('rollback', { reason: 'bad release' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'success', version: '2.0.0', 'from-version': '2.1.0' });
    expect(run.stdout).toMatch(/switching back: slot green still runs 2\.0\.0/);
    expect(await answers(publicUrl)).toEqual(new Set(['2.0.0']));
    const after = await local().status();
    expect(after.stable).toMatchObject({ version: '2.0.0', pid: greenPid });
    expect(after.canary).toMatchObject({ version: '2.1.0', alive: true });
    const rollback = ledger().deployments.at(-1)!;
    expect(rollback.payload).toMatchObject({ by: 'rollback', version: '2.0.0', slot: 'green', previousSlot: 'blue' });
    expect(rollback.statuses.at(-1)!.state).toBe('success');
  });

  it('past keep-previous, rollback deploys the target to the idle slot and switches', async () => {
    const up = await deploy('4.0.0', { 'keep-previous': '1s' });
    expect(up.code, up.stdout).toBe(0);
    expect(up.outputs.slot).toBe('blue');
    const oldGreen = (await local().status()).canary!;
    await new Promise((r) => setTimeout(r, 1_500));
    const run = await step('rollback', { reason: 'too late to switch' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/redeploying to the idle slot: slot green's keep-previous \(1s\) ran out/);
    expect(await answers(publicUrl)).toEqual(new Set(['2.0.0']));
    const after = await local().status();
    expect(after.stable).toMatchObject({ version: '2.0.0', alive: true });
    expect(after.stable!.pid).not.toBe(oldGreen.pid);
    expect(isProcessAlive(oldGreen.pid)).toBe(false);
    expect(ledger().deployments.at(-1)!.payload).toMatchObject({ by: 'rollback', slot: 'green' });
  });

  it('keep-previous: 0s stops the previous slot once the switch is done', async () => {
    const before = await local().status();
    const run = await deploy('5.0.0', { 'keep-previous': '0s' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.slot).toBe('blue');
    expect(isProcessAlive(before.stable!.pid)).toBe(false);
    const after = await local().status();
    expect(after.canary).toBeNull();
    expect(await answers(publicUrl, 5)).toEqual(new Set(['5.0.0']));
  });

  it('a runner cancel during the switch leaves one slot with all traffic, and the record says which', async () => {
    let sent = false;
    const run = await deploy('6.0.0', {}, (child) => {
      child.stdout!.on('data', (d: Buffer) => {
        if (!sent && d.toString().includes('Switching all traffic to slot')) {
          sent = true;
          child.kill('SIGTERM');
        }
      });
    });
    expect(sent).toBe(true);
    expect(run.code).toBe(1);
    const record = ledger().deployments.at(-1)!;
    const last = record.statuses.at(-1)!;
    // Whichever side of the switch the cancel fell on, the record names the slot that has the traffic.
    const seen = await answers(publicUrl);
    expect(seen.size).toBe(1);
    if (last.state === 'success') {
      expect(last.description).toBe('cancelled after the switch: all traffic on slot green (6.0.0)');
      expect(seen).toEqual(new Set(['6.0.0']));
      expect(run.outputs).toMatchObject({ result: 'success', slot: 'green' });
    } else {
      expect(last).toMatchObject({ state: 'failure', description: 'cancelled before the switch: all traffic stays on slot blue (5.0.0)' });
      expect(seen).toEqual(new Set(['5.0.0']));
      expect(run.outputs).toMatchObject({ result: 'failure', slot: 'blue' });
    }
  });
});

describe('a canary on the local driver after a blue-green deploy made green live', () => {
  let dir: string;
  let stateDir: string;
  const ENV = 'production';
  const local = () => createLocalDriver({ stateDir: join(stateDir, 'local'), environment: ENV });
  const inputs = { environment: ENV, driver: 'local', 'app-command': APP, timeout: '20s' };
  const deploy = (v: string) =>
    runAction('deploy', {
      inputs: { ...inputs, 'state-dir': stateDir, version: v, strategy: 'blue-green', checks: CHECKS },
      env: { SHIPLINE_PRINT_SUMMARY: 'false' },
    });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipline-bluegreen-canary-'));
    stateDir = join(dir, 'state');
  });
  afterAll(async () => {
    if (existsSync(join(stateDir, 'local'))) await local().stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes the live slot as stable: traffic stays on green until the promote, then the next blue-green deploy works', async () => {
    expect((await deploy('1.0.0')).code).toBe(0);
    const up = await deploy('2.0.0');
    expect(up.code, up.stdout).toBe(0);
    expect(up.outputs.slot).toBe('green');
    const publicUrl = up.outputs['environment-url']!;
    expect(publicUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    let sawStart = false;
    let served: Promise<Set<string | null>> | undefined;
    const run = await runAction('canary', {
      inputs: {
        ...inputs,
        'state-dir': stateDir,
        version: '3.0.0',
        steps: '50,100',
        'step-duration': '2s',
        'analysis-interval': '500ms',
        'probe-rps': '40',
        'max-p95': '300ms',
      },
      env: { SHIPLINE_PRINT_SUMMARY: 'false' },
      onSpawn: (child) =>
        child.stdout!.on('data', (d: Buffer) => {
          if (!sawStart && d.toString().includes('0% of traffic')) {
            sawStart = true;
            // Right after the start (weight 0): the live version still answers every request.
            served = answers(publicUrl, 10);
          }
        }),
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.result).toBe('promoted');
    expect(sawStart).toBe(true);
    const seen = await served!;
    expect(seen.has('2.0.0')).toBe(true);
    expect(seen.has(null)).toBe(false);
    expect(await answers(publicUrl)).toEqual(new Set(['3.0.0']));
    // The promoted canary is the live version; the next blue-green deploy starts beside it and switches.
    const next = await deploy('4.0.0');
    expect(next.code, next.stdout).toBe(0);
    expect(await answers(publicUrl)).toEqual(new Set(['4.0.0']));
    expect((await local().status()).canary).toMatchObject({ version: '3.0.0', alive: true });
  });
});
