/**
 * Running kubectl: the exec seam (by default a child process, no shell) and the failure that
 * names the command and kubectl's own last words.
 */
import { spawn } from 'node:child_process';
import { UserError } from '../../core/errors.js';
import { formatArgv } from './argv.js';

export interface KubectlResult {
  /** Exit code; a run stopped at its timeout or by a signal reports a non-zero code. */
  code: number;
  stdout: string;
  stderr: string;
}

export interface KubectlRunOptions {
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Standard input (the manifest for `kubectl apply -f -`). */
  input?: string;
}

/** Runs one command line whose first word is the program. */
export type KubectlExec = (argv: string[], opts: KubectlRunOptions) => Promise<KubectlResult>;

export class KubectlError extends UserError {
  constructor(
    message: string,
    readonly argv: string[],
    readonly result: KubectlResult,
  ) {
    super(message);
  }
}

/** The last non-empty lines of stdout and stderr, which is where kubectl says what went wrong. */
export function lastWords(result: KubectlResult, lines = 2): string {
  const tail = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean).slice(-lines);
  const words = [...tail(result.stdout), ...tail(result.stderr)];
  return words.length > 0 ? words.join(' / ') : `no output, exit code ${result.code}`;
}

export function commandFailed(argv: string[], result: KubectlResult): KubectlError {
  return new KubectlError(`\`${formatArgv(argv)}\` failed (exit code ${result.code}): ${lastWords(result)}`, argv, result);
}

/** The default seam: spawns argv[0] without a shell and collects its output. */
export const spawnKubectl: KubectlExec = (argv, opts) =>
  new Promise((resolve, reject) => {
    const [file, ...args] = argv;
    const child = spawn(file!, args, { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer =
      opts.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 2_000).unref();
          }, opts.timeoutMs);
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (err.code === 'ENOENT') {
        reject(new UserError(`${file} was not found on PATH: install kubectl (and a kubeconfig in KUBECONFIG) before this step`));
      } else reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) stderr += `\n${file} was stopped after ${opts.timeoutMs} ms`;
      resolve({ code: code ?? (signal ? 128 + 15 : 1), stdout, stderr });
    });
    child.stdin.on('error', () => {
      // kubectl may exit before reading its input; the exit code tells what happened.
    });
    child.stdin.end(opts.input ?? '');
  });
