import { afterEach, describe, expect, it, vi } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import * as f from '../../src/core/fields.js';
import { runAction, type RunEnd } from '../../src/core/run.js';

// The run wrapper's onFinish hook (what notifications use): it runs once the outcome is final.
describe('runAction onFinish', () => {
  const written: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    written.length = 0;
    process.exitCode = undefined;
  });
  function capture() {
    vi.stubEnv('GITHUB_OUTPUT', '');
    vi.stubEnv('GITHUB_STEP_SUMMARY', '');
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  }
  const def = { name: 'probe', title: 'shipline probe', fields: { x: f.string() } };

  it('runs after a failure: the error printed, the outputs and the summary there, the exit code kept', async () => {
    capture();
    const ends: RunEnd[] = [];
    let seenBefore = '';
    const code = await runAction(
      def,
      async (ctx) => {
        ctx.onFinish(async (end) => {
          seenBefore = written.join('');
          ends.push(end);
        });
        ctx.setOutput('result', 'failure');
        ctx.summary.verdict('fail', 'Deploying 1.0.0 failed');
        throw new UserError('deploy-command exited with 7');
      },
      { source: () => '' },
    );
    expect(code).toBe(1);
    expect(ends).toHaveLength(1);
    expect(ends[0]!.code).toBe(1);
    expect(ends[0]!.error).toBe('deploy-command exited with 7');
    expect([...ends[0]!.outputs]).toEqual([['result', 'failure']]);
    expect(seenBefore).toContain('::error::deploy-command exited with 7');
    expect(seenBefore).toContain('Deploying 1.0.0 failed');
  });

  it('a failure of the finishing work is a warning and never changes the outcome', async () => {
    capture();
    const code = await runAction(
      def,
      async (ctx) => {
        ctx.onFinish(async () => {
          throw new Error('receiver gone');
        });
        ctx.setOutput('result', 'success');
      },
      { source: () => '' },
    );
    expect(code).toBe(0);
    expect(process.exitCode).toBeUndefined();
    expect(written.join('')).toContain('::warning::After shipline probe: receiver gone');
  });
});
