// The deploy bundle without a token: records in the ledger under the state directory, the local
// driver running the example app, and the command driver's environment.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDriver } from '../../src/drivers/local/index.js';
import { isProcessAlive } from '../../src/drivers/local/processes.js';
import { LedgerStore } from '../../src/records/ledger.js';
import { ROOT, runAction } from '../helpers/run-action.js';

const APP = `"${process.execPath}" "${join(ROOT, 'examples/app/server.js')}"`;
const RUN_URL = 'https://github.com/acme/shop/actions/runs/4242';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipline-deploy-local-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface LedgerFile {
  deployments: {
    id: string;
    environment: string;
    payload: Record<string, unknown>;
    statuses: { state: string; environmentUrl?: string; logUrl?: string; description?: string }[];
  }[];
}
const readLedger = (stateDir: string) => JSON.parse(readFileSync(join(stateDir, 'deployments.json'), 'utf8')) as LedgerFile;

async function get(url: string): Promise<{ status: number; version: string | null; body: string }> {
  const res = await fetch(url, { headers: { connection: 'close' } });
  return { status: res.status, version: res.headers.get('x-shipline-version'), body: await res.text() };
}

describe('deploy bundle with the local driver and the ledger (no token)', () => {
  let stateDir: string;
  const ENV = 'staging';
  const local = () => createLocalDriver({ stateDir: join(stateDir, 'local'), environment: ENV });
  const deploy = (version: string, extra: Record<string, string> = {}) =>
    runAction('deploy', {
      inputs: { environment: ENV, version, driver: 'local', 'app-command': APP, 'state-dir': stateDir, timeout: '20s', ...extra },
    });

  beforeAll(() => {
    stateDir = join(dir, 'state');
  });
  afterAll(async () => {
    if (existsSync(join(stateDir, 'local'))) await local().stop();
  });

  it('starts the app, health-checks it and records the deployment in the ledger', async () => {
    const run = await deploy('1.0.0');
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'success', 'deployment-id': '1', version: '1.0.0', 'previous-version': '' });
    const url = run.outputs['environment-url']!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await get(`${url}/`);
    expect(answer.status).toBe(200);
    expect(answer.version).toBe('1.0.0');
    const ledger = readLedger(stateDir);
    expect(ledger.deployments).toHaveLength(1);
    expect(ledger.deployments[0]).toMatchObject({
      id: '1',
      environment: ENV,
      payload: { version: '1.0.0', channel: 'staging', runUrl: RUN_URL, by: 'deploy' },
    });
    expect(ledger.deployments[0]!.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(ledger.deployments[0]!.statuses[1]).toMatchObject({ environmentUrl: url, logUrl: RUN_URL });
    expect(run.summary).toContain(`- **deployment**: 1 in ${join(stateDir, 'deployments.json')}`);
  });

  it('a later run (another process) finds it, replaces it with the next version on the same URL and stops the old one', async () => {
    const before = await local().status();
    expect(before.stable).toMatchObject({ version: '1.0.0', alive: true });
    const oldPid = before.stable!.pid;

    const run = await deploy('1.1.0');
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'success', 'deployment-id': '2', version: '1.1.0', 'previous-version': '1.0.0' });
    expect(run.outputs['environment-url']).toBe(before.url);
    expect((await get(`${before.url}/`)).version).toBe('1.1.0');
    const after = await local().status();
    expect(after.stable).toMatchObject({ version: '1.1.0', alive: true });
    expect(isProcessAlive(oldPid)).toBe(false);

    const ledger = readLedger(stateDir);
    expect(ledger.deployments.map((d) => [d.payload.version, d.statuses.at(-1)!.state])).toEqual([
      ['1.0.0', 'inactive'],
      ['1.1.0', 'success'],
    ]);
  });

  it('records a failure when the new version never becomes healthy, and the old one keeps serving', async () => {
    const run = await deploy('1.2.0', { 'health-path': '/does-not-exist', timeout: '3s' });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'failure', 'deployment-id': '3', version: '1.2.0', 'previous-version': '1.1.0' });
    expect(run.errors).toHaveLength(1);
    const ledger = readLedger(stateDir);
    const failed = ledger.deployments.find((d) => d.id === '3')!;
    expect(failed.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(failed.statuses[1]!.description).toContain('local driver: version 1.2.0 did not become healthy: GET');
    expect(run.errors[0]).toContain('did not become healthy');
    expect(ledger.deployments.find((d) => d.id === '2')!.statuses.at(-1)!.state).toBe('success');
    const status = await local().status();
    expect((await get(`${status.url}/`)).version).toBe('1.1.0');
  });

  it('fails fast while another run has a deploy to the environment in progress in the ledger', async () => {
    const store = new LedgerStore(join(stateDir, 'deployments.json'));
    const other = await store.create({
      environment: ENV,
      sha: 'b'.repeat(40),
      ref: '',
      payload: { version: '1.3.0', by: 'deploy', runUrl: 'https://github.com/acme/shop/actions/runs/77' },
    });
    await store.setStatus(other.id, 'in_progress', { description: 'deploying 1.3.0' });
    const run = await deploy('1.4.0');
    expect(run.code).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain(`Another deploy to ${ENV} is still in progress: 1.3.0 at bbbbbbb (deployment ${other.id}, in_progress`);
    expect(readLedger(stateDir).deployments).toHaveLength(4);
    expect((await local().status()).stable?.version).toBe('1.1.0');
  });
});

describe('command driver: shipline values reach the command as environment variables only', () => {
  it('sets SHIPLINE_* in the environment, leaves the command text alone and withholds the inputs', async () => {
    const stateDir = join(dir, 'command-state');
    const run = await runAction('deploy', {
      inputs: {
        environment: 'preview',
        version: '1.2.3',
        artifact: 'dist/app.tgz',
        'state-dir': stateDir,
        'github-token': '',
        'deploy-command': `printf 'value=%s text=%s\\n' "$SHIPLINE_VERSION" '$SHIPLINE_VERSION'; env | grep '^SHIPLINE_' | sort; echo "inputs=$(env | grep -c '^INPUT_')"`,
      },
    });
    expect(run.code, run.stdout).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toContain('value=1.2.3 text=$SHIPLINE_VERSION');
    expect(lines.filter((l) => l.startsWith('SHIPLINE_'))).toEqual([
      'SHIPLINE_ARTIFACT=dist/app.tgz',
      'SHIPLINE_ENVIRONMENT=preview',
      'SHIPLINE_PREVIOUS_VERSION=',
      'SHIPLINE_VERSION=1.2.3',
    ]);
    expect(lines).toContain('inputs=0');
    expect(readLedger(stateDir).deployments[0]!.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
  });
});
