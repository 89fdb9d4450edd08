import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDriver } from '../../src/drivers/local/index.js';
import { ROOT, runAction } from '../helpers/run-action.js';

// Version 2.0.0 of the app starts healthy and answers 503 everywhere 3 s after it started.
const APP = `if [ "$SHIPLINE_VERSION" = "2.0.0" ]; then export APP_FAIL_AFTER_MS=3000; fi; exec "${process.execPath}" "${join(ROOT, 'examples/app/server.js')}"`;

let workspace: string;
let stateDir: string;
const environments = ['staging', 'production'];

interface LedgerEntry {
  id: string;
  environment: string;
  payload: Record<string, unknown>;
  statuses: { state: string; description?: string }[];
}
const ledger = (environment: string): LedgerEntry[] =>
  (JSON.parse(readFileSync(join(stateDir, 'deployments.json'), 'utf8')) as { deployments: LedgerEntry[] }).deployments.filter(
    (d) => d.environment === environment,
  );

function get(url: string): Promise<{ status: number; version?: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, version: res.headers['x-shipline-version'] as string | undefined }));
      })
      .on('error', reject);
  });
}

const step = (bundle: 'deploy' | 'rollback', inputs: Record<string, string>) =>
  runAction(bundle, {
    inputs: { 'app-command': APP, 'state-dir': stateDir, ...inputs },
    cwd: workspace,
    env: { SHIPLINE_PRINT_SUMMARY: 'false' },
  });

async function deployBoth(environment: string): Promise<string> {
  const v1 = await step('deploy', { environment, version: '1.0.0', artifact: 'app-1.0.0.tgz' });
  expect(v1.code, v1.stdout).toBe(0);
  const v2 = await step('deploy', { environment, version: '2.0.0', artifact: 'app-2.0.0.tgz' });
  expect(v2.code, v2.stdout).toBe(0);
  expect(v2.outputs['environment-url']).toBe(v1.outputs['environment-url']);
  return v2.outputs['environment-url']!;
}

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'shipline-rb-local-'));
  stateDir = join(workspace, 'state');
});
afterAll(async () => {
  for (const environment of environments) await createLocalDriver({ stateDir: join(stateDir, 'local'), environment }).stop(environment);
});

describe('rollback with the local driver and real app processes', () => {
  it('deploy 1.0.0, deploy 2.0.0, roll back: 1.0.0 answers and the records say so', async () => {
    const url = await deployBoth('staging');
    expect((await get(`${url}/api/x`)).version).toBe('2.0.0');

    const r = await step('rollback', { environment: 'staging', reason: 'bad release', checks: '[{path: /health}, {path: /api/ping}]' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ result: 'success', version: '1.0.0', 'from-version': '2.0.0', trigger: 'manual' });
    for (let i = 0; i < 5; i++) expect(await get(`${url}/api/x`)).toEqual({ status: 200, version: '1.0.0' });

    const [first, second, rollback] = ledger('staging');
    expect(rollback!.id).toBe(r.outputs['deployment-id']);
    expect(rollback!.payload).toMatchObject({
      version: '1.0.0',
      artifact: 'app-1.0.0.tgz',
      rollbackOf: second!.id,
      reason: 'bad release',
      by: 'rollback',
    });
    expect(rollback!.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(second!.statuses.at(-1)).toMatchObject({ state: 'failure', description: 'rolled back to 1.0.0: bad release' });
    expect(first!.statuses.map((s) => s.state)).toEqual(['in_progress', 'success', 'inactive']);
    expect(r.summary).toMatch(/\| GET \/api\/ping \| ✅ pass \| 200 \|/);

    const again = await step('rollback', { environment: 'staging' });
    expect(again.code, again.stdout).toBe(0);
    expect(again.outputs).toMatchObject({ result: 'already-rolled-back', version: '1.0.0', 'from-version': '2.0.0' });
    expect(ledger('staging')).toHaveLength(3);
  });

  it('verify mode: 2.0.0 starts failing after 3 s, the health trigger fires and 1.0.0 is back', async () => {
    const url = await deployBoth('production');
    const r = await step('rollback', {
      environment: 'production',
      bake: '2m',
      'check-interval': '300ms',
      'failure-limit': '3',
      'health-path': '/health',
    });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ result: 'success', trigger: 'health', version: '1.0.0', 'from-version': '2.0.0' });
    expect(await get(`${url}/health`)).toEqual({ status: 200, version: '1.0.0' });
    expect(r.summary).toMatch(/Trigger health fired after [\d.]+ s: health checks failed 3 times in a row \(last: GET \/health: 503/);
    // Healthy samples first, then exactly three failing ones: it fired on the third.
    const samples = r.stdout.split('\n').filter((l) => /^\d+\.\ds health /.test(l));
    expect(samples.length).toBeGreaterThan(3);
    expect(samples.slice(-3).every((l) => l.includes('health fail'))).toBe(true);
    expect(samples[0]).toContain('health pass');
    const rollback = ledger('production').at(-1)!;
    expect(rollback.payload).toMatchObject({
      version: '1.0.0',
      by: 'rollback',
      reason: expect.stringMatching(/^automatic rollback: health checks failed 3 times in a row/),
    });
    expect(rollback.statuses.at(-1)!.state).toBe('success');
  });

  it('verify mode: a healthy deployment bakes and stays', async () => {
    const r = await step('rollback', { environment: 'production', bake: '1s', 'check-interval': '200ms' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ result: 'healthy', trigger: '', version: '1.0.0' });
    expect(r.outputs['deployment-id']).toBeUndefined();
    expect(ledger('production').at(-1)!.statuses.at(-1)!.state).toBe('success');
  });
});
