import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDriver, LocalDriverError } from '../../src/drivers/local/index.js';
import { emptyState, environmentPaths, readState, writeState } from '../../src/drivers/local/state.js';

describe('local driver refusals (no process is started)', () => {
  let stateDir: string;
  beforeAll(() => {
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipline-local-rules-'));
  });
  afterAll(() => fs.rmSync(stateDir, { recursive: true, force: true }));

  const make = (extra: { command?: string; environment?: string } = {}) =>
    createLocalDriver({ stateDir, command: 'true', ...extra }, { env: {}, cwd: stateDir, script: '/nowhere.js' });

  it('needs an environment for calls that take none', async () => {
    await expect(make().setWeight(10)).rejects.toThrow(/no environment given/);
    await expect(make().abort()).rejects.toBeInstanceOf(LocalDriverError);
  });

  it('remembers the environment of the last request', async () => {
    const driver = make();
    expect((await driver.status('qa')).environment).toBe('qa');
    await expect(driver.setWeight(5)).rejects.toThrow(/no canary runs in qa/);
  });

  it('refuses weights outside 0-100', async () => {
    for (const weight of [-1, 101, Number.NaN]) {
      await expect(make({ environment: 'e' }).setWeight(weight)).rejects.toMatchObject({ kind: 'settings' });
    }
  });

  it('refuses a canary where nothing is deployed, and a promotion without a canary', async () => {
    const driver = make({ environment: 'empty' });
    await expect(driver.startCanary({ environment: 'empty', version: '2', timeoutMs: 1000 })).rejects.toMatchObject({ kind: 'no-stable' });
    await expect(driver.promote()).rejects.toMatchObject({ kind: 'no-canary' });
    expect(await driver.setWeight(0)).toEqual({ weight: 0, note: 'no canary runs' });
  });

  it('refuses to deploy without a command and writes nothing', async () => {
    const driver = make({ command: '' });
    await expect(driver.deploy({ environment: 'nocmd', version: '1', timeoutMs: 1000 })).rejects.toThrow(/no start command/);
    expect(fs.existsSync(environmentPaths(stateDir, 'nocmd').dir)).toBe(false);
  });

  it('aborts safely when nothing runs, and clears a stale weight', async () => {
    const driver = make({ environment: 'stale' });
    await driver.abort();
    const file = environmentPaths(stateDir, 'stale').stateFile;
    writeState(file, { ...emptyState('stale', 40000), weight: 30 });
    await driver.abort();
    await driver.abort();
    expect(readState(file)?.weight).toBe(0);
  });

  it('reports an environment that was never deployed', async () => {
    const status = await make().status('never');
    expect(status).toMatchObject({ environment: 'never', deployed: false, url: null, stable: null, proxy: null });
    expect(await make().stop('never')).toEqual({ stopped: [] });
  });

  it('plans from the state it finds', () => {
    const driver = make({ environment: 'planned' });
    writeState(environmentPaths(stateDir, 'planned').stateFile, {
      ...emptyState('planned', 41000),
      stable: { version: '1.0.0', pid: 77, port: 41001, startedAt: '', log: '' },
    });
    const lines = driver.planDeploy({ environment: 'planned', version: '1.1.0', timeoutMs: 60_000 });
    expect(lines).toContain('send all traffic of http://127.0.0.1:41000 to 1.1.0');
    expect(lines).toContain('then stop the previous version 1.0.0 (pid 77, port 41001)');
    expect(driver.planTraffic([50])).toEqual([
      'route 50% of http://127.0.0.1:41000 to canary and 50% to 1.0.0 (local proxy, takes effect at once)',
    ]);
  });
});
