// The workflow simulation helper follows GitHub's rules for job and step conditions and outputs.
import { describe, expect, it } from 'vitest';
import { loadWorkflowText, simulate, type StepResult } from '../helpers/workflow-sim.js';

const results = (r: ReturnType<typeof simulate>) => Object.fromEntries(Object.entries(r).map(([id, j]) => [id, j.result]));
const step =
  (fail: string[]) =>
  (job: { id: string }, s: { key: string }): StepResult => ({
    outcome: fail.includes(`${job.id}/${s.key}`) ? 'failure' : 'success',
    outputs: {},
  });

const workflow = `
on: { workflow_call: { inputs: { flag: { type: boolean, default: false } } } }
jobs:
  a:
    runs-on: ubuntu-latest
    steps: [{ id: one, run: 'true' }]
  b:
    needs: a
    if: always()
    runs-on: ubuntu-latest
    steps: [{ id: one, run: 'true' }]
  c:
    needs: b
    runs-on: ubuntu-latest
    steps: [{ id: one, run: 'true' }]
  d:
    needs: b
    if: failure()
    runs-on: ubuntu-latest
    steps: [{ id: one, run: 'true' }]
  e:
    needs: b
    if: needs.b.result == 'success'
    runs-on: ubuntu-latest
    steps: [{ id: one, run: 'true' }]
`;

describe('workflow simulation (GitHub’s parser and evaluator)', () => {
  it('failure() and success() look at every ancestor job, an if without a status function means success() && (...)', async () => {
    const wf = await loadWorkflowText('t.yml', workflow);
    expect(wf.jobs.find((j) => j.id === 'e')!.condition).toBe("success() && (needs.b.result == 'success')");
    expect(results(simulate(wf, { step: step([]) }))).toEqual({ a: 'success', b: 'success', c: 'success', d: 'skipped', e: 'success' });
    // a failed: b runs (always), c and e are skipped although their direct need b succeeded, d runs.
    expect(results(simulate(wf, { step: step(['a/one']) }))).toEqual({
      a: 'failure',
      b: 'success',
      c: 'skipped',
      d: 'success',
      e: 'skipped',
    });
  });

  it('a skipped ancestor is not a success', async () => {
    const wf = await loadWorkflowText(
      't.yml',
      workflow.replace("steps: [{ id: one, run: 'true' }]\n  b:", "if: inputs.flag\n    steps: [{ id: one, run: 'true' }]\n  b:"),
    );
    expect(results(simulate(wf, { step: step([]) }))).toEqual({ a: 'skipped', b: 'success', c: 'skipped', d: 'skipped', e: 'skipped' });
    expect(results(simulate(wf, { inputs: { flag: true }, step: step([]) }))).toMatchObject({ a: 'success', c: 'success' });
  });

  it('steps after a failure are skipped unless their condition says otherwise; outputs of a skipped step are empty', async () => {
    const wf = await loadWorkflowText(
      't.yml',
      `
on: push
jobs:
  x:
    runs-on: ubuntu-latest
    outputs:
      done: \${{ steps.two.outputs.id != '' }}
      first: \${{ steps.one.outputs.id }}
    steps:
      - { id: one, run: 'true' }
      - { id: two, run: 'true' }
      - { id: three, if: failure(), run: 'true' }
`,
    );
    const ok = simulate(wf, { step: () => ({ outcome: 'success', outputs: { id: '7' } }) });
    expect(ok.x!.outputs).toEqual({ done: 'true', first: '7' });
    expect(ok.x!.steps.map((s) => s.outcome)).toEqual(['success', 'success', 'skipped']);
    const failed = simulate(wf, {
      step: (_job, s) => (s.key === 'one' ? { outcome: 'failure', outputs: { id: '7' } } : { outcome: 'success', outputs: { id: '8' } }),
    });
    expect(failed.x!.result).toBe('failure');
    expect(failed.x!.outputs).toEqual({ done: 'false', first: '7' });
    expect(failed.x!.steps.map((s) => s.outcome)).toEqual(['failure', 'skipped', 'success']);
  });
});
