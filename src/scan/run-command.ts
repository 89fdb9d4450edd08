import { spawn } from 'node:child_process';

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

export const runCommand: CommandRunner = (file, args, options) =>
  new Promise((resolve) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let error: string | undefined;
    const child = spawn(file, [...args], { cwd: options.cwd, env: options.env, shell: false, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      error = `timed out after ${options.timeoutMs} ms`;
      child.kill('SIGTERM');
    }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (err: NodeJS.ErrnoException) => {
      error = err.code === 'ENOENT' ? `${file} not found on PATH` : err.message;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const result: CommandResult = {
        exitCode: error ? null : code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      };
      if (error) result.error = error;
      resolve(result);
    });
  });
