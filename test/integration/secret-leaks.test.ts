// Planted secrets (a password in a URL, a bearer token) searched for everywhere a step leaves text:
// stdout, stderr, the job summary, outputs, reports and the records (ledger file; the GitHub
// emulator's deployments and statuses). The bundles run as a runner runs them.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixture.js';
import { startGitHubEmulator, type GitHubEmulator } from '../helpers/github-emulator.js';
import { startMetricsApp, type MetricsApp } from '../helpers/metrics-app.js';
import { usePrometheus, type PrometheusServer } from '../helpers/prometheus.js';
import { runAction, type ActionRun } from '../helpers/run-action.js';

const PASSWORD = 'Pl4nted-pa55w0rd-7c1e9a';
const TOKEN = 'tok-Pl4nted-b3arer-5d20f8';
/** A user name long enough that `https://<user>:` fills the 77 characters an error quotes. */
const LONG_USER = `deployer-${'x'.repeat(46)}`;

/** Every 8-character piece of a secret: a cut-off secret is still a leak. */
function pieces(secret: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 8 <= secret.length; i++) out.push(secret.slice(i, i + 8));
  return out;
}

/** All text a step left behind, without the `::add-mask::` lines that hand secrets to the runner. */
function leftBehind(run: ActionRun, extra: string[] = []): string {
  const files = Object.values(run.outputs)
    .filter((v) => v.startsWith('/') && existsSync(v))
    .map((p) => readFileSync(p, 'utf8'));
  const stdout = run.stdout
    .split(/\r\n|\r|\n/)
    .filter((l) => !/^\s*::add-mask::/.test(l))
    .join('\n');
  return [stdout, run.stderr, run.summary, JSON.stringify(run.outputs), ...files, ...extra].join('\n');
}

function expectNoLeak(text: string, ...secrets: string[]): void {
  for (const secret of secrets)
    for (const piece of pieces(secret)) expect(text, `"${piece}" of a planted secret was found`).not.toContain(piece);
}

