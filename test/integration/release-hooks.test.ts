// Release hooks (pre-deploy-command, post-deploy-command, $SHIPLINE_RECORD, SHIPLINE_RECORD_<NAME>)
// through the real bundles: the local driver with real processes, the command driver, the ledger
// and the GitHub REST emulator for the records.
import type { ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createLocalDriver } from '../../src/drivers/local/index.js';
import { isProcessAlive } from '../../src/drivers/local/processes.js';
import { startGitHubEmulator, type GitHubEmulator } from '../helpers/github-emulator.js';
import { ROOT, runAction } from '../helpers/run-action.js';

const APP = `"${process.execPath}" "${join(ROOT, 'examples/app/server.js')}"`;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipline-hooks-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface LedgerFile {
  deployments: { id: string; payload: Record<string, unknown>; statuses: { state: string; description?: string }[] }[];
}
const readLedger = (stateDir: string) => JSON.parse(readFileSync(join(stateDir, 'deployments.json'), 'utf8')) as LedgerFile;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function liveVersion(url: string): Promise<string | null> {
  const res = await fetch(`${url}/`, { headers: { connection: 'close' } });
  await res.text();
  return res.headers.get('x-shipline-version');
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('release hooks on the local driver (real processes, ledger)', () => {
  let stateDir: string;
  let port: number;
  const ENV = 'staging';
  const local = () => createLocalDriver({ stateDir: join(stateDir, 'local'), environment: ENV });
  const deploy = (version: string, extra: Record<string, string> = {}) =>
    runAction('deploy', {
      inputs: {
        environment: ENV,
        version,
        driver: 'local',
        'app-command': APP,
        'state-dir': stateDir,
        port: String(port),
        timeout: '20s',
        ...extra,
      },
      env: { HOOK_DIR: dir, APP_PORT: String(port) },
    });

  beforeAll(async () => {
    stateDir = join(dir, 'local-state');
    port = await freePort();
  });
  afterAll(async () => {
    if (existsSync(join(stateDir, 'local'))) await local().stop();
  });

  it('a failing pre-deploy-command refuses the deploy: the driver is not called, the old version keeps serving, the record says why', async () => {
    const first = await deploy('1.0.0');
    expect(first.code, first.stdout).toBe(0);
    const url = first.outputs['environment-url']!;
    const before = await local().status();
    expect(before.stable).toMatchObject({ version: '1.0.0', alive: true });

    const run = await deploy('1.1.0', {
      'pre-deploy-command': [
        'echo "backup=db-1.sql" >> "$SHIPLINE_RECORD"',
        'echo "migrating with https://admin:hunter2@db.example/shop"',
        'echo "migration 7 failed: column exists" >&2',
        'exit 3',
      ].join('\n'),
    });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'refused', version: '1.1.0', 'previous-version': '1.0.0', 'deployment-id': '2' });
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain('Refusing to deploy 1.1.0 to staging: pre-deploy-command exited with code 3');
    expect(run.errors[0]).toContain('migration 7 failed: column exists');
    // The driver was not called: the same process of 1.0.0 still serves, nothing of 1.1.0 started.
    const after = await local().status();
    expect(after.stable).toMatchObject({ version: '1.0.0', alive: true, pid: before.stable!.pid });
    expect(after.canary).toBeFalsy();
    expect(await liveVersion(url)).toBe('1.0.0');

    const record = readLedger(stateDir).deployments.find((d) => d.id === '2')!;
    expect(record.statuses.map((s) => s.state)).toEqual(['error']);
    expect(record.statuses[0]!.description).toBe('refused: pre-deploy-command exited with code 3; nothing was deployed');
    expect(record.payload).toMatchObject({
      version: '1.1.0',
      record: { backup: 'db-1.sql' },
      hookFailure: { hook: 'pre-deploy-command', exitCode: 3, lastLines: expect.arrayContaining(['migration 7 failed: column exists']) },
    });
    // Redacted before it was kept, quoted or shown.
    const all = JSON.stringify(readLedger(stateDir)) + run.summary + run.errors.join('\n');
    expect(all).not.toContain('hunter2');
    expect(JSON.stringify(record.payload)).toContain('db.example/shop');
    expect(run.summary).toContain('Refused: pre-deploy-command exited with code 3');
    expect(run.summary).toContain('migration 7 failed: column exists');
    // The refused deploy is not what runs: the next deploy's previous version is still 1.0.0.
    expect(
      readLedger(stateDir)
        .deployments.find((d) => d.id === '1')!
        .statuses.at(-1)!.state,
    ).toBe('success');
  });

  it('keeps the record lines (summary escaped, malformed lines warned and ignored), and post-deploy-command runs once the new version is live', async () => {
    const seen = join(dir, 'post-saw');
    const run = await deploy('1.2.0', {
      'pre-deploy-command': [
        'echo "backup=db-20261123-0200.sql" >> "$SHIPLINE_RECORD"',
        'echo "this line is not a value" >> "$SHIPLINE_RECORD"',
        'echo "note=<b>bold</b> | [link](https://evil.example)" >> "$SHIPLINE_RECORD"',
        'echo "1bad=x" >> "$SHIPLINE_RECORD"',
        'echo "cmd=::error::pwned" >> "$SHIPLINE_RECORD"',
      ].join('\n'),
      'post-deploy-command': `node -e "fetch('http://127.0.0.1:'+process.env.APP_PORT+'/').then(r => console.log('live=' + r.headers.get('x-shipline-version') + ' backup=' + process.env.SHIPLINE_RECORD_BACKUP))" > "${seen}"`,
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.result).toBe('success');
    // The hook saw the new version answering on the environment's URL.
    expect(readFileSync(seen, 'utf8').trim()).toBe('live=1.2.0 backup=db-20261123-0200.sql');

    const record = readLedger(stateDir).deployments.find((d) => d.payload.version === '1.2.0')!;
    expect(record.payload.record).toEqual({
      backup: 'db-20261123-0200.sql',
      note: '<b>bold</b> | [link](https://evil.example)',
      cmd: '::error::pwned',
    });
    expect(record.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);

    const warnings = run.stdout.split('\n').filter((l) => l.startsWith('::warning'));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('pre-deploy-command: line 2 of $SHIPLINE_RECORD is not name=value');
    expect(warnings[1]).toContain('line 4 of $SHIPLINE_RECORD');
    expect(warnings.join('\n')).not.toContain('1bad');
    // Data from outside: never a workflow command in the log, only text in the summary.
    expect(
      run.stdout
        .split('\n')
        .filter((l) => l.includes('pwned'))
        .every((l) => !l.startsWith('::')),
    ).toBe(true);
    expect(run.summary).toContain('Kept in the deployment record');
    expect(run.summary).toContain('- **backup**: db-20261123-0200.sql\n');
    expect(run.summary).toContain('&lt;b&gt;bold&lt;/b&gt; &#124; \\[link\\](https://evil.example)');
    expect(run.summary).not.toContain('<b>');
  });
});

