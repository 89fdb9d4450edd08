import { NOT_FOUND_EXIT_CODE, runArgv } from '../core/exec.js';
import { CommandError } from './errors.js';

/** What a finished command left behind. */
export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Called with output as it arrives (build logs are long; the runner log should see them live). */
  onOutput?: (chunk: string) => void;
  /** How errors name the command (`buildah push`); default the program and its first argument. */
  label?: string;
}

/**
 * The seam through which src/build runs programs: argv only, never a shell. A program that is
 * not installed answers exit code 127 instead of throwing, so callers can probe for tools.
 */
export type Exec = (command: string, args: readonly string[], options?: ExecOptions) => Promise<ExecResult>;

/** Exit code reported when the program could not be started at all (not installed). */
export { NOT_FOUND_EXIT_CODE };

export const spawnExec: Exec = async (command, args, options = {}) => {
  const onOutput = options.onOutput;
  const result = await runArgv(command, args, {
    cwd: options.cwd,
    baseEnv: options.env ?? process.env,
    onLine: onOutput ? (line) => onOutput(`${line}\n`) : null,
  });
  return { exitCode: result.code, stdout: result.stdout, stderr: result.stderr };
};

/** Runs a command and throws a CommandError (with the tail of its stderr) unless it exits 0. */
export async function execChecked(
  exec: Exec,
  command: string,
  args: readonly string[],
  options?: ExecOptions,
): Promise<ExecResult> {
  const result = await exec(command, args, options);
  if (result.exitCode !== 0) {
    const tail = (result.stderr || result.stdout).trim().split('\n').slice(-15).join('\n');
    throw new CommandError(
      `${options?.label ?? `${command} ${args[0] ?? ''}`.trim()} failed with exit code ${result.exitCode}${tail ? `:\n${tail}` : ''}`,
      command,
      args,
      result.exitCode,
      result.stderr,
    );
  }
  return result;
}
