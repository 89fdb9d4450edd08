// Blue-green with the command driver, through the built bundle: deploy-command gets SHIPLINE_SLOT,
// switch-command moves the traffic, the smoke checks run against preview-url with {{slot}}; the
// records in the ledger. Also the bad inputs, each refused before anything runs.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/run-action.js';

interface Ledger {
  deployments: { id: string; payload: Record<string, unknown>; statuses: { state: string; description?: string }[] }[];
}

describe('blue-green with the command driver', () => {
  let dir: string;
  let server: Server;
  let base = '';
  const ENV = 'production';
  const ledgerFile = () => join(dir, 'state', 'deployments.json');
  const ledger = () => JSON.parse(readFileSync(ledgerFile(), 'utf8')) as Ledger;
  const slotFile = (slot: string) => join(dir, `slot-${slot}`);
  const live = () => readFileSync(join(dir, 'live'), 'utf8').trim();
  const commands = () => ({
    'deploy-command': `printf '%s' "$SHIPLINE_VERSION" > "${dir}/slot-$SHIPLINE_SLOT"`,
    'switch-command': `printf '%s' "$SHIPLINE_SLOT" > "${dir}/live"`,
  });
  const step = (bundle: 'deploy' | 'rollback', inputs: Record<string, string>) =>
    runAction(bundle, {
      inputs: { environment: ENV, driver: 'command', 'state-dir': join(dir, 'state'), ...inputs },
      env: { SHIPLINE_PRINT_SUMMARY: 'false' },
    });
  const deploy = (version: string, extra: Record<string, string> = {}) =>
    step('deploy', {
      version,
      strategy: 'blue-green',
      'preview-url': `${base}/{{slot}}`,
      checks: '[{name: ready, path: /ready}]',
      ...commands(),
      ...extra,
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipline-bg-command-'));
    // Each slot answers /<slot>/ready with the version deployed there; "bad" versions answer 503.
    server = createServer((req, res) => {
      const slot = /^\/(blue|green)\/ready$/.exec(req.url ?? '')?.[1];
      const version = slot && existsSync(slotFile(slot)) ? readFileSync(slotFile(slot), 'utf8') : '';
      res.writeHead(version && !version.startsWith('bad') ? 200 : 503, { connection: 'close' }).end(version);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('deploys to the idle slot with SHIPLINE_SLOT, checks it at preview-url, then runs switch-command', async () => {
    const run = await deploy('1.0.0');
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'success', slot: 'blue', 'preview-url': `${base}/blue` });
    expect(readFileSync(slotFile('blue'), 'utf8')).toBe('1.0.0');
    expect(live()).toBe('blue');
    expect(ledger().deployments[0]!.payload).toMatchObject({ strategy: 'blue-green', slot: 'blue' });
    const second = await deploy('2.0.0');
    expect(second.code, second.stdout).toBe(0);
    expect(second.outputs).toMatchObject({ slot: 'green', 'preview-url': `${base}/green` });
    expect(live()).toBe('green');
    expect(readFileSync(slotFile('blue'), 'utf8')).toBe('1.0.0');
  });

  it('a failing check on the idle slot never runs switch-command', async () => {
    const run = await deploy('bad-3.0.0');
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'failure', slot: 'green' });
    expect(run.errors.join('\n')).toMatch(
      /Smoke checks failed on the idle slot blue .*Traffic was not moved: all of it stays on slot green \(2\.0\.0\)/,
    );
    expect(live()).toBe('green');
    expect(ledger().deployments.at(-1)!.statuses.at(-1)!.state).toBe('failure');
  });

  it('a failing switch-command leaves the traffic on the old slot and says so', async () => {
    const run = await deploy('3.0.0', { 'switch-command': 'echo "switch broke" >&2; exit 3' });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'failure', slot: 'green' });
    expect(run.errors.join('\n')).toMatch(
      /Switching traffic to slot blue failed: switch-command exited with code 3.*switch broke.*Traffic was left on slot green \(2\.0\.0\)/s,
    );
    expect(live()).toBe('green');
    const record = ledger().deployments.at(-1)!;
    expect(record.statuses.at(-1)!.state).toBe('failure');
    expect(record.statuses.at(-1)!.description).toMatch(/Traffic was left on slot green \(2\.0\.0\)/);
  });

  it('rollback within keep-previous runs switch-command only (deploy-command would fail)', async () => {
    const up = await deploy('4.0.0');
    expect(up.code, up.stdout).toBe(0);
    expect(up.outputs.slot).toBe('blue');
    const run = await step('rollback', { reason: 'bad', 'deploy-command': 'exit 9', 'switch-command': commands()['switch-command'] });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'success', version: '2.0.0' });
    expect(live()).toBe('green');
    expect(ledger().deployments.at(-1)!.payload).toMatchObject({ by: 'rollback', slot: 'green', previousSlot: 'blue' });
  });
});

