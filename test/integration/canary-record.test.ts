// A canary whose own record cannot be written fails its step loudly, as deploy does (outputs set first).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../helpers/github-emulator.js';
import { startMetricsApp, type MetricsApp } from '../helpers/metrics-app.js';
import { runAction } from '../helpers/run-action.js';

let dir: string;
let healthy: MetricsApp;
let emu: GitHubEmulator;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shipline-canary-record-'));
  [healthy, emu] = await Promise.all([startMetricsApp({ version: '2.1.0' }), startGitHubEmulator()]);
});
afterAll(async () => {
  await Promise.all([healthy?.stop(), emu?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('canary: its own record', () => {
  it('fails the step, after setting its outputs, when the promotion cannot be recorded', async () => {
    const pending = runAction('canary', {
      cwd: dir,
      inputs: {
        'github-token': emu.token,
        environment: 'production',
        version: '2.1.0',
        driver: 'command',
        'deploy-command': 'true',
        'set-weight-command': 'true',
        'probe-url': healthy.url,
        steps: '100',
        'step-duration': '2s',
        'analysis-interval': '250ms',
        'min-requests': '2',
      },
      env: { GITHUB_API_URL: emu.url },
    });
    // Once the canary's record is in progress, the next status write (the promotion) is refused.
    let settled = false;
    void pending.then(() => (settled = true));
    const end = Date.now() + 30_000;
    while (!emu.deployments('production').some((d) => emu.statuses(d.id).some((s) => s.state === 'in_progress'))) {
      if (settled || Date.now() > end) throw new Error(`the canary never recorded in_progress: ${(await pending).stdout}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const id = emu.deployments('production')[0]!.id;
    emu.failNext(1, { status: 422, method: 'POST', pathPrefix: `/repos/acme/shop/deployments/${id}/statuses` });
    const run = await pending;
    expect(run.code, run.stdout).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'promoted', weight: '100' });
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain(
      `Canary 2.1.0 was promoted in production, but its record (deployment ${id}) could not be marked successful`,
    );
    expect(emu.statuses(id)[0]!.state).toBe('in_progress');
  });
});
