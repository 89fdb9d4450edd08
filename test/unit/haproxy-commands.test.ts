import { describe, expect, it } from 'vitest';
import { parseSocketAddress } from '../../src/drivers/haproxy/address.js';
import { planWeightCommands, weightChanges } from '../../src/drivers/haproxy/commands.js';
import { checkHaproxySettings } from '../../src/drivers/haproxy/driver.js';

const target = { backend: 'app', stableServer: 'blue', canaryServer: 'green' };

describe('weightChanges', () => {
  it.each([
    [
      0,
      10,
      [
        ['green', 10],
        ['blue', 90],
      ],
    ],
    [
      10,
      25,
      [
        ['green', 25],
        ['blue', 75],
      ],
    ],
    [
      50,
      100,
      [
        ['green', 100],
        ['blue', 0],
      ],
    ],
    [
      50,
      10,
      [
        ['blue', 90],
        ['green', 10],
      ],
    ],
    [
      25,
      0,
      [
        ['blue', 100],
        ['green', 0],
      ],
    ],
    [
      0,
      0,
      [
        ['green', 0],
        ['blue', 100],
      ],
    ],
  ])('from %i%% to %i%%: the gaining server first', (from, to, expected) => {
    expect(weightChanges(target, from, to).map((c) => [c.server, c.weight])).toEqual(expected);
  });

  it('never leaves the backend with a total weight of 0 between the two changes', () => {
    for (let from = 0; from <= 100; from += 5) {
      for (let to = 0; to <= 100; to += 5) {
        const weights = { green: from, blue: 100 - from };
        for (const change of weightChanges(target, from, to)) {
          weights[change.server as 'green' | 'blue'] = change.weight;
          expect(weights.green + weights.blue, `${from} -> ${to}`).toBeGreaterThan(0);
        }
      }
    }
  });
});

describe('planWeightCommands', () => {
  it('prints the socket commands of every step', () => {
    expect(planWeightCommands(target, [10, 50, 100], '/run/haproxy/admin.sock')).toEqual([
      'canary 10% via /run/haproxy/admin.sock: set weight app/green 10; set weight app/blue 90',
      'canary 50% via /run/haproxy/admin.sock: set weight app/green 50; set weight app/blue 50',
      'canary 100% via /run/haproxy/admin.sock: set weight app/green 100; set weight app/blue 0',
    ]);
  });
});

describe('parseSocketAddress', () => {
  it.each([
    ['/run/haproxy/admin.sock', { path: '/run/haproxy/admin.sock' }],
    ['unix:///run/haproxy/admin.sock', { path: '/run/haproxy/admin.sock' }],
    ['tcp://127.0.0.1:9999', { host: '127.0.0.1', port: 9999 }],
    ['tcp://lb.internal:9999/', { host: 'lb.internal', port: 9999 }],
    ['tcp://[::1]:9999', { host: '::1', port: 9999 }],
    ['tcp://127.0.0.1', null],
    ['tcp://127.0.0.1:0', null],
    ['tcp://127.0.0.1:70000', null],
    ['http://127.0.0.1:9999', null],
    ['admin.sock', null],
    ['', null],
  ])('%j -> %j', (raw, expected) => {
    expect(parseSocketAddress(raw)).toEqual(expected);
  });
});

describe('checkHaproxySettings', () => {
  const good = { haproxySocket: '/run/haproxy/admin.sock', ...target };

  it('accepts good settings', () => {
    expect(() => checkHaproxySettings(good)).not.toThrow();
  });

  it.each([
    [{ haproxySocket: 'localhost:9999' }, 'haproxy-socket "localhost:9999" is neither'],
    [{ backend: 'app; disable server app/blue' }, 'backend "app; disable server app/blue" is not an HAProxy name'],
    [{ canaryServer: 'green\nshutdown sessions' }, 'canary-server'],
    [{ canaryServer: 'blue' }, 'stable-server and canary-server are both "blue"'],
  ])('refuses %j', (change, message) => {
    expect(() => checkHaproxySettings({ ...good, ...change })).toThrow(message);
  });
});
