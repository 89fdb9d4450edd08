// User commands end with everything they started: at the step's timeout and when the runner cancels
// the job (SIGINT), through the real bundles. Every cancelled action still sets `result` and its
// record says it was cancelled.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProcessAlive } from '../../src/drivers/local/processes.js';
import { startGitHubEmulator, type GitHubEmulator } from '../helpers/github-emulator.js';
import { startKubeApiServer, type KubeApiServer } from '../helpers/kube-apiserver.js';
import { runAction, type ActionRun } from '../helpers/run-action.js';

/** Starts a child, writes its pid where the test can read it, and waits for it: a long deploy. */
const LONG_COMMAND = 'sleep 30 & echo $! > "$CHILD_PIDFILE"; wait';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipline-command-stop-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface LedgerFile {
  deployments: { id: string; payload: Record<string, unknown>; statuses: { state: string; description?: string }[] }[];
}
const readLedger = (stateDir: string) => JSON.parse(readFileSync(join(stateDir, 'deployments.json'), 'utf8')) as LedgerFile;

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The pid the command wrote, once it has. */
const childPid = (file: string) =>
  waitFor('the command to start its child', () => {
    try {
      const pid = Number(readFileSync(file, 'utf8').trim());
      return pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  });

/** Runs a bundle whose command starts a child; SIGINT once the child runs. Resolves with the run and the child's pid. */
async function cancelMidCommand(
  bundle: string,
  inputs: Record<string, string>,
  pidFile: string,
): Promise<{ run: ActionRun; pid: number; ms: number }> {
  let pid = 0;
  let signalled: Promise<void> | undefined;
  const started = Date.now();
  const run = await runAction(bundle, {
    inputs,
    env: { CHILD_PIDFILE: pidFile, SHIPLINE_PRINT_SUMMARY: 'false' },
    onSpawn: (child: ChildProcess) => {
      signalled = (async () => {
        pid = await childPid(pidFile);
        child.kill('SIGINT');
      })();
    },
  });
  await signalled;
  return { run, pid, ms: Date.now() - started };
}

describe('deploy-command: the whole process group ends', () => {
  it('at the timeout: the step ends in seconds and the child the command started is gone', async () => {
    const stateDir = join(dir, 'timeout');
    const pidFile = join(dir, 'timeout.pid');
    const started = Date.now();
    const run = await runAction('deploy', {
      inputs: { environment: 'staging', version: '1.0.0', 'deploy-command': LONG_COMMAND, timeout: '2s', 'state-dir': stateDir },
      env: { CHILD_PIDFILE: pidFile, SHIPLINE_PRINT_SUMMARY: 'false' },
    });
    const took = Date.now() - started;
    const pid = await childPid(pidFile);
    expect(run.code).toBe(1);
    expect(isProcessAlive(pid)).toBe(false);
    // A correctness bound, not a speed goal: the child alone would have run 30 s.
    expect(took).toBeLessThan(15_000);
    expect(run.outputs.result).toBe('failure');
    expect(run.errors.join('\n')).toContain('deploy-command exited with code');
    expect(readLedger(stateDir).deployments[0]!.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
  });

  it('on SIGINT mid-deploy: the child is gone after the action exits, result is set, the record says cancelled', async () => {
    const stateDir = join(dir, 'deploy-cancel');
    const { run, pid, ms } = await cancelMidCommand(
      'deploy',
      { environment: 'staging', version: '1.0.0', 'deploy-command': LONG_COMMAND, timeout: '5m', 'state-dir': stateDir },
      join(dir, 'deploy-cancel.pid'),
    );
    expect(run.code).toBe(1);
    expect(isProcessAlive(pid)).toBe(false);
    expect(ms).toBeLessThan(15_000);
    expect(run.outputs).toMatchObject({ result: 'failure', version: '1.0.0', 'deployment-id': expect.any(String) });
    expect(run.summary).toMatch(/Cancelled by the runner \(SIGINT\)/);
    expect(run.stdout).not.toContain('failed unexpectedly');
    const statuses = readLedger(stateDir).deployments[0]!.statuses;
    expect(statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(statuses.at(-1)!.description).toBe('cancelled while deploying');
  });
});

describe('rollback-command: the whole process group ends on SIGINT', () => {
  it('the child is gone after the action exits, result is set, the record says cancelled', async () => {
    const stateDir = join(dir, 'rollback-cancel');
    for (const version of ['1.0.0', '2.0.0']) {
      const deployed = await runAction('deploy', {
        inputs: { environment: 'staging', version, 'deploy-command': 'true', 'state-dir': stateDir },
      });
      expect(deployed.code, deployed.stdout).toBe(0);
    }
    const { run, pid, ms } = await cancelMidCommand(
      'rollback',
      { environment: 'staging', 'rollback-command': LONG_COMMAND, timeout: '5m', 'state-dir': stateDir },
      join(dir, 'rollback-cancel.pid'),
    );
    expect(run.code).toBe(1);
    expect(isProcessAlive(pid)).toBe(false);
    expect(ms).toBeLessThan(15_000);
    expect(run.outputs).toMatchObject({ result: 'failure', version: '1.0.0', 'from-version': '2.0.0' });
    expect(run.summary).toMatch(/Cancelled by the runner \(SIGINT\)/);
    const rollback = readLedger(stateDir).deployments.find((d) => d.payload.by === 'rollback')!;
    expect(rollback.statuses.map((s) => s.state)).toEqual(['in_progress', 'error']);
    expect(rollback.statuses.at(-1)!.description).toBe('cancelled while rolling back');
    // The bad deployment is left as it was: nothing was rolled back.
    const bad = readLedger(stateDir).deployments.find((d) => d.payload.version === '2.0.0')!;
    expect(bad.statuses.at(-1)!.state).toBe('success');
  });
});

const probe = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const hasKubectl = !probe.error && probe.status === 0;

/** Live (not zombie) processes whose command line contains `text`. */
function processesMatching(text: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(text) && isProcessAlive(Number(entry))) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

describe.skipIf(!hasKubectl)('kubernetes deploy cancelled mid-rollout', () => {
  let api: KubeApiServer;
  let emu: GitHubEmulator;
  beforeAll(async () => {
    [api, emu] = await Promise.all([startKubeApiServer({ namespace: 'shop' }), startGitHubEmulator()]);
  });
  afterAll(async () => {
    await Promise.all([api?.close(), emu?.close()]);
  });

  it('sets result, marks the record cancelled, and leaves no kubectl running', async () => {
    api.addDeployment({ name: 'stuck-cancel', replicas: 2, containers: { app: 'registry.example/stuck:1.0.0' } });
    await api.settled();
    api.neverReady('stuck-cancel');
    let signalled: Promise<void> | undefined;
    const run = await runAction('deploy', {
      inputs: {
        'github-token': emu.token,
        driver: 'kubernetes',
        environment: 'production',
        version: '2.0.0',
        artifact: 'registry.example/stuck:2.0.0',
        deployment: 'stuck-cancel',
        timeout: '5m',
      },
      env: { GITHUB_API_URL: emu.url, SHIPLINE_PRINT_SUMMARY: 'false', ...api.env() },
      onSpawn: (child) => {
        signalled = (async () => {
          await waitFor('kubectl rollout status', () =>
            processesMatching('rollout status deployment/stuck-cancel').length > 0 ? true : undefined,
          );
          child.kill('SIGINT');
        })();
      },
    });
    await signalled;
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'failure', 'deployment-id': '1', version: '2.0.0' });
    const [last, started] = emu.statuses(1);
    expect(started!.state).toBe('in_progress');
    expect(last).toMatchObject({ state: 'failure', description: 'cancelled while deploying' });
    expect(processesMatching('rollout status deployment/stuck-cancel')).toEqual([]);
  });
});

describe('an action without a command, cancelled', () => {
  it('smoke waiting on a service that never answers sets result: fail before it exits', async () => {
    const sockets: Socket[] = [];
    let connected!: () => void;
    const reached = new Promise<void>((resolve) => (connected = resolve));
    const silent = createServer((socket) => {
      sockets.push(socket);
      connected();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const run = await runAction('smoke', {
        inputs: { url: `http://127.0.0.1:${port}`, attempts: '1', timeout: '60s' },
        env: { SHIPLINE_PRINT_SUMMARY: 'false' },
        onSpawn: (child) => void reached.then(() => child.kill('SIGINT')),
      });
      expect(run.code).toBe(1);
      expect(run.outputs.result).toBe('fail');
      expect(run.summary).toMatch(/Cancelled by the runner \(SIGINT\)/);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