describe('release hooks with the command driver and GitHub records (emulator)', () => {
  let emu: GitHubEmulator;
  beforeAll(async () => {
    emu = await startGitHubEmulator();
  });
  afterAll(async () => {
    await emu.close();
  });
  const step = (bundle: 'deploy' | 'rollback', inputs: Record<string, string>) =>
    runAction(bundle, { inputs: { 'github-token': emu.token, ...inputs }, env: { GITHUB_API_URL: emu.url, SECRET_OF_RUNNER: 'kept' } });

  it('hooks get the SHIPLINE_* variables and $SHIPLINE_RECORD, never the inputs or tokens; the values land in the payload; rollback hands them on', async () => {
    emu.reset();
    const dump = join(dir, 'pre-env');
    const order = join(dir, 'order');
    const restored = join(dir, 'restored');
    for (const version of ['1.0.0', '2.0.0']) {
      const run = await step('deploy', {
        environment: 'production',
        version,
        artifact: `dist/app-${version}.tgz`,
        'deploy-command': `echo deploy >> "${order}"`,
        'pre-deploy-command': `env > "${dump}"; echo pre >> "${order}"; echo "backup=backups/before-$SHIPLINE_VERSION.sql" >> "$SHIPLINE_RECORD"`,
        'post-deploy-command': `echo "post $SHIPLINE_RECORD_BACKUP" >> "${order}"`,
      });
      expect(run.code, run.stdout).toBe(0);
    }
    expect(readFileSync(order, 'utf8').trim().split('\n')).toEqual([
      'pre',
      'deploy',
      'post backups/before-1.0.0.sql',
      'pre',
      'deploy',
      'post backups/before-2.0.0.sql',
    ]);
    const env = readFileSync(dump, 'utf8');
    expect(env).toContain('SHIPLINE_VERSION=2.0.0\n');
    expect(env).toContain('SHIPLINE_PREVIOUS_VERSION=1.0.0\n');
    expect(env).toContain('SHIPLINE_ENVIRONMENT=production\n');
    expect(env).toContain('SHIPLINE_ARTIFACT=dist/app-2.0.0.tgz\n');
    expect(env).toMatch(/^SHIPLINE_RECORD=\/.+$/m);
    expect(env).toContain('SECRET_OF_RUNNER=kept');
    expect(env).not.toMatch(/^INPUT_/m);
    expect(env).not.toMatch(/^GITHUB_TOKEN=/m);
    expect(env).not.toContain(emu.token);

    const records = emu.deployments('production');
    expect(records.map((d) => (d.payload as { record?: unknown }).record)).toEqual([
      { backup: 'backups/before-2.0.0.sql' },
      { backup: 'backups/before-1.0.0.sql' },
    ]);

    const rollback = await step('rollback', {
      environment: 'production',
      'deploy-command': 'true',
      'rollback-command': `echo "$SHIPLINE_VERSION from $SHIPLINE_RECORD_BACKUP" > "${restored}"; env | grep -c '^INPUT_' >> "${restored}" || true`,
    });
    expect(rollback.code, rollback.stdout).toBe(0);
    expect(readFileSync(restored, 'utf8').split('\n')).toEqual(['1.0.0 from backups/before-2.0.0.sql', '0', '']);
  });

  it('a failing post-deploy-command fails the step after the version went live; the record stays success', async () => {
    emu.reset();
    const run = await step('deploy', {
      environment: 'staging',
      version: '3.0.0',
      'deploy-command': 'true',
      'post-deploy-command': 'echo "cache warm-up failed"; exit 4',
    });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'failure', 'deployment-id': '1' });
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain(
      '3.0.0 was deployed to staging and is live, but post-deploy-command exited with code 4; last output:%0Acache warm-up failed',
    );
    const statuses = emu.statuses(1);
    expect(statuses.map((s) => s.state)).toEqual(['success', 'in_progress']);
    expect(statuses[0]!.description).toBe('3.0.0 deployed; post-deploy-command exited with code 4');
    expect(run.summary).toContain('3.0.0 is live in staging, but post-deploy-command exited with code 4 after it went live');
  });
});

