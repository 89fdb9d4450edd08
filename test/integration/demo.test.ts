import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-action.js';

describe('npm run demo', () => {
  it('runs the release and staging workflows themselves on the local driver and every stage behaves as described', async () => {
    // The screen shows one line a job; every run's whole log is copied to SHIPLINE_DEMO_LOG.
    const logFile = join(mkdtempSync(join(tmpdir(), 'demo-log-')), 'demo.log');
    const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, [join(ROOT, 'scripts', 'demo.mjs')], {
        cwd: ROOT,
        env: { ...process.env, GITHUB_TOKEN: '', SHIPLINE_DEMO_LOG: logFile },
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d));
      child.stderr.on('data', (d: Buffer) => (out += d));
      child.on('close', (c) => resolve({ code: c, out }));
    });
    expect(code, out.slice(-4000)).toBe(0);
    const table = out.slice(out.lastIndexOf('demo result'));
    for (const stage of [
      'v1.0.0: staging.yml succeeds',
      'v1.0.0: production answers 1.0.0',
      'v1.1.0: release.yml succeeds, canary promoted',
      'v1.1.0: production answers 1.1.0',
      'v1.2.0: canary aborted, release.yml fails',
      'v1.2.0: production still answers 1.1.0',
      'v1.2.0: the rollback job found 1.2.0 not live, redeployed nothing',
      'main: staging.yml deploys the fix to staging',
      'main: staging answers the fix',
    ])
      expect(table).toMatch(new RegExp(`'${stage.replace(/[.()>-]/g, '\\$&')}'\\s*│ 'yes'`));
    expect(table).not.toContain("'NO'");
    // the workflow files ran: each job's steps and summaries were logged
    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain('shipline workflow run examples/workflows/release.yml --ref v1.2.0');
    expect(log).toContain('▶ job release / production');
    expect(log).toMatch(/──── summary \(release \/ production: /);
    expect(log).toMatch(/Aborted|aborted/);
    // the screen: a line a job, grouped by release, the canary's progress, the closing table
    const lines = out.trimEnd().split('\n');
    expect(lines.length, out).toBeLessThanOrEqual(80);
    expect(out).toMatch(/^v1\.2\.0: release\.yml\n(?: {2}.*\n)*? {2}✗ release \/ production +failure/m);
    expect(out).toMatch(/^ {4}… release \/ production: step 1: canary weight 25%/m);
    expect(out).not.toContain('&lt;');
    expect(out).not.toContain('```mermaid');
    expect(out).not.toContain('<details>');
    expect(out).not.toContain('──── summary');
  }, 240_000);
});