let emu: GitHubEmulator;
let server: FixtureServer;
let dir: string;
beforeAll(async () => {
  [emu, server] = await Promise.all([startGitHubEmulator(), startFixtureServer()]);
  dir = mkdtempSync(join(tmpdir(), 'shipline-leaks-'));
});
afterAll(async () => {
  await Promise.all([emu.close(), server.close()]);
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => emu.reset());

let workspaces = 0;
function workspace(): { cwd: string; ledger: string } {
  const cwd = join(dir, `ws-${++workspaces}`);
  mkdirSync(cwd, { recursive: true });
  return { cwd, ledger: join(cwd, '.shipline', 'deployments.json') };
}

const emulatorRecords = () => JSON.stringify(emu.deployments().map((d) => ({ d, statuses: emu.statuses(d.id) })));

describe('deploy: credentials in url', () => {
  const url = `https://deployer:${PASSWORD}@staging.shop.example/app`;

  it('stores, outputs and prints the URL without its credentials (GitHub records)', async () => {
    const run = await runAction('deploy', {
      inputs: { environment: 'staging', version: '1.4.0', url, 'deploy-command': 'echo deploying', 'github-token': emu.token },
      env: { GITHUB_API_URL: emu.url },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs['environment-url']).toBe('https://staging.shop.example/app');
    const statuses = emu.statuses(1);
    expect(statuses[0]).toMatchObject({ state: 'success', environment_url: 'https://staging.shop.example/app' });
    expect(run.stdout).toContain(`::add-mask::${PASSWORD}`);
    expectNoLeak(leftBehind(run, [emulatorRecords()]), PASSWORD);
  });

  it('keeps the failure record free of credentials too (ledger)', async () => {
    const ws = workspace();
    const run = await runAction('deploy', {
      cwd: ws.cwd,
      inputs: { environment: 'staging', version: '1.4.1', url, 'deploy-command': 'echo broken; exit 3' },
    });
    expect(run.code).toBe(1);
    expect(run.outputs['environment-url']).toBe('https://staging.shop.example/app');
    const ledger = readFileSync(ws.ledger, 'utf8');
    expect(ledger).toContain('https://staging.shop.example/app');
    expectNoLeak(leftBehind(run, [ledger]), PASSWORD);
  });

  it('plans a dry run without the credentials', async () => {
    const ws = workspace();
    const run = await runAction('deploy', {
      cwd: ws.cwd,
      inputs: { environment: 'staging', version: '1.4.3', url, 'deploy-command': 'echo deploying', 'dry-run': 'true' },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.result).toBe('dry-run');
    expectNoLeak(leftBehind(run), PASSWORD);
  });

  it('does not echo the password of an invalid credentialed URL', async () => {
    const ws = workspace();
    const bad = `https://${LONG_USER}:${PASSWORD}@shop example.com/`;
    const run = await runAction('deploy', {
      cwd: ws.cwd,
      inputs: { environment: 'staging', version: '1.4.2', url: bad, 'deploy-command': 'echo deploying' },
    });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([expect.stringMatching(/^::error::Input "url": .*is not a URL\. Accepted: an absolute http or https URL/)]);
    expect(existsSync(ws.ledger)).toBe(false);
    expectNoLeak(leftBehind(run), PASSWORD);
  });
});

describe('smoke: credentials in url', () => {
  it('does not echo the password of an invalid credentialed URL', async () => {
    const bad = `${server.url.replace('http://', `http://${LONG_USER}:${PASSWORD}@`)}:99999/`;
    const run = await runAction('smoke', { inputs: { url: bad, checks: '[{path: /auth}]' } });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([expect.stringMatching(/^::error::Input "url": /)]);
    expect(server.requests).toHaveLength(0);
    expectNoLeak(leftBehind(run), PASSWORD);
  });
});

describe('canary: credentials in probe-url, stable-url and prometheus-url, and prometheus-token', () => {
  let canaryApp: MetricsApp;
  let stableApp: MetricsApp;
  let prom: PrometheusServer;
  beforeAll(async () => {
    [canaryApp, stableApp, prom] = await Promise.all([
      startMetricsApp({ version: '2.0.0' }),
      startMetricsApp({ version: '1.0.0' }),
      usePrometheus(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([canaryApp?.stop(), stableApp?.stop(), prom?.stop()]);
  });

  const withCredentials = (base: string, user: string) => base.replace('http://', `http://${user}:${PASSWORD}@`);

  function inputs(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      environment: 'production',
      version: '2.0.0',
      driver: 'command',
      'deploy-command': 'echo "deploy $SHIPLINE_VERSION"',
      'set-weight-command': 'echo "weight $SHIPLINE_WEIGHT"',
      'abort-command': 'echo abort',
      'probe-url': withCredentials(canaryApp.url, 'prober'),
      'stable-url': withCredentials(stableApp.url, 'prober'),
      'prometheus-url': withCredentials(prom.url, 'metrics'),
      'prometheus-token': TOKEN,
      metrics: '[{name: always-zero, query: "vector(0)", max: 1}]',
      steps: '50,100',
      'step-duration': '1s',
      'analysis-interval': '250ms',
      'min-requests': '2',
      'probe-rps': '60',
      ...overrides,
    };
  }

  it('promotes without the credentials or the token reaching any text it leaves', async () => {
    const ws = workspace();
    const run = await runAction('canary', { cwd: ws.cwd, inputs: inputs() });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.result).toBe('promoted');
    expect(canaryApp.counts().total).toBeGreaterThan(0);
    expect(stableApp.counts().total).toBeGreaterThan(0);
    expect(run.stdout).toContain(`::add-mask::${PASSWORD}`);
    expect(run.stdout).toContain(`::add-mask::${TOKEN}`);
    expectNoLeak(leftBehind(run, [readFileSync(ws.ledger, 'utf8')]), PASSWORD, TOKEN);
  });

  it('plans a dry run without the credentials or the token in any text it leaves', async () => {
    const ws = workspace();
    const run = await runAction('canary', { cwd: ws.cwd, inputs: inputs({ 'dry-run': 'true' }) });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.result).toBe('dry-run');
    expect(run.summary).toContain('127.0.0.1');
    expectNoLeak(leftBehind(run), PASSWORD, TOKEN);
  });

  it('does not echo the password of an invalid credentialed prometheus-url', async () => {
    const ws = workspace();
    const bad = `http://${LONG_USER}:${PASSWORD}@prom example.com:9090/`;
    const run = await runAction('canary', { cwd: ws.cwd, inputs: inputs({ 'prometheus-url': bad }) });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([expect.stringMatching(/^::error::Input "prometheus-url": /)]);
    expect(existsSync(ws.ledger)).toBe(false);
    expectNoLeak(leftBehind(run), PASSWORD);
  });

  it('refuses a prometheus-token with a line break as an input, before calling Prometheus, without quoting it', async () => {
    const ws = workspace();
    const secondLine = 'Pl4nted-second-line-91ab';
    const run = await runAction('canary', { cwd: ws.cwd, inputs: inputs({ 'prometheus-token': `${TOKEN}\n${secondLine}` }) });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([expect.stringMatching(/^::error::Input "prometheus-token": .*line break.*Accepted: /)]);
    expect(existsSync(ws.ledger)).toBe(false);
    expectNoLeak(leftBehind(run), TOKEN, secondLine);
  });
});
