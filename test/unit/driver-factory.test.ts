import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDriver, driverTraits, type DriverUse } from '../../src/drivers/factory.js';
import type { DriverSettings } from '../../src/drivers/fields.js';

const quiet = { info: () => {}, warning: () => {}, error: () => {}, debug: () => {}, group: <T>(_: string, fn: () => Promise<T>) => fn() };
const root = '/srv/shipline-state';
const make = (s: DriverSettings, use: DriverUse = 'canary') =>
  createDriver(s, { environment: 'qa', use, log: quiet, cwd: '/srv/app', stateRoot: root });

const settings: Record<string, DriverSettings> = {
  local: { driver: 'local', appCommand: 'node server.js' },
  command: { deployCommand: './deploy.sh', setWeightCommand: './weight.sh', rollbackCommand: './rollback.sh' },
  haproxy: {
    driver: 'haproxy',
    deployCommand: './deploy.sh',
    haproxySocket: '/run/haproxy.sock',
    haproxyBackend: 'app',
    stableServer: 'stable',
    canaryServer: 'canary',
  },
  kubernetes: { driver: 'kubernetes', deployment: 'shop', ingress: 'shop-canary' },
};
const req = { environment: 'qa', version: '1.2.0', artifact: 'shop@sha256:abc', timeoutMs: 60_000 };

describe('driver factory: state', () => {
  it('keeps the local driver state in local/ under the state root', () => {
    expect(make(settings.local!).plan.deploy(req)[0]).toBe(`local driver, environment qa (state in ${join(root, 'local')})`);
  });

  it('takes the state root it is given, not the state-dir input again', () => {
    const driver = make({ ...settings.local!, stateDir: '/elsewhere' }, 'deploy');
    expect(driver.plan.canary?.(req)[0]).toBe(`local driver, environment qa (state in ${join(root, 'local')})`);
  });
});

describe('driver factory: capabilities', () => {
  it.each([
    // name, deploys, rolls back itself, plans a rollback, plans a canary start, traffic, finds a canary again
    ['local', true, true, false, true, true, true],
    ['command', true, true, true, false, true, false],
    ['haproxy', true, true, true, false, true, false],
    ['kubernetes', true, true, false, false, true, false],
  ])('the %s driver', (name, deploys, rollsBack, plansRollback, plansCanary, traffic, status) => {
    const driver = make(settings[name]!);
    expect(driver.name).toBe(name);
    expect(driver.traits.name).toBe(name);
    expect(typeof driver.deployer.deploy === 'function').toBe(deploys);
    expect(typeof driver.deployer.rollback === 'function').toBe(rollsBack);
    expect(typeof driver.plan.rollback === 'function').toBe(plansRollback);
    expect(typeof driver.plan.canary === 'function').toBe(plansCanary);
    expect(typeof driver.plan.traffic === 'function').toBe(traffic);
    expect(driver.traffic !== undefined).toBe(traffic);
    expect(driver.status !== undefined).toBe(status);
  });

  it('composes haproxy from the deploy-command (deploy, rollback plan) and the runtime API (traffic plan)', () => {
    const driver = make(settings.haproxy!);
    expect(driver.plan.deploy(req)[0]).toMatch(/^run deploy-command with SHIPLINE_VERSION=1\.2\.0.*: \.\/deploy\.sh$/);
    expect(driver.plan.rollback?.(req)).toEqual([
      'run deploy-command with SHIPLINE_VERSION=1.2.0, SHIPLINE_ENVIRONMENT=qa, SHIPLINE_ARTIFACT=shop@sha256:abc: ./deploy.sh',
    ]);
    expect(driver.plan.traffic?.([25]).join('\n')).toMatch(/set weight app\/canary 25; set weight app\/stable 75/);
  });

  it.each([
    ['local', {}, true, true, '25% (local proxy)'],
    ['command', {}, false, true, '25% as set-weight-command applies it'],
    ['command', { deployCommand: undefined }, false, false, '25% as set-weight-command applies it'],
    ['haproxy', {}, false, true, '25% (server weights 75/25)'],
    ['kubernetes', {}, false, true, '25% (ingress canary-weight)'],
    ['kubernetes', { ingress: undefined }, false, true, 'share of replicas: 50% of 2, 25% of 4, 30% of 10'],
  ])(
    'the %s driver (%j) declares its traits before it is built, the same as once built',
    (name, extra, reportsUrls, startsCanary, share) => {
      const s: DriverSettings = { ...settings[name]!, ...extra };
      const traits = driverTraits(s);
      expect([traits.name, traits.reportsUrls, traits.startsCanary, traits.share(25)]).toEqual([name, reportsUrls, startsCanary, share]);
      const built = make(s).traits;
      expect([built.name, built.reportsUrls, built.startsCanary, built.share(25)]).toEqual([name, reportsUrls, startsCanary, share]);
    },
  );
});
