import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workflowCli } from '../../src/workflow/cli.js';
import { createLog, isSampleLine, readable } from '../../src/workflow/log.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'workflows');
const SAMPLE = '  error-rate: 0 (<= 0.05) pass — within threshold';

describe('the log of a local run', () => {
  it('turns workflow commands into words (one function for the CLI and the workflow runner)', () => {
    expect(readable('::error file=a.ts::bad%0Anext')).toBe('error: bad\nnext');
    expect(readable('::group::Running checks')).toBe('▸ Running checks');
    expect(readable('::add-mask::s3cr3t')).toBe('');
    expect(readable('::debug::x')).toBe('');
  });

  it('knows a canary sample line from the lines around it', () => {
    expect(isSampleLine(SAMPLE)).toBe(true);
    expect(isSampleLine('  baseline-error-rate: no data (<= 0.005) no-data [1/3] — too few requests')).toBe(true);
    expect(isSampleLine('  p95-latency: 1.2e+3 (<= 2000) fail [2/3] — above threshold')).toBe(true);
    expect(isSampleLine('step 1: canary weight 25%')).toBe(false);
    expect(isSampleLine('step 3 (100%): passed — every one of 4 metric(s) passed')).toBe(false);
    expect(isSampleLine('  ▸ job: Run echo x — y')).toBe(false);
  });

  it('shows sample lines only when verbose', () => {
    let quiet = '';
    let verbose = '';
    for (const log of [createLog((t) => (quiet += t)), createLog((t) => (verbose += t), { verbose: true })]) {
      log.step('prod', 'step 1: canary weight 25%');
      log.step('prod', SAMPLE);
    }
    expect(quiet).toBe('[prod] step 1: canary weight 25%\n');
    expect(verbose).toBe(`[prod] step 1: canary weight 25%\n[prod] ${SAMPLE}\n`);
  });

  it('renders step summaries when the log goes to a terminal, and keeps the Markdown otherwise', async () => {
    const run = async (terminal: boolean) => {
      let stderr = '';
      const code = await workflowCli(['run', join(FIXTURES, 'status.yml'), '--workspace', FIXTURES, '--input', 'who=there', '--json'], {
        stdout: () => {},
        stderr: (t) => (stderr += t),
        interactive: false,
        isTerminal: (stream) => terminal && stream === 'stderr',
      });
      expect(code, stderr).toBe(0);
      return stderr;
    };
    const piped = await run(false);
    expect(piped).toContain('### first says hello');
    const shown = await run(true);
    expect(shown).toMatch(/^──── summary \(first: .*\) ────\nfirst says hello$/m);
    expect(shown).not.toContain('###');
  });
});
