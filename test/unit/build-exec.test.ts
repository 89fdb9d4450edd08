import { describe, expect, it } from 'vitest';
import { CommandError } from '../../src/build/errors.js';
import { execChecked, NOT_FOUND_EXIT_CODE, spawnExec } from '../../src/build/exec.js';

const NODE = process.execPath;

describe('spawnExec', () => {
  it('passes argv without a shell and collects both streams', async () => {
    const seen: string[] = [];
    const result = await spawnExec(
      NODE,
      ['-e', 'process.stdout.write(process.argv[1]); process.stderr.write("err"); process.exit(3)', '$(echo hi) `x` ; | *'],
      { onOutput: (chunk) => seen.push(chunk) },
    );
    expect(result).toEqual({ exitCode: 3, stdout: '$(echo hi) `x` ; | *', stderr: 'err' });
    expect(seen.join('')).toContain('err');
  });

  it('answers 127 for a program that is not installed', async () => {
    const result = await spawnExec('shipline-no-such-program', ['--version']);
    expect(result.exitCode).toBe(NOT_FOUND_EXIT_CODE);
    expect(result.stderr).toMatch(/not found/);
  });

  it('runs in the given directory with the given environment', async () => {
    const result = await spawnExec(NODE, ['-e', 'process.stdout.write(process.cwd() + "|" + process.env.SHIPLINE_TEST)'], {
      cwd: '/',
      env: { SHIPLINE_TEST: 'yes' },
    });
    expect(result.stdout).toBe('/|yes');
  });
});

describe('execChecked', () => {
  it('returns the result on success and throws a CommandError with the stderr tail otherwise', async () => {
    expect((await execChecked(spawnExec, NODE, ['-e', 'console.log("ok")'])).stdout).toBe('ok\n');
    const failing = execChecked(spawnExec, NODE, ['-e', 'console.error("line 1\\nline 2"); process.exit(2)']);
    await expect(failing).rejects.toBeInstanceOf(CommandError);
    await expect(execChecked(spawnExec, NODE, ['-e', 'console.error("boom"); process.exit(2)'])).rejects.toThrow(
      /failed with exit code 2:\nboom/,
    );
  });
});
