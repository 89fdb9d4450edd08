/**
 * Running kubectl: the exec seam (by default a child process, no shell) and the failure that
 * names the command and kubectl's own last words.
 */
import { runArgv } from '../../core/exec.js';
import { OutsideError, UserError } from '../../core/errors.js';
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

/** kubectl (the cluster, its API server) failed: an outside failure, one line, no stack. */
export class KubectlError extends OutsideError {
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

/** The default seam: runs argv[0] without a shell and collects its output. */
export const spawnKubectl: KubectlExec = async (argv, opts) => {
  const [file, ...args] = argv;
  const result = await runArgv(file!, args, { baseEnv: opts.env ?? process.env, timeoutMs: opts.timeoutMs, input: opts.input ?? '', onLine: null });
  if (result.notFound) {
    throw new UserError(`${file} was not found on PATH: install kubectl (and a kubeconfig in KUBECONFIG) before this step`);
  }
  const stderr = result.timedOut ? `${result.stderr}\n${file} was stopped after ${opts.timeoutMs} ms` : result.stderr;
  return { code: result.code, stdout: result.stdout, stderr };
};
