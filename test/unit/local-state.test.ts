import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDriverError } from '../../src/drivers/local/errors.js';
import {
  emptyState,
  environmentDirName,
  environmentPaths,
  parseState,
  readProxyReady,
  readState,
  writeJsonAtomic,
  writeState,
  type EnvironmentState,
} from '../../src/drivers/local/state.js';

const sample = (): EnvironmentState => ({
  ...emptyState('production', 18080),
  proxy: { pid: 4242, controlPort: 18081, startedAt: '2025-01-01T00:00:00.000Z' },
  stable: { version: '1.2.3', artifact: 'app.tgz', pid: 100, port: 30001, startedAt: '2025-01-01T00:00:00.000Z', log: '/x/a.log' },
  canary: { version: '1.3.0', pid: 101, port: 30002, startedAt: '2025-01-01T00:01:00.000Z', log: '/x/b.log' },
  weight: 25,
  revision: 7,
});

describe('environment directories', () => {
  it.each([
    ['production', 'production'],
    ['staging-eu.1', 'staging-eu.1'],
    ['my_env', 'my_env'],
  ])('keeps the plain name %s', (name, dir) => {
    expect(environmentDirName(name)).toBe(dir);
  });

  it.each(['my env', '../etc', '..', '.', 'a/b', 'prod:eu'])('makes %j a single safe directory name', (name) => {
    const dir = environmentDirName(name);
    expect(dir).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*-[0-9a-f]{8}$/);
    expect(path.join('/state', dir).startsWith('/state/')).toBe(true);
    expect(path.dirname(path.join('/state', dir))).toBe('/state');
  });

  it('never gives two names the same directory', () => {
    expect(environmentDirName('my env')).not.toBe(environmentDirName('my_env'));
    expect(environmentDirName('a/b')).not.toBe(environmentDirName('a_b'));
  });

  it('puts state, proxy file and logs under the environment directory', () => {
    const paths = environmentPaths('/var/state', 'staging');
    expect(paths).toEqual({
      dir: '/var/state/staging',
      stateFile: '/var/state/staging/state.json',
      proxyFile: '/var/state/staging/proxy.json',
      proxyLog: '/var/state/staging/proxy.log',
      logDir: '/var/state/staging/logs',
    });
  });
});

describe('parseState', () => {
  it('accepts a full state and an empty one', () => {
    expect(parseState(JSON.parse(JSON.stringify(sample())))).toEqual(sample());
    expect(parseState(emptyState('x', 1))).toEqual(emptyState('x', 1));
  });

  it.each<[string, (s: Record<string, unknown>) => void, RegExp]>([
    ['schema', (s) => (s.schema = 2), /schema: is 2, expected 1/],
    ['weight', (s) => (s.weight = 120), /weight: is not a number from 0 to 100/],
    ['publicPort', (s) => (s.publicPort = 70000), /publicPort: is not a port/],
    ['stable.port', (s) => ((s.stable as Record<string, unknown>).port = 'x'), /stable\.port: is not a port/],
    ['canary.pid', (s) => ((s.canary as Record<string, unknown>).pid = 0), /canary\.pid: is not a process id/],
    ['proxy.controlPort', (s) => ((s.proxy as Record<string, unknown>).controlPort = null), /proxy\.controlPort/],
    ['stable', (s) => (s.stable = 'v1'), /stable: is not an object or null/],
    ['revision', (s) => (s.revision = -1), /revision: is not a count/],
  ])('names the bad field %s', (_field, spoil, message) => {
    const state = JSON.parse(JSON.stringify(sample())) as Record<string, unknown>;
    spoil(state);
    expect(() => parseState(state)).toThrow(message);
    expect(() => parseState(state)).toThrow(LocalDriverError);
  });
});

describe('state files', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipline-local-state-unit-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads null where nothing was deployed', () => {
    expect(readState(path.join(dir, 'none', 'state.json'))).toBeNull();
  });

  it('writes a new revision atomically and reads it back', () => {
    const file = path.join(dir, 'prod', 'state.json');
    const at = new Date('2025-02-03T04:05:06.000Z');
    const written = writeState(file, sample(), at);
    expect(written.revision).toBe(8);
    expect(written.updatedAt).toBe('2025-02-03T04:05:06.000Z');
    expect(readState(file)).toEqual(written);
    const again = writeState(file, written, at);
    expect(readState(file)?.revision).toBe(9);
    expect(again.revision).toBe(9);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['state.json']);
  });

  it('replaces the file instead of rewriting it in place, so a reader never sees half of one', () => {
    const file = path.join(dir, 'busy', 'state.json');
    const first = writeState(file, sample());
    const reader = fs.openSync(file, 'r'); // a reader in the middle of reading the old file
    try {
      const second = writeState(file, { ...first, weight: 50 });
      const buffer = Buffer.alloc(1 << 16);
      const read = fs.readSync(reader, buffer, 0, buffer.length, 0);
      expect(parseState(JSON.parse(buffer.subarray(0, read).toString('utf8')))).toEqual(first);
      expect(readState(file)).toEqual(second);
    } finally {
      fs.closeSync(reader);
    }
  });

  it('refuses a corrupt file with its path and a way out', () => {
    const file = path.join(dir, 'broken', 'state.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{"schema": 1, "weight"');
    expect(() => readState(file)).toThrow(/broken\/state\.json is not valid JSON; remove it to start over/);
    fs.writeFileSync(file, JSON.stringify({ ...sample(), weight: 'half' }));
    expect(() => readState(file)).toThrow(/weight: is not a number from 0 to 100 \(in .*broken\/state\.json/);
  });

  it('reads the proxy file only when it is complete', () => {
    const file = path.join(dir, 'p', 'proxy.json');
    expect(readProxyReady(file)).toBeNull();
    writeJsonAtomic(file, { pid: 5, port: 6 });
    expect(readProxyReady(file)).toBeNull();
    writeJsonAtomic(file, { pid: 5, port: 6, controlPort: 7 });
    expect(readProxyReady(file)).toEqual({ pid: 5, port: 6, controlPort: 7 });
  });
});
