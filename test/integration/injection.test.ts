// Workflow-command injection: a value with a line break followed by `::error::`, `::add-mask::the`
// or `::set-output` in an input, a smoke check's name, an HTTP body or a command's output must never
// put a command at the start of a log line. The output is read the way the runner reads it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../helpers/run-action.js';
import { workflowCommands } from '../helpers/workflow-commands.js';

const INJECTIONS = ['\n::error::owned', '\n::add-mask::the', '\r::set-output name=result::owned', '\n  ::stop-commands::owned'];
const injected = (run: ActionRun) =>
  workflowCommands(`${run.stdout}\n${run.stderr}`).filter(
    (c) =>
      c.data.startsWith('owned') || (c.name === 'add-mask' && c.data === 'the') || c.name === 'set-output' || c.name === 'stop-commands',
  );

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipline-injection-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let workspaces = 0;
function workspace(): string {
  const cwd = join(dir, `ws-${++workspaces}`);
  mkdirSync(cwd, { recursive: true });
  return cwd;
}

describe('one-line inputs refuse a line break, naming the input and the accepted form', () => {
  it.each(INJECTIONS)('rollback reason %j', async (injection) => {
    const cwd = workspace();
    for (const version of ['1.0.0', '1.1.0']) {
      const deployed = await runAction('deploy', {
        cwd,
        inputs: { environment: 'production', version, driver: 'command', 'deploy-command': 'true' },
      });
      expect(deployed.code, deployed.stdout).toBe(0);
    }
    const marker = join(cwd, 'rolled-back');
    const run = await runAction('rollback', {
      cwd,
      inputs: { environment: 'production', reason: `bad deploy${injection}`, driver: 'command', 'deploy-command': `touch "${marker}"` },
    });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([
      expect.stringMatching(/^::error::Input "reason": has a line break or another control character\. Accepted: one line of text\.$/),
    ]);
    expect(injected(run)).toEqual([]);
    expect(existsSync(marker)).toBe(false);
  });

  it.each(INJECTIONS)('gate override-reason %j', async (injection) => {
    const run = await runAction('gate', {
      inputs: { environment: 'production', freeze: 'Mon 00:00-Sun 23:59 UTC', 'override-reason': `INC-42${injection}` },
      env: { GITHUB_ACTOR: 'octocat' },
    });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([
      expect.stringMatching(/^::error::Input "override-reason": has a line break or another control character\. Accepted: one line /),
    ]);
    expect(run.outputs.allowed).toBeUndefined();
    expect(injected(run)).toEqual([]);
  });

  it.each([
    ['version', { version: '1.0.1\n::error::owned' }],
    ['environment', { environment: 'staging\n::add-mask::the' }],
    ['artifact', { artifact: 'ghcr.io/acme/shop@sha256:1111\n::error::owned' }],
  ])('deploy %s', async (input, values) => {
    const cwd = workspace();
    const marker = join(cwd, 'deployed');
    const run = await runAction('deploy', {
      cwd,
      inputs: { environment: 'staging', version: '1.0.0', driver: 'command', 'deploy-command': `touch "${marker}"`, ...values },
    });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([expect.stringMatching(new RegExp(`^::error::Input "${input}": .*Accepted: `))]);
    expect(injected(run)).toEqual([]);
    expect(existsSync(marker)).toBe(false);
  });

  it.each(INJECTIONS)('a smoke check name %j', async (injection) => {
    const checks = JSON.stringify([{ name: `home${injection}`, url: 'http://127.0.0.1:9/' }]);
    const run = await runAction('smoke', { inputs: { url: 'http://127.0.0.1:9', checks, attempts: '1' } });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([expect.stringMatching(/^::error::Input "checks" at \[0\]\.name: must be one line of text\. Accepted: /)]);
    expect(injected(run)).toEqual([]);
  });
});

describe('outside text in the log', () => {
  it("a user command's output cannot issue workflow commands, but can ask for a mask", async () => {
    const cwd = workspace();
    const lines = [
      'deploying',
      '::error::owned',
      '  ::set-output name=result::owned',
      '::stop-commands::owned',
      'x ##[error]owned',
      '::add-mask::Pl4nted-from-command',
      'done',
    ];
    const run = await runAction('deploy', {
      cwd,
      inputs: {
        environment: 'staging',
        version: '1.0.0',
        driver: 'command',
        'deploy-command': `printf '%s\\n' ${lines.map((l) => `'${l}'`).join(' ')}`,
      },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.result).toBe('success');
    expect(injected(run)).toEqual([]);
    expect(workflowCommands(run.stdout).filter((c) => c.name === 'error' || c.data.includes('owned'))).toEqual([]);
    expect(workflowCommands(run.stdout)).toContainEqual(expect.objectContaining({ name: 'add-mask', data: 'Pl4nted-from-command' }));
    expect(run.stdout).toContain('deploying\n');
  });

  describe('an HTTP body (a Prometheus error answer) in the canary log', () => {
    let server: Server;
    let url: string;
    let answered = 0;
    beforeAll(async () => {
      server = createServer((req, res) => {
        answered += 1;
        res.writeHead(answered === 1 ? 200 : 500, { 'content-type': 'application/json' });
        // The first answer (the check before any traffic moves) is good; later ones carry the attack.
        res.end(
          answered === 1
            ? JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [0, '0'] }] } })
            : JSON.stringify({ status: 'error', errorType: 'internal', error: `boom${INJECTIONS.join('')}` }),
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('is printed, but starts no command', async () => {
      const cwd = workspace();
      const run = await runAction('canary', {
        cwd,
        inputs: {
          environment: 'production',
          version: '2.0.0',
          driver: 'command',
          'deploy-command': 'true',
          'set-weight-command': 'true',
          'abort-command': 'true',
          'prometheus-url': url,
          metrics: '[{name: errors, query: "vector(0)", max: 1}]',
          steps: '100',
          'step-duration': '2s',
          'analysis-interval': '250ms',
        },
      });
      expect(run.code).toBe(1);
      expect(run.outputs.result).toBe('aborted');
      expect(answered).toBeGreaterThan(1);
      expect(run.stdout).toContain('boom');
      expect(injected(run)).toEqual([]);
    });
  });
});
