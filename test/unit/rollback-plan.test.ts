import { describe, expect, it } from 'vitest';
import { createDriver } from '../../src/drivers/factory.js';
import type { DriverName } from '../../src/drivers/fields.js';
import type { Driver } from '../../src/drivers/types.js';
import type { DeploymentRecord } from '../../src/records/types.js';
import { driverPlan, recordPlan, rollbackPayload, rollbackRequest, type RollbackJob } from '../../src/rollback/plan.js';
import { metricTriggers, DEFAULT_QUERIES } from '../../src/rollback/signals.js';

const record = (id: string, version: string, extra: Partial<DeploymentRecord['payload']> = {}): DeploymentRecord => ({
  id,
  environment: 'production',
  sha: 'abcdef1234'.padEnd(40, '0'),
  ref: 'v1',
  createdAt: '2025-01-01T00:00:00Z',
  payload: { version, by: 'deploy', ...extra },
  state: 'success',
});
const job: RollbackJob = {
  environment: 'production',
  bad: record('12', '2.0.0', { artifact: 'shop@sha256:bad' }),
  target: record('7', '1.0.0', { artifact: 'shop@sha256:good', channel: 'release' }),
  reason: 'errors up',
  timeoutMs: 60_000,
  runUrl: 'https://github.com/acme/shop/actions/runs/1',
};
const quiet = { info: () => {}, warning: () => {}, error: () => {}, debug: () => {}, group: <T>(_: string, fn: () => Promise<T>) => fn() };
/** A driver that rolls back by deploying (it plans no rollback of its own), as local and kubernetes do. */
const deployingDriver = (name: string): Driver => ({
  name,
  traits: { name, reportsUrls: false, startsCanary: true, share: (w) => `${w}%` },
  deployer: { deploy: async () => ({ details: {} }) },
  plan: { deploy: (req) => [`deploy ${req.version} (${req.artifact})`] },
});
const haproxySettings = { haproxySocket: '/run/haproxy.sock', haproxyBackend: 'app', stableServer: 'stable', canaryServer: 'canary' };
/** The command and haproxy drivers as the factory builds them; the others as a driver that deploys. */
const driverFor = (name: DriverName, commands: { deployCommand?: string; rollbackCommand?: string }): Driver =>
  name === 'command' || name === 'haproxy'
    ? createDriver(
        { driver: name, ...commands, ...(name === 'haproxy' ? haproxySettings : {}) },
        { environment: 'production', use: 'rollback', log: quiet, stateRoot: '/nowhere' },
      )
    : deployingDriver(name);

describe('rollback plan', () => {
  it('asks the driver for the exact artifact of the target', () => {
    expect(rollbackRequest(job)).toEqual({
      environment: 'production',
      version: '1.0.0',
      artifact: 'shop@sha256:good',
      previousVersion: '2.0.0',
      timeoutMs: 60_000,
    });
  });

  it('writes the good version with what it undid and why', () => {
    expect(rollbackPayload(job)).toEqual({
      version: '1.0.0',
      artifact: 'shop@sha256:good',
      channel: 'release',
      runUrl: 'https://github.com/acme/shop/actions/runs/1',
      rollbackOf: '12',
      reason: 'errors up',
      by: 'rollback',
    });
  });

  it.each([
    [
      'command',
      { rollbackCommand: './rb.sh', deployCommand: './d.sh' },
      'run rollback-command with SHIPLINE_VERSION=1.0.0, SHIPLINE_ENVIRONMENT=production, SHIPLINE_ARTIFACT=shop@sha256:good, SHIPLINE_PREVIOUS_VERSION=2.0.0: ./rb.sh',
    ],
    [
      'command',
      { deployCommand: './d.sh' },
      'run deploy-command with SHIPLINE_VERSION=1.0.0, SHIPLINE_ENVIRONMENT=production, SHIPLINE_ARTIFACT=shop@sha256:good, SHIPLINE_PREVIOUS_VERSION=2.0.0: ./d.sh',
    ],
    [
      'haproxy',
      { deployCommand: './d.sh' },
      'run deploy-command with SHIPLINE_VERSION=1.0.0, SHIPLINE_ENVIRONMENT=production, SHIPLINE_ARTIFACT=shop@sha256:good, SHIPLINE_PREVIOUS_VERSION=2.0.0: ./d.sh',
    ],
    ['local', {}, 'deploy 1.0.0 (shop@sha256:good)'],
    ['kubernetes', {}, 'deploy 1.0.0 (shop@sha256:good)'],
  ] as const)('the %s driver plan', (name, commands, line) => {
    expect(driverPlan(driverFor(name, commands), rollbackRequest(job))).toEqual([line]);
  });

  it('lists the records it would write and the ones it leaves alone', () => {
    const lines = recordPlan(job, job.target.sha);
    expect(lines[0]).toMatch(/^create deployment: environment production, ref abcdef1, payload \{"version":"1.0.0"/);
    expect(lines[2]).toBe('status failure on deployment 12 (2.0.0): "rolled back to 1.0.0: errors up"');
    expect(lines[3]).toBe('the records of 1.0.0 (deployment 7) are left as they are');
  });
});

describe('metric triggers', () => {
  const base = { maxErrorRate: 0.05, maxP95: 2000, maxMemory: 0.8 };
  it('are off without Prometheus, error rate and p95 with it, memory only with its query', () => {
    expect(metricTriggers(base)).toEqual([]);
    const on = metricTriggers({ ...base, prometheusUrl: 'http://127.0.0.1:9090' });
    expect(on.map((m) => [m.trigger, m.query, m.max, m.show(m.max)])).toEqual([
      ['error-rate', DEFAULT_QUERIES['error-rate'], 0.05, '5%'],
      ['p95', DEFAULT_QUERIES.p95, 2, '2000 ms'],
    ]);
    const mem = metricTriggers({ ...base, prometheusUrl: 'http://127.0.0.1:9090', memoryQuery: 'm', maxP95: 500 });
    expect(mem.map((m) => [m.trigger, m.show(m.max)])).toEqual([
      ['error-rate', '5%'],
      ['p95', '500 ms'],
      ['memory', '80%'],
    ]);
  });
});
