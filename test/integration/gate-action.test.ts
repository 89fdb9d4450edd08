import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../helpers/github-emulator.js';
import { runAction } from '../helpers/run-action.js';

// The gate bundle (node scripts/build.mjs gate) against the GitHub REST/GraphQL emulator, at the
// real time: what does not depend on it. The decisions at a fixed time run in-process, with the
// runtime's clock fixed (test/inprocess/gate.test.ts).
let gh: GitHubEmulator;
beforeAll(async () => {
  gh = await startGitHubEmulator();
});
afterAll(() => gh.close());
beforeEach(() => gh.reset());

const github = () => ({ GITHUB_API_URL: gh.url, 'INPUT_GITHUB-TOKEN': gh.token });
const gate = (inputs: Record<string, string>, env: Record<string, string> = {}, cwd?: string) =>
  runAction('gate', { inputs: { environment: 'production', ...inputs }, env: { ...github(), GITHUB_ACTOR: 'octocat', ...env }, cwd });

describe('gate bundle', () => {
  it('decides at the runner clock; SHIPLINE_NOW no longer sets it', async () => {
    const before = Date.now();
    const run = await gate({ freeze: 'none' }, { SHIPLINE_NOW: '2024-03-27T12:00:00Z' });
    const after = Date.now();
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.allowed).toBe('true');
    const at = /\*\*decided at\*\*: (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC)/.exec(run.summary)?.[1];
    expect(at).toBeDefined();
    expect(Date.parse(at!)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(at!)).toBeLessThanOrEqual(after + 1000);
    expect(run.stdout).not.toContain('SHIPLINE_NOW');
  });

  it('fails closed when the records cannot be read', async () => {
    const run = await gate({ 'require-successful': 'staging' }, { 'INPUT_GITHUB-TOKEN': 'wrong-token' });
    expect(run.code).toBe(1);
    expect(run.outputs.allowed).toBe('false');
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(/Cannot read the deployment records of staging .*deployments: read/);
  });

  describe('bad input: one ::error:: naming the input, and no API call', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gate-config-'));
    mkdirSync(join(cwd, '.github'));
    writeFileSync(join(cwd, '.github', 'shipline.yml'), "environments:\n  production:\n    gate:\n      require-successful: ''\n");
    it.each([
      [
        { freeze: 'Someday 25:00-26:00' },
        {},
        undefined,
        /^::error::Input "freeze": "Someday 25:00-26:00": unknown day "Someday".*"25:00" is not a time of day.*Accepted: windows one a line/,
      ],
      [
        { 'min-soak': '1 week', 'require-successful': 'staging' },
        {},
        undefined,
        /^::error::Input "min-soak": "1 week" is not a duration\. Accepted: .*a week 168h\.$/,
      ],
      [
        {},
        {},
        cwd,
        /^::error::Config \.github\/shipline\.yml, environments\.production\.gate\.require-successful: is empty; name the environments, or write none/,
      ],
      [
        { freeze: 'Sun 02:00-04:00 Europe/Atlantis' },
        {},
        undefined,
        /^::error::Input "freeze": "Sun 02:00-04:00 Europe\/Atlantis": unknown time zone "Europe\/Atlantis"/,
      ],
      [{ 'min-soak': '1h' }, {}, undefined, /^::error::Input "min-soak" needs "require-successful"/],
    ])('%j', async (inputs, env, dir, message) => {
      gh.reset();
      const run = await runAction('gate', {
        inputs: { environment: 'production', ...inputs },
        env: { ...github(), ...env },
        cwd: dir,
      });
      expect(run.code).toBe(1);
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]).toMatch(message);
      expect(gh.calls()).toBe(0);
    });
  });
});
