import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-action.js';

describe('npm run demo', () => {
  it('runs the whole release flow on the local driver and every stage behaves as described', async () => {
    const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, [join(ROOT, 'scripts', 'demo.mjs')], { cwd: ROOT, env: { ...process.env, GITHUB_TOKEN: '' } });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d));
      child.stderr.on('data', (d: Buffer) => (out += d));
      child.on('close', (c) => resolve({ code: c, out }));
    });
    expect(code, out.slice(-4000)).toBe(0);
    const table = out.slice(out.lastIndexOf('demo result'));
    for (const stage of [
      'v1.0.0: build',
      'v1.1.0: canary production -> promoted',
      'v1.2.0: canary production -> aborted',
      'v1.2.0: rollback staging -> 1.1.0',
      'v1.2.0: staging answers 1.1.0 again',
    ]) expect(table).toMatch(new RegExp(`'${stage.replace(/[.()>-]/g, '\\$&')}'\\s*│ 'yes'`));
    expect(table).not.toContain("'NO'");
    // each stage's summary was printed
    expect(out).toContain('──── summary ────');
    expect(out).toMatch(/Aborted|aborted/);
  }, 240_000);
});
