import { describe, expect, it } from 'vitest';
import { CommandError, execChecked } from '../../src/build/errors.js';
import { NOT_FOUND_EXIT_CODE, processExec } from '../../src/core/exec.js';

const NODE = process.execPath;

// How the build runs programs: the runtime's exec (processExec in production).
describe('processExec.argv, as the build uses it', () => {
  it('passes argv without a shell and collects both streams', async () => {
    const seen: string[] = [];
    const result = await processExec.argv(
      NODE,
      ['-e', 'process.stdout.write(process.argv[1]); process.stderr.write("err"); process.exit(3)', '$(echo hi) `x` ; | *'],
      { onLine: (line) => seen.push(line) },
    );
    expect(result).toMatchObject({ code: 3, stdout: '$(echo hi) `x` ; | *', stderr: 'err' });
    expect(seen.join('\n')).toContain('err');
  });

  it('answers 127 for a program that is not installed', async () => {
    const result = await processExec.argv('shipline-no-such-program', ['--version'], { onLine: null });
    expect(result.code).toBe(NOT_FOUND_EXIT_CODE);
    expect(result.stderr).toMatch(/not found/);
  });

  it('runs in the given directory with the given environment', async () => {
    const result = await processExec.argv(NODE, ['-e', 'process.stdout.write(process.cwd() + "|" + process.env.SHIPLINE_TEST)'], {
      cwd: '/',
      baseEnv: { SHIPLINE_TEST: 'yes' },
      onLine: null,
    });
    expect(result.stdout).toBe('/|yes');
  });
});

describe('execChecked', () => {
  it('returns the result on success and throws a CommandError with the stderr tail otherwise', async () => {
    expect((await execChecked(processExec, NODE, ['-e', 'console.log("ok")'])).stdout).toBe('ok\n');
    const failing = execChecked(processExec, NODE, ['-e', 'console.error("line 1\\nline 2"); process.exit(2)']);
    await expect(failing).rejects.toBeInstanceOf(CommandError);
    await expect(execChecked(processExec, NODE, ['-e', 'console.error("boom"); process.exit(2)'])).rejects.toThrow(
      /failed with exit code 2:\nboom/,
    );
  });

  it('relays nothing to the step log unless asked', async () => {
    const seen: string[] = [];
    await execChecked(processExec, NODE, ['-e', 'console.log("quiet")']);
    await execChecked(processExec, NODE, ['-e', 'console.log("loud")'], { onLine: (line) => seen.push(line) });
    expect(seen).toEqual(['loud']);
  });
});
