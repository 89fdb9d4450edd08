/**
 * Running kubectl through the runtime's exec (argv, no shell), and the failure that names the
 * command and kubectl's own last words.
 */
import type { CommandResult, Exec } from '../../core/exec.js';
import { OutsideError, UserError } from '../../core/errors.js';
import { formatArgv } from './argv.js';

export interface KubectlRunOptions {
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Standard input (the manifest for `kubectl apply -f -`). */
  input?: string;
}

/** kubectl (the cluster, its API server) failed: an outside failure, one line, no stack. */
export class KubectlError extends OutsideError {
  constructor(
    message: string,
    readonly argv: string[],
    readonly result: CommandResult,
  ) {
    super(message);
  }
}

/** The last non-empty lines of stdout and stderr, which is where kubectl says what went wrong. */
export function lastWords(result: CommandResult, lines = 2): string {
  const tail = (text: string) =>
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(-lines);
  const words = [...tail(result.stdout), ...tail(result.stderr)];
  return words.length > 0 ? words.join(' / ') : `no output, exit code ${result.code}`;
}

export function commandFailed(argv: string[], result: CommandResult): KubectlError {
  return new KubectlError(`\`${formatArgv(argv)}\` failed (exit code ${result.code}): ${lastWords(result)}`, argv, result);
}

/**
 * Runs one command line whose first word is the program (kubectl), its output collected, not
 * relayed. Not installed: a UserError saying what to install; stopped at its timeout: said at the
 * end of stderr, where lastWords finds it.
 */
export async function runKubectl(exec: Exec, argv: string[], opts: KubectlRunOptions = {}): Promise<CommandResult> {
  const [file, ...args] = argv;
  const result = await exec.argv(file!, args, {
    baseEnv: opts.env ?? process.env,
    timeoutMs: opts.timeoutMs,
    input: opts.input ?? '',
    onLine: null,
  });
  if (result.notFound) {
    throw new UserError(`${file} was not found on PATH: install kubectl (and a kubeconfig in KUBECONFIG) before this step`);
  }
  return result.timedOut ? { ...result, stderr: `${result.stderr}\n${file} was stopped after ${opts.timeoutMs} ms` } : result;
}