describe('hooks from the config file, and in a dry run', () => {
  it('takes pre-deploy-command from .github/shipline.yml like any input; a dry run lists the hooks and runs none', async () => {
    const workspace = join(dir, 'config-ws');
    mkdirSync(join(workspace, '.github'), { recursive: true });
    const ran = join(dir, 'config-hook-ran');
    writeFileSync(
      join(workspace, '.github/shipline.yml'),
      `environments:\n  staging:\n    deploy:\n      pre-deploy-command: touch "${ran}"; echo "from=config" >> "$SHIPLINE_RECORD"\n      post-deploy-command: echo post-ran\n`,
    );
    const inputs = { environment: 'staging', version: '1.0.0', 'deploy-command': 'true', 'state-dir': join(dir, 'config-state') };
    const dry = await runAction('deploy', { inputs: { ...inputs, 'dry-run': 'true' }, cwd: workspace });
    expect(dry.code, dry.stdout).toBe(0);
    expect(dry.outputs.result).toBe('dry-run');
    expect(existsSync(ran)).toBe(false);
    expect(dry.summary).toContain('run pre-deploy-command (a failure refuses the deploy)');
    expect(dry.summary).toContain('run post-deploy-command once 1.0.0 is live');
    const run = await runAction('deploy', { inputs, cwd: workspace });
    expect(run.code, run.stdout).toBe(0);
    expect(existsSync(ran)).toBe(true);
    expect(run.stdout).toContain('post-ran');
    expect(readLedger(join(dir, 'config-state')).deployments[0]!.payload.record).toEqual({ from: 'config' });
  });
});

