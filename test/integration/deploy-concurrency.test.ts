// Deploys started at the same moment: on one environment exactly one runs its driver (the earliest
// record wins, the later one marks itself and refuses), and parallel steps sharing a ledger lose
// no record (the ledger file is locked).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../helpers/github-emulator.js';
import { runAction, type ActionRun } from '../helpers/run-action.js';

let dir: string;
let emu: GitHubEmulator;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shipline-concurrency-'));
  emu = await startGitHubEmulator();
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

interface LedgerFile {
  deployments: { id: string; environment: string; payload: Record<string, unknown>; statuses: { state: string; description?: string }[] }[];
}
const readLedger = (stateDir: string) => JSON.parse(readFileSync(join(stateDir, 'deployments.json'), 'utf8')) as LedgerFile;

/** One deploy as its own run (its own GITHUB_RUN_ID); the command marks that it ran, slowly. */
function deploy(run: number, inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  return runAction('deploy', {
    inputs: { version: `1.0.${run}`, 'deploy-command': `touch "${join(dir, `ran-${run}`)}"; sleep 1`, ...inputs },
    env: { GITHUB_RUN_ID: String(5000 + run), ...env },
  });
}

describe('two deploys to one environment started together', () => {
  it.each(['ledger', 'github'] as const)('exactly one runs the driver (%s records)', async (kind) => {
    const base: Record<string, string> =
      kind === 'ledger' ? { 'state-dir': join(dir, 'pair-state'), 'github-token': '' } : { 'github-token': emu.token };
    const env: Record<string, string> = kind === 'github' ? { GITHUB_API_URL: emu.url } : {};
    const first = kind === 'ledger' ? 10 : 20;
    const runs = await Promise.all([first, first + 1].map((n) => deploy(n, { environment: 'production', ...base }, env)));
    const ran = [first, first + 1].filter((n) => existsSync(join(dir, `ran-${n}`)));
    expect(ran, runs.map((r) => r.stdout).join('\n----\n')).toHaveLength(1);
    expect(runs.map((r) => r.code).sort()).toEqual([0, 1]);
    const loser = runs.find((r) => r.code === 1)!;
    expect(loser.errors).toHaveLength(1);
    expect(loser.errors[0]).toMatch(/Another deploy to production (is still in progress|started at the same time and first)/);
    expect(loser.outputs.result).toBe('failure');
    const winner = runs.find((r) => r.code === 0)!;
    expect(winner.outputs.result).toBe('success');
    // the winner's record succeeded; the loser left none in progress
    if (kind === 'ledger') {
      const states = readLedger(join(dir, 'pair-state')).deployments.map((d) => d.statuses.at(-1)?.state);
      expect(states.filter((s) => s === 'success')).toHaveLength(1);
      expect(states.filter((s) => s === 'in_progress' || s === undefined)).toHaveLength(0);
    } else {
      const states = emu.deployments('production').map((d) => emu.statuses(d.id)[0]?.state);
      expect(states.filter((s) => s === 'success')).toHaveLength(1);
      expect(states.filter((s) => s === 'in_progress' || s === undefined)).toHaveLength(0);
    }
  });
});

describe('six parallel deploys sharing one ledger', () => {
  it('keeps six records, each with all its statuses', async () => {
    const stateDir = join(dir, 'six-state');
    const runs = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        runAction('deploy', {
          inputs: { environment: `env-${i}`, version: `2.0.${i}`, 'deploy-command': 'true', 'state-dir': stateDir, 'github-token': '' },
          env: { GITHUB_RUN_ID: String(6000 + i) },
        }),
      ),
    );
    for (const r of runs) expect(r.code, r.stdout).toBe(0);
    const ledger = readLedger(stateDir);
    expect(ledger.deployments).toHaveLength(6);
    expect(new Set(ledger.deployments.map((d) => d.id)).size).toBe(6);
    for (const d of ledger.deployments) expect(d.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(existsSync(join(stateDir, 'deployments.json.lock'))).toBe(false);
  });
});
