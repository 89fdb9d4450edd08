import { spawn } from 'node:child_process';
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
export const NOT_FOUND_EXIT_CODE = 127;

export const spawnExec: Exec = (command, args, options = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      out.push(chunk);
      options.onOutput?.(chunk.toString('utf8'));
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err.push(chunk);
      options.onOutput?.(chunk.toString('utf8'));
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        resolve({ exitCode: NOT_FOUND_EXIT_CODE, stdout: '', stderr: `${command}: command not found` });
      } else {
        reject(error);
      }
    });
    child.on('close', (code, signal) => {
      resolve({
        exitCode: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });

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
