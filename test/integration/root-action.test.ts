import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ACTION_NAMES } from '../../src/actions.js';
import { ROOT_DEFAULTED_INPUTS } from '../../src/dispatch.js';
import { ROOT, runAction } from '../helpers/run-action.js';

describe('root action dispatch', () => {
  it('refuses an unknown command with the accepted list', async () => {
    const run = await runAction('shipline', { inputs: { command: 'deploy-everything' } });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([
      `::error::Input "command" "deploy-everything" is not an action. Accepted: one of ${ACTION_NAMES.join(', ')}.`,
    ]);
  });
  it('refuses a missing command', async () => {
    const run = await runAction('shipline', {});
    expect(run.code).toBe(1);
    expect(run.errors[0]).toMatch(/Input "command" is required/);
  });
  it('warns naming the given inputs the chosen command does not take, and still runs it', async () => {
    const run = await runAction('shipline', {
      inputs: {
        command: 'smoke',
        url: 'http://127.0.0.1:9',
        checks: '[{path: /}]',
        'dry-run': 'true',
        steps: '10,100',
        'probe-rps': '5',
        'github-token': 'ghs_default',
      },
    });
    expect(run.code, run.stdout).toBe(0);
    const warnings = run.stdout.split('\n').filter((l) => l.startsWith('::warning::'));
    expect(warnings).toEqual([
      expect.stringMatching(/^::warning::Inputs "probe-rps", "steps" are not taken by the smoke action and are ignored\./),
    ]);
    expect(run.outputs.result).toBe('dry-run');
  });

  it('says nothing when every given input is taken', async () => {
    const run = await runAction('shipline', {
      inputs: { command: 'smoke', url: 'http://127.0.0.1:9', checks: '[{path: /}]', 'dry-run': 'true', 'github-token': 'ghs_default' },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).not.toContain('::warning::');
  });

  it("knows which root inputs the runner fills with a default (action.yml's list)", () => {
    const meta = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: unknown }> };
    const defaulted = Object.entries(meta.inputs)
      .filter(([, input]) => input.default !== undefined)
      .map(([name]) => name);
    expect(defaulted.sort()).toEqual([...ROOT_DEFAULTED_INPUTS].sort());
  });
});
