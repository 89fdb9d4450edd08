// The deploy bundle with the command driver and the ledger: an impossible promotion rule is refused
// before anything happens; a failed command's exit code and last lines reach the summary, safely.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/run-action.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipline-deploy-hardening-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('deploy: require-promotion-from', () => {
  it('refuses the environment being deployed, before any command or record', async () => {
    const stateDir = join(dir, 'same-env');
    const ran = join(dir, 'ran-same-env');
    const run = await runAction('deploy', {
      inputs: {
        environment: 'production',
        version: '1.0.0',
        'require-promotion-from': 'production',
        'state-dir': stateDir,
        'deploy-command': `touch "${ran}"`,
      },
    });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([
      '::error::Input "require-promotion-from": "production" is the environment being deployed, so no deploy could ever pass it. Accepted: the name of an earlier environment (staging), different from "environment".',
    ]);
    expect(existsSync(ran)).toBe(false);
    expect(existsSync(join(stateDir, 'deployments.json'))).toBe(false);
  });
});

describe('deploy: a failing deploy-command in the summary', () => {
  it('shows the exit code and the last lines, redacted and fenced', async () => {
    const stateDir = join(dir, 'failing');
    const command = [
      'echo "step 1 of 3"',
      'echo "pushing to https://deploy:hunter2-pa55@registry.example/app"',
      'echo "<img src=x onerror=alert(1)> **bold** | pipe"',
      'echo "\\`\\`\\` fence"',
      'echo "no space left on device" >&2',
      'exit 7',
    ].join('; ');
    const run = await runAction('deploy', {
      inputs: { environment: 'staging', version: '2.0.0', 'state-dir': stateDir, 'deploy-command': command },
    });
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failure');
    expect(run.summary).toContain('Deploying 2.0.0 to staging failed');
    expect(run.summary).toMatch(/^- \*\*exit code\*\*: 7$/m);
    expect(run.summary).toMatch(/^- \*\*command\*\*: deploy-command$/m);
    // The lines, in a fence longer than any backtick run in them, so nothing is read as Markdown.
    const fenced = /\n(`{4,})\n([\s\S]*?)\n\1\n/.exec(run.summary);
    expect(fenced, run.summary).not.toBeNull();
    expect(fenced![2]!.split('\n')).toEqual([
      'step 1 of 3',
      // The summary masks URL credentials as `***` (escaped for Markdown when written).
      expect.stringMatching(/^pushing to https:\/\/(\*\*\*|\\\*\\\*\\\*)@registry\.example\/app$/),
      '<img src=x onerror=alert(1)> **bold** | pipe',
      '``` fence',
      'no space left on device',
    ]);
    expect(run.summary).not.toContain('hunter2-pa55');
    expect(run.summary.replace(fenced![0], '')).not.toContain('<img');
  });
});
