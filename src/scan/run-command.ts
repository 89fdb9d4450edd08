import { runArgv } from '../core/exec.js';

export interface CommandResult {
  /** Exit code; null when the process was killed or never started. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Set when the command could not be started or was stopped (e.g. ENOENT, timeout). */
  error?: string;
}

export interface CommandOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

/** Runs a program with an argv array (no shell) and collects its output. The seam tests may swap. */
export type CommandRunner = (file: string, args: readonly string[], options: CommandOptions) => Promise<CommandResult>;

export const runCommand: CommandRunner = async (file, args, options) => {
  const result = await runArgv(file, args, { cwd: options.cwd, baseEnv: options.env, timeoutMs: options.timeoutMs, onLine: null });
  const error = result.notFound ? `${file} not found on PATH` : result.timedOut ? `timed out after ${options.timeoutMs} ms` : undefined;
  return { exitCode: error ? null : result.code, stdout: result.stdout, stderr: result.stderr, ...(error ? { error } : {}) };
};