describe('blue-green bad input: one clear error before anything runs', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipline-bg-bad-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases: [string, Record<string, string>, RegExp][] = [
    ['strategy: purple', { strategy: 'purple' }, /Input "strategy".*"purple".*one of rolling, blue-green/],
    ['keep-previous: forever', { strategy: 'blue-green', 'keep-previous': 'forever' }, /Input "keep-previous".*"forever".*ms, s, m or h/],
    [
      'preview-url without {{slot}} on the command driver',
      { strategy: 'blue-green', 'preview-url': 'https://preview.shop.example.com' },
      /Input "preview-url" has no \{\{slot\}\}.*Accepted: an http\(s\) URL with \{\{slot\}\}/,
    ],
    [
      'switch-command missing on the command driver',
      { strategy: 'blue-green', 'preview-url': 'https://{{slot}}.shop.example.com', 'switch-command': '' },
      /Input "switch-command" is required by the command driver with strategy: blue-green/,
    ],
  ];
  for (const [name, inputs, message] of cases) {
    it(name, async () => {
      const marker = join(dir, `ran-${name.replace(/\W+/g, '-')}`);
      const stateDir = join(dir, `state-${name.replace(/\W+/g, '-')}`);
      const run = await runAction('deploy', {
        inputs: {
          environment: 'production',
          version: '1.0.0',
          driver: 'command',
          'deploy-command': `touch "${marker}"`,
          'switch-command': `touch "${marker}"`,
          'state-dir': stateDir,
          ...inputs,
        },
        env: { SHIPLINE_PRINT_SUMMARY: 'false' },
      });
      expect(run.code).toBe(1);
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]).toMatch(message);
      expect(existsSync(marker)).toBe(false);
      expect(existsSync(join(stateDir, 'deployments.json'))).toBe(false);
    });
  }
});

describe('blue-green rollback dry-run: the plan names the switch-back path', () => {
  let dir: string;
  let server: Server;
  let preview = '';
  const ENV = 'production';
  const ledgerFile = () => join(dir, 'state', 'deployments.json');
  const live = () => readFileSync(join(dir, 'live'), 'utf8').trim();
  const commands = () => ({
    'deploy-command': `printf '%s' "$SHIPLINE_VERSION" > "${dir}/slot-$SHIPLINE_SLOT"`,
    'switch-command': `printf '%s' "$SHIPLINE_SLOT" > "${dir}/live"`,
  });
  const step = (bundle: 'deploy' | 'rollback', inputs: Record<string, string>) =>
    runAction(bundle, {
      inputs: { environment: ENV, driver: 'command', 'state-dir': join(dir, 'state'), ...commands(), ...inputs },
      env: { SHIPLINE_PRINT_SUMMARY: 'false' },
    });
  const deploy = (version: string, extra: Record<string, string> = {}) =>
    step('deploy', { version, strategy: 'blue-green', 'preview-url': `${preview}/{{slot}}`, ...extra });
  const dryRun = () => step('rollback', { reason: 'bad', 'dry-run': 'true', 'deploy-command': 'exit 9', 'switch-command': 'exit 9' });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipline-bg-dry-'));
    server = createServer((_req, res) => res.writeHead(200, { connection: 'close' }).end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    preview = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('within keep-previous: would switch back to the previous slot, nothing redeployed', async () => {
    expect((await deploy('1.0.0')).code).toBe(0);
    const up = await deploy('2.0.0');
    expect(up.code, up.stdout).toBe(0);
    expect(live()).toBe('green');
    const before = readFileSync(ledgerFile(), 'utf8');
    const run = await dryRun();
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'dry-run', version: '1.0.0' });
    expect(run.stdout).toMatch(/would switch back to slot blue, nothing redeployed: slot blue still runs 1\.0\.0/);
    expect(run.stdout).not.toMatch(/would redeploy/);
    expect(live()).toBe('green');
    expect(readFileSync(ledgerFile(), 'utf8')).toBe(before);
  });

  it('past keep-previous: would redeploy the target to the idle slot, then switch', async () => {
    const up = await deploy('3.0.0', { 'keep-previous': '1s' });
    expect(up.code, up.stdout).toBe(0);
    expect(live()).toBe('blue');
    // Wait until the previous slot's keep-previous (1 s from the switch) has run out.
    await new Promise((r) => setTimeout(r, 1_500));
    const run = await dryRun();
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'dry-run', version: '2.0.0' });
    expect(run.stdout).toMatch(/would redeploy 2\.0\.0 to the idle slot green, then switch: slot green's keep-previous \(1s\) ran out/);
    expect(run.stdout).toMatch(/would run deploy-command with SHIPLINE_SLOT=green/);
    expect(run.stdout).not.toMatch(/would switch back/);
    expect(live()).toBe('blue');
  });
});
