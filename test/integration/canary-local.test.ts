import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDriver } from '../../src/drivers/local/index.js';
import { sleep, waitFor } from '../helpers/real-server.js';
import { ROOT, runAction, type RunActionOptions } from '../helpers/run-action.js';

const APP = `"${process.execPath}" "${join(ROOT, 'examples', 'app', 'server.js')}"`;
const ENV = 'staging';

interface LocalState {
  weight: number;
  publicPort: number;
  stable: { version: string } | null;
  canary: { version: string } | null;
}

function get(url: string): Promise<{ status: number; version?: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, version: res.headers['x-app-version'] as string | undefined }));
      })
      .on('error', reject);
  });
}

/**
 * The canary bundle on the local driver: versions of the example app as processes behind the
 * local weighted proxy, judged by the built-in probe against the canary's and stable's own ports.
 */
describe('canary action on the local driver with the built-in probe', () => {
  let cwd: string;
  let stateDir: string;
  const stateFile = () => join(stateDir, 'local', ENV, 'state.json');
  const state = () => JSON.parse(readFileSync(stateFile(), 'utf8')) as LocalState;
  /** Versions answering through the environment's public port. */
  async function servedVersions(count = 20): Promise<Record<string, number>> {
    const seen: Record<string, number> = {};
    for (let i = 0; i < count; i++) {
      const answer = await get(`http://127.0.0.1:${state().publicPort}/api/x`);
      seen[answer.version ?? 'none'] = (seen[answer.version ?? 'none'] ?? 0) + 1;
    }
    return seen;
  }

  const canary = (version: string, command: string, extra: Record<string, string> = {}, onSpawn?: RunActionOptions['onSpawn']) =>
    runAction('canary', {
      cwd,
      inputs: {
        environment: ENV,
        version,
        'app-command': command,
        'state-dir': stateDir,
        steps: '50,100',
        'step-duration': '2s',
        'analysis-interval': '500ms',
        'probe-rps': '40',
        'max-p95': '300ms',
        ...extra,
      },
      ...(onSpawn ? { onSpawn } : {}),
    });

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'shipline-canary-local-'));
    stateDir = join(cwd, 'state');
    const deployed = await runAction('deploy', {
      cwd,
      inputs: { environment: ENV, version: '1.0.0', 'app-command': APP, 'state-dir': stateDir },
    });
    expect(deployed.errors).toEqual([]);
  });

  afterAll(async () => {
    if (stateDir && existsSync(stateFile())) {
      await createLocalDriver({ command: APP, stateDir: join(stateDir, 'local'), environment: ENV, stopGraceMs: 2000 }).stop();
    }
  });

  it('aborts a canary answering 20% 5xx on error-rate; stable keeps all traffic', async () => {
    const run = await canary('2.0.0-errors', `APP_ERROR_RATE=0.2 ${APP}`);
    expect(run.outputs).toMatchObject({ result: 'aborted', weight: '0', 'failed-metric': 'error-rate' });
    expect(state()).toMatchObject({ weight: 0, canary: null, stable: { version: '1.0.0' } });
    expect(await servedVersions()).toEqual({ '1.0.0': 20 });
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as {
      steps: Array<{ step: number }>;
      samples: Array<{ metric: string }>;
    };
    expect(report.steps.map((s) => s.step)).toEqual([1]);
    expect(new Set(report.samples.map((s) => s.metric))).toEqual(
      new Set(['error-rate', 'p95-latency', 'baseline-latency', 'baseline-error-rate']),
    );
  });

  it('aborts a canary 500 ms slower, on the comparison with stable before the p95 line trips', async () => {
    // Evidence accumulates: the comparison needs one look after the first; the p95 line 3 failing samples.
    const run = await canary('2.0.0-slow', `APP_LATENCY_MS=500 ${APP}`);
    expect(run.outputs).toMatchObject({ result: 'aborted', weight: '0', 'failed-metric': 'baseline-latency' });
    expect(state()).toMatchObject({ weight: 0, canary: null, stable: { version: '1.0.0' } });
    const report = JSON.parse(readFileSync(run.outputs.report!, 'utf8')) as { samples: Array<{ metric: string; verdict: string }> };
    const p95 = report.samples.filter((s) => s.metric === 'p95-latency').map((s) => s.verdict);
    expect(p95).toContain('fail');
    expect(p95).not.toContain('pass');
  });

  it('restores stable before exiting on SIGINT mid-step', async () => {
    let signalled: Promise<void> | undefined;
    const run = await canary('2.0.0-sigint', APP, { 'step-duration': '4s' }, (child) => {
      signalled = (async () => {
        await waitFor(
          'the canary at 50%',
          async () => existsSync(stateFile()) && state().weight === 50 && state().canary?.version === '2.0.0-sigint',
          {
            attempts: 300,
            intervalMs: 50,
          },
        );
        await sleep(600);
        child.kill('SIGINT');
      })();
    });
    await signalled;
    expect(run.code).toBe(1);
    expect(run.summary).toMatch(/Cancelled by the runner \(SIGINT\)/);
    expect(state()).toMatchObject({ weight: 0, canary: null, stable: { version: '1.0.0' } });
    expect(await servedVersions()).toEqual({ '1.0.0': 20 });
  });

  it('promotes a healthy canary, which then serves all traffic', async () => {
    const run = await canary('2.0.0', APP);
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ result: 'promoted', weight: '100' });
    expect(state()).toMatchObject({ canary: null, stable: { version: '2.0.0' } });
    expect(await servedVersions()).toEqual({ '2.0.0': 20 });
    const ledger = JSON.parse(readFileSync(join(stateDir, 'deployments.json'), 'utf8')) as {
      deployments: Array<{ payload: { version: string; by: string }; statuses: Array<{ state: string }> }>;
    };
    const byVersion = Object.fromEntries(ledger.deployments.map((d) => [d.payload.version, d.statuses.map((s) => s.state).pop()]));
    // The promoted canary is what runs now; the old stable's record turns inactive, as on GitHub.
    expect(byVersion).toEqual({
      '1.0.0': 'inactive',
      '2.0.0-errors': 'failure',
      '2.0.0-slow': 'failure',
      '2.0.0-sigint': 'failure',
      '2.0.0': 'success',
    });
  });
});