describe('a hook that runs too long or is cancelled ends with its whole process group', () => {
  const LONG = 'sleep 30 & echo $! > "$CHILD_PIDFILE"; wait';
  const childPid = (file: string) =>
    waitFor('the hook to start its child', () => {
      try {
        const pid = Number(readFileSync(file, 'utf8').trim());
        return pid > 0 ? pid : undefined;
      } catch {
        return undefined;
      }
    });

  it('pre-deploy-command at the timeout: its child is gone, the deploy is refused and deploy-command never ran', async () => {
    const stateDir = join(dir, 'hook-timeout');
    const pidFile = join(dir, 'hook-timeout.pid');
    const ran = join(dir, 'hook-timeout-deployed');
    const run = await runAction('deploy', {
      inputs: {
        environment: 'staging',
        version: '1.0.0',
        'deploy-command': `touch "${ran}"`,
        'pre-deploy-command': LONG,
        timeout: '2s',
        'state-dir': stateDir,
      },
      env: { CHILD_PIDFILE: pidFile, SHIPLINE_PRINT_SUMMARY: 'false' },
    });
    const pid = await childPid(pidFile);
    expect(run.code).toBe(1);
    expect(isProcessAlive(pid)).toBe(false);
    expect(existsSync(ran)).toBe(false);
    expect(run.outputs.result).toBe('refused');
    const record = readLedger(stateDir).deployments[0]!;
    expect(record.statuses.at(-1)!.description).toBe(
      'refused: pre-deploy-command was stopped after 2000 ms (timeout); nothing was deployed',
    );
  });

  it('post-deploy-command on SIGINT: its child is gone after the action exits; the record says the version is live', async () => {
    const stateDir = join(dir, 'hook-cancel');
    const pidFile = join(dir, 'hook-cancel.pid');
    let pid = 0;
    let signalled: Promise<void> | undefined;
    const run = await runAction('deploy', {
      inputs: {
        environment: 'staging',
        version: '1.0.0',
        'deploy-command': 'true',
        'post-deploy-command': LONG,
        timeout: '5m',
        'state-dir': stateDir,
      },
      env: { CHILD_PIDFILE: pidFile, SHIPLINE_PRINT_SUMMARY: 'false' },
      onSpawn: (child: ChildProcess) => {
        signalled = (async () => {
          pid = await childPid(pidFile);
          child.kill('SIGINT');
        })();
      },
    });
    await signalled;
    expect(run.code).toBe(1);
    expect(isProcessAlive(pid)).toBe(false);
    expect(run.summary).toMatch(/Cancelled by the runner \(SIGINT\)/);
    const statuses = readLedger(stateDir).deployments[0]!.statuses;
    expect(statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(statuses.at(-1)!.description).toBe('1.0.0 deployed; cancelled in post-deploy-command');
  });
});

describe('README example (seed 000): back up, migrate, deploy; rollback restores the backup', () => {
  /** The two steps of the README's release-hooks example, exactly as written there. */
  function readmeSteps(): { uses: string; with: Record<string, string> }[] {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /<!-- release-hooks-example -->\n```yaml\n([\s\S]*?)```/.exec(readme);
    expect(block, 'the README example').toBeTruthy();
    return parse(block![1]!) as { uses: string; with: Record<string, string> }[];
  }

  it('runs the README example: the backup taken before 2.0.0 is restored by the rollback', async () => {
    const steps = readmeSteps();
    expect(steps.map((s) => s.uses)).toEqual(['shipline/shipline/actions/deploy@v0', 'shipline/shipline/actions/rollback@v0']);
    const workspace = join(dir, 'example');
    mkdirSync(join(workspace, 'examples/app'), { recursive: true });
    for (const file of ['db.json', 'migrate.js', 'package.json'])
      cpSync(join(ROOT, 'examples/app', file), join(workspace, 'examples/app', file));
    const db = join(workspace, 'examples/app/db.json');
    const schema = () => (JSON.parse(readFileSync(db, 'utf8')) as { schema: number }).schema;
    const live = () => readFileSync(join(workspace, 'examples/app/live-version'), 'utf8').trim();
    const run = (i: number, version?: string) => {
      const inputs = Object.fromEntries(
        Object.entries(steps[i]!.with).map(([k, v]) => [k, String(v).replace('${{ needs.build.outputs.version }}', version ?? '')]),
      );
      return runAction(i === 0 ? 'deploy' : 'rollback', { inputs, cwd: workspace, env: { SHIPLINE_PRINT_SUMMARY: 'false' } });
    };

    expect(schema()).toBe(1);
    const one = await run(0, '1.0.0');
    expect(one.code, one.stdout).toBe(0);
    expect(schema()).toBe(2);
    const two = await run(0, '2.0.0');
    expect(two.code, two.stdout).toBe(0);
    expect(schema()).toBe(3);
    expect(live()).toBe('2.0.0');
    const beforeTwo = readFileSync(join(workspace, 'backups/db-before-2.0.0.json'), 'utf8');
    expect(JSON.parse(beforeTwo)).toMatchObject({ schema: 2 });
    expect(two.summary).toContain('- **backup**: backups/db-before-2.0.0.json\n');

    const back = await run(1);
    expect(back.code, back.stdout).toBe(0);
    expect(back.outputs).toMatchObject({ result: 'success', version: '1.0.0', 'from-version': '2.0.0' });
    expect(live()).toBe('1.0.0');
    expect(readFileSync(db, 'utf8')).toBe(beforeTwo);
    expect(schema()).toBe(2);
  });
});
