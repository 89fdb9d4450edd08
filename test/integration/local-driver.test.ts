import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDriver, LocalDriverError, type LocalDriver, type LocalStatus } from '../../src/drivers/local/index.js';
import { isProcessAlive } from '../../src/drivers/local/processes.js';
import { buildLocalDriverForNode, type LocalDriverBuild } from '../helpers/local-driver-build.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const APP = `"${process.execPath}" examples/app/server.js`;
const ENV = 'staging';

interface Answer {
  status: number;
  version: string | undefined;
  body: string;
}

function get(url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            version: res.headers['x-shipline-version'] as string | undefined,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      })
      .on('error', reject);
  });
}

async function versionsOf(url: string, count: number): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const answer = await get(`${url}/api/probe`);
    expect(answer.status).toBe(200);
    const key = answer.version ?? 'none';
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return seen;
}

/** A later step: a separate node process that only knows the state directory. */
function statusFromAnotherProcess(entry: string, stateDir: string, environment: string): Promise<LocalStatus> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, 'status', stateDir, environment], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as LocalStatus) : reject(new Error(err))));
  });
}

describe('local driver, end to end on loopback', () => {
  let build: LocalDriverBuild;
  let stateDir: string;
  const pids = new Set<number>();
  const environments: string[] = [];

  const make = (environment: string, extra: { command?: string; env?: Record<string, string> } = {}) =>
    createLocalDriver(
      { command: extra.command ?? APP, stateDir, environment, cwd: ROOT, proxyEntry: build.entry, stopGraceMs: 3000, env: extra.env ?? {} },
      { env: { PATH: process.env.PATH ?? '' } },
    );

  beforeAll(() => {
    build = buildLocalDriverForNode();
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipline-local-state-'));
  });

  afterAll(async () => {
    for (const environment of environments)
      await make(environment)
        .stop(environment)
        .catch(() => {});
    for (const pid of pids) {
      if (isProcessAlive(pid)) process.kill(-pid, 'SIGKILL');
    }
    build?.cleanup();
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  const remember = (status: LocalStatus) => {
    for (const r of [status.proxy, status.stable, status.canary]) if (r) pids.add(r.pid);
    return status;
  };

  /**
   * An environment of the test's own, with `versions` deployed in turn (none: nothing deployed), so
   * that every test sets up what it needs and runs alone or in any order.
   */
  async function given(...versions: string[]): Promise<{ environment: string; driver: LocalDriver; url: string }> {
    const environment = `${ENV}-${environments.length + 1}`;
    environments.push(environment);
    const driver = make(environment);
    let url = '';
    for (const version of versions) {
      url = (await driver.deploy({ environment, version, timeoutMs: 20_000 })).url!;
      remember(await driver.status());
    }
    return { environment, driver, url };
  }

  it('deploys v1 and answers with it through the proxy', async () => {
    const { environment, driver } = await given();
    const outcome = await driver.deploy({ environment, version: '1.0.0', timeoutMs: 20_000 });
    const url = outcome.url!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await get(`${url}/`);
    expect(answer.status).toBe(200);
    expect(answer.version).toBe('1.0.0');
    expect(JSON.parse(answer.body)).toMatchObject({ version: '1.0.0', environment });
    const status = remember(await driver.status());
    expect(status.proxy).toMatchObject({ alive: true, answering: true });
    expect(status.stable).toMatchObject({ version: '1.0.0', alive: true });
  });

  it('deploys v2 on the same public port and stops v1', async () => {
    const { environment, driver, url } = await given('1.0.0');
    const v1 = (await driver.status()).stable!;
    const outcome = await driver.deploy({ environment, version: '2.0.0', timeoutMs: 20_000 });
    expect(outcome.url).toBe(url);
    expect(outcome.details['previous-version']).toBe('1.0.0');
    expect(await versionsOf(url, 10)).toEqual(new Map([['2.0.0', 10]]));
    expect(isProcessAlive(v1.pid)).toBe(false);
    remember(await driver.status());
  });

  it('is found again by a separate process that only knows the state directory', async () => {
    const { environment, url } = await given('2.0.0');
    const status = await statusFromAnotherProcess(build.entry, stateDir, environment);
    expect(status.url).toBe(url);
    expect(status.stable).toMatchObject({ version: '2.0.0', alive: true });
    expect(status.proxy).toMatchObject({ alive: true, answering: true });
    expect(status.canary).toBeNull();
  });

  it('sends about a quarter of the traffic to a canary at 25%', async () => {
    const { environment, driver, url } = await given('2.0.0');
    const outcome = await driver.startCanary({ environment, version: '3.0.0', timeoutMs: 20_000 });
    remember(await driver.status());
    expect(outcome.details['canary-url']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(JSON.parse((await get(`${outcome.details['canary-url']}/`)).body).version).toBe('3.0.0');
    expect(await versionsOf(url, 20)).toEqual(new Map([['2.0.0', 20]])); // 0% until told
    const traffic = await driver.setWeight(25);
    expect(traffic.weight).toBe(25);
    const seen = await versionsOf(url, 200);
    expect((seen.get('2.0.0') ?? 0) + (seen.get('3.0.0') ?? 0)).toBe(200);
    expect(seen.get('3.0.0')).toBeGreaterThanOrEqual(40);
    expect(seen.get('3.0.0')).toBeLessThanOrEqual(60);
  });

  it('abort sends everything back to stable and stops the canary, twice over', async () => {
    const { environment, driver, url } = await given('2.0.0');
    await driver.startCanary({ environment, version: '3.0.0', timeoutMs: 20_000 });
    await driver.setWeight(25);
    const canary = remember(await driver.status()).canary!;
    await driver.abort();
    expect(await versionsOf(url, 50)).toEqual(new Map([['2.0.0', 50]]));
    expect(isProcessAlive(canary.pid)).toBe(false);
    await driver.abort();
    const status = await driver.status();
    expect(status.canary).toBeNull();
    expect(status.proxyWeight).toBe(0);
  });

  it('moves weights, promotes and aborts under load without failing a request', async () => {
    const { environment, driver, url } = await given('2.0.0');
    await driver.startCanary({ environment, version: '4.0.0', timeoutMs: 20_000 });
    remember(await driver.status());
    const statuses: number[] = [];
    let sending = true;
    const worker = async () => {
      while (sending && statuses.length < 3000) statuses.push((await get(`${url}/api/load`)).status);
    };
    const load = Promise.all([worker(), worker(), worker(), worker()]);
    /** Lets the load send `count` more requests (ends early if the load itself ended). */
    const underLoad = async (count: number) => {
      const target = statuses.length + count;
      for (let i = 0; i < 1000 && statuses.length < target && statuses.length < 3000; i++) {
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    for (const weight of [10, 50, 100, 0, 50]) {
      await driver.setWeight(weight);
      await underLoad(40);
    }
    const old = (await driver.status()).stable!;
    await driver.promote();
    await underLoad(40);
    const again = await driver.startCanary({ environment, version: '4.1.0', timeoutMs: 20_000 });
    pids.add(Number(again.details.pid));
    await driver.setWeight(50);
    await underLoad(40);
    await driver.abort();
    await underLoad(40);
    sending = false;
    await load;
    expect(statuses.length).toBeGreaterThanOrEqual(320);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(await versionsOf(url, 20)).toEqual(new Map([['4.0.0', 20]]));
    expect(isProcessAlive(old.pid)).toBe(false);
    await expect(driver.promote()).rejects.toMatchObject({ kind: 'no-canary' });
  });

  it('refuses a version whose health never answers 2xx and keeps the old one serving', async () => {
    const { environment, driver, url } = await given('4.0.0');
    const bad = make(environment, { env: { APP_FAIL_AFTER_MS: '0' } });
    const attempt = bad.deploy({ environment, version: '5.0.0-bad', timeoutMs: 1500 });
    await expect(attempt).rejects.toBeInstanceOf(LocalDriverError);
    await expect(attempt).rejects.toMatchObject({ kind: 'unhealthy' });
    await expect(attempt).rejects.toThrow(/answered 503[\s\S]*version 4\.0\.0 keeps serving[\s\S]*example app 5\.0\.0-bad listening/);
    expect(await versionsOf(url, 10)).toEqual(new Map([['4.0.0', 10]]));
    expect((await driver.status()).stable?.version).toBe('4.0.0');
  });

  it('refuses at once a version whose command exits', async () => {
    const { environment, driver, url } = await given('4.0.0');
    const broken = make(environment, { command: 'echo starting; echo "no such module" >&2; exit 3' });
    const attempt = broken.startCanary({ environment, version: '6.0.0', timeoutMs: 60_000 });
    await expect(attempt).rejects.toThrow(/exited with code 3[\s\S]*no such module/);
    expect((await driver.status()).canary).toBeNull();
    expect(await versionsOf(url, 5)).toEqual(new Map([['4.0.0', 5]]));
  });

  it('serves an environment on the port the settings name', async () => {
    const other = await given('4.0.0');
    const { freePort } = await import('../../src/drivers/local/processes.js');
    const port = await freePort();
    const fixed = createLocalDriver(
      { command: APP, stateDir, cwd: ROOT, proxyEntry: build.entry, port, stopGraceMs: 3000 },
      { env: { PATH: process.env.PATH ?? '' } },
    );
    try {
      const outcome = await fixed.deploy({ environment: 'fixed', version: '7.0.0', timeoutMs: 20_000 });
      remember(await fixed.status('fixed'));
      expect(outcome.url).toBe(`http://127.0.0.1:${port}`);
      expect((await get(`${outcome.url}/`)).version).toBe('7.0.0');
      expect((await other.driver.status(other.environment)).stable?.version).toBe('4.0.0'); // environments are apart
    } finally {
      await fixed.stop('fixed');
    }
  });

  it('stop ends every process it started and forgets the environment', async () => {
    const { environment, driver } = await given();
    let url = '';
    const started = new Set<number>();
    const note = async () => {
      const status = remember(await driver.status());
      for (const r of [status.proxy, status.stable, status.canary]) if (r) started.add(r.pid);
      return status;
    };
    for (const version of ['1.0.0', '2.0.0']) {
      url = (await driver.deploy({ environment, version, timeoutMs: 20_000 })).url!;
      await note();
    }
    await driver.startCanary({ environment, version: '3.0.0', timeoutMs: 20_000 });
    await note();
    await driver.abort();
    const before = await note();
    // The proxy, v1 (replaced by v2), v2 and the aborted canary.
    expect(started.size).toBe(4);
    const { stopped } = await driver.stop();
    expect(stopped.sort()).toEqual([before.proxy!.pid, before.stable!.pid].sort());
    for (const pid of started) expect(isProcessAlive(pid), `pid ${pid}`).toBe(false);
    await expect(get(`${url}/`)).rejects.toThrow(/ECONNREFUSED/);
    expect((await driver.status()).deployed).toBe(false);
    expect(await driver.stop()).toEqual({ stopped: [] });
  });
});
