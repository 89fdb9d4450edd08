import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandResult, execFromArgv, type CommandResult } from '../../src/core/exec.js';
import { runInProcess } from '../helpers/in-process.js';

// Each action run in this process through runAction with the runtime swapped (test/helpers/in-process.ts):
// a fixed clock, the log and the outputs in memory, and for build a fake exec. Commands a test
// gives use absolute paths: an in-process run does not change the process's directory.
const ROOT = resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'shipline-inprocess-'));
const workspace = (name: string) => {
  const cwd = join(dir, name);
  mkdirSync(cwd, { recursive: true });
  return cwd;
};

let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/health') res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok","version":"1.0.0"}');
    else res.writeHead(503).end('down');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('actions in-process, with the runtime swapped', () => {
  it('build: the commit comes from the runtime exec (a fake git), the dry-run plans without running', async () => {
    const cwd = workspace('build');
    const calls: string[] = [];
    const exec = execFromArgv(async (file, args): Promise<CommandResult> => {
      const line = [file, ...args].join(' ');
      calls.push(line);
      if (line === 'git rev-parse --verify -q HEAD') return commandResult({ code: 0, stdout: `${'c'.repeat(40)}\n` });
      if (line === 'buildah --version') return commandResult({ code: 0, stdout: 'buildah version 1.28.2' });
      return commandResult({ code: 127, stderr: `${file}: command not found` });
    });
    const run = await runInProcess('build', {
      cwd,
      exec,
      inputs: { image: 'registry.example/acme/shop', builder: 'buildah', 'build-command': 'touch built-marker', 'dry-run': 'true' },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.version).toBe('sha-ccccccc');
    expect(calls[0]).toBe('git rev-parse --verify -q HEAD');
    expect(run.stdout).toContain(`/bin/sh -c 'touch built-marker'`);
    expect(run.stdout).toMatch(/buildah .*bud .*--tag registry\.example\/acme\/shop:sha-ccccccc/);
    expect(run.summary).toContain('Dry run');
    expect(calls.some((c) => c.includes('touch'))).toBe(false);
  });

  it('scan: reads a SARIF file and judges it against the threshold', async () => {
    const cwd = workspace('scan');
    mkdirSync(join(cwd, 'r'));
    copyFileSync(join(ROOT, 'test', 'fixtures', 'scan', 'trivy-image.sarif'), join(cwd, 'r', 'trivy.sarif'));
    const pass = await runInProcess('scan', {
      cwd,
      inputs: { sarif: 'r/trivy.sarif', 'severity-threshold': 'none', secrets: 'false', 'npm-audit': 'false' },
    });
    expect(pass.code, pass.stdout).toBe(0);
    expect(pass.outputs).toMatchObject({ result: 'pass', critical: '1' });
    const fail = await runInProcess('scan', {
      cwd,
      inputs: { sarif: 'r/trivy.sarif', 'severity-threshold': 'critical', secrets: 'false', 'npm-audit': 'false' },
    });
    expect(fail.code).toBe(1);
    expect(fail.outputs.result).toBe('fail');
    expect(fail.errors).toHaveLength(1);
  });

  it('deploy: runs the command, records at the runtime clock, and times the deploy with it', async () => {
    const cwd = workspace('deploy');
    const out = join(cwd, 'deployed');
    const stateDir = join(cwd, 'state');
    const dry = await runInProcess('deploy', {
      cwd,
      inputs: {
        environment: 'staging',
        version: '1.0.0',
        driver: 'command',
        'deploy-command': `echo "$SHIPLINE_VERSION" > "${out}"`,
        'state-dir': stateDir,
        'dry-run': 'true',
      },
    });
    expect(dry.code, dry.stdout).toBe(0);
    expect(dry.stdout).toContain('would ');
    expect(existsSync(out)).toBe(false);

    const run = await runInProcess('deploy', {
      cwd,
      now: '2024-05-06T07:08:09Z',
      inputs: {
        environment: 'staging',
        version: '1.0.0',
        driver: 'command',
        'deploy-command': `echo "$SHIPLINE_VERSION" > "${out}"`,
        'state-dir': stateDir,
      },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'success', version: '1.0.0' });
    expect(readFileSync(out, 'utf8')).toBe('1.0.0\n');
    // the clock stands still: the deploy took 0 ms by it, and its record is dated by it
    expect(run.summary).toContain('Deployed 1.0.0 to staging in 0ms');
    const ledger = JSON.parse(readFileSync(join(stateDir, 'deployments.json'), 'utf8')) as { deployments: { createdAt: string }[] };
    expect(ledger.deployments.map((d) => d.createdAt)).toEqual(['2024-05-06T07:08:09.000Z']);
  });

  it('smoke: checks a real HTTP server, passing and failing', async () => {
    const ok = await runInProcess('smoke', { inputs: { url, checks: '[{path: /health, expect: {status: 200}}]' } });
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.outputs.result).toBe('pass');
    const down = await runInProcess('smoke', { inputs: { url, checks: '[{path: /down, expect: {status: 200}}]', attempts: '1' } });
    expect(down.code).toBe(1);
    expect(down.outputs.result).toBe('fail');
    expect(down.summary).toContain('503');
  });

  it('canary: the dry-run plans the steps and changes nothing', async () => {
    const cwd = workspace('canary');
    const log = join(cwd, 'traffic.log');
    const run = await runInProcess('canary', {
      cwd,
      inputs: {
        environment: 'production',
        version: '2.0.0',
        driver: 'command',
        'deploy-command': `echo "deploy $SHIPLINE_VERSION" >> "${log}"`,
        'set-weight-command': `echo "weight $SHIPLINE_WEIGHT" >> "${log}"`,
        'abort-command': `echo "abort" >> "${log}"`,
        'probe-url': url,
        'dry-run': 'true',
        steps: '10,50,100',
        'step-duration': '1m',
        'analysis-interval': '10s',
      },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'dry-run', weight: '0' });
    expect(run.summary).toMatch(
      /Dry run: would move 2\.0\.0 in production through 3 steps with the command driver and promote it after 3m; nothing changed/,
    );
    expect(run.stdout).toContain('set-weight-command with SHIPLINE_WEIGHT=50');
    expect(existsSync(log)).toBe(false);
  });

  it('rollback: after two deploys, the dry-run names the version before', async () => {
    const cwd = workspace('rollback');
    const stateDir = join(cwd, 'state');
    for (const version of ['1.0.0', '2.0.0']) {
      const deployed = await runInProcess('deploy', {
        cwd,
        inputs: { environment: 'production', version, driver: 'command', 'deploy-command': 'true', 'state-dir': stateDir },
      });
      expect(deployed.code, deployed.stdout).toBe(0);
    }
    const run = await runInProcess('rollback', {
      cwd,
      inputs: { environment: 'production', 'state-dir': stateDir, driver: 'command', 'deploy-command': 'true', 'dry-run': 'true' },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'dry-run', version: '1.0.0', 'from-version': '2.0.0' });
  });

  it('leaves the process alone: no exit code, no signal listener, no GITHUB_OUTPUT written', async () => {
    const listeners = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    const output = join(dir, 'output');
    writeFileSync(output, '');
    const before = process.env.GITHUB_OUTPUT;
    process.env.GITHUB_OUTPUT = output;
    try {
      const failed = await runInProcess('smoke', { inputs: { url, checks: '[{path: /down}]', attempts: '1' } });
      expect(failed.code).toBe(1);
      expect(process.exitCode ?? 0).toBe(0);
      expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(listeners);
      expect(readFileSync(output, 'utf8')).toBe('');
    } finally {
      if (before === undefined) delete process.env.GITHUB_OUTPUT;
      else process.env.GITHUB_OUTPUT = before;
    }
  });
});
