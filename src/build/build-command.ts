import { UserError } from '../core/errors.js';
import { processExec, type Exec } from '../core/exec.js';
import type { ResolvedVersion } from './version.js';

export interface BuildCommandFacts {
  resolved: ResolvedVersion;
  commit: string;
  ref: string;
  image?: string;
}

/** The values a build-command sees: environment variables only, never pasted into its text. */
export function buildCommandEnv(facts: BuildCommandFacts): Record<string, string> {
  return {
    SHIPLINE_VERSION: facts.resolved.version,
    SHIPLINE_CHANNEL: facts.resolved.channel,
    SHIPLINE_TAGS: facts.resolved.tags.join(' '),
    SHIPLINE_COMMIT: facts.commit,
    SHIPLINE_REF: facts.ref,
    ...(facts.image ? { SHIPLINE_IMAGE: facts.image } : {}),
  };
}

export interface BuildCommandOptions {
  cwd: string;
  env: Record<string, string>;
  signal?: AbortSignal;
  onLine?: (line: string) => void;
  /** How the command runs (the runtime's exec). */
  exec?: Exec;
}

const TAIL_LINES = 15;

/**
 * Runs the user's build-command through the shell in the workspace, its output streamed to the
 * log. A non-zero exit is the user's failure: the error names the input, the exit code and the
 * last lines of the output. Resolves to the duration in milliseconds.
 */
export async function runBuildCommand(command: string, options: BuildCommandOptions): Promise<number> {
  const result = await (options.exec ?? processExec).shell(command, {
    cwd: options.cwd,
    env: options.env,
    signal: options.signal,
    tailLines: TAIL_LINES,
    ...(options.onLine ? { onLine: options.onLine } : {}),
  });
  if (result.code !== 0) {
    const tail = result.tail.filter((line) => line.trim() !== '');
    const seconds = (result.durationMs / 1000).toFixed(1);
    throw new UserError(
      `Input "build-command" failed with exit code ${result.code} after ${seconds}s` +
        (tail.length ? `. Last lines of its output:\n${tail.join('\n')}` : ' and printed nothing.'),
    );
  }
  return result.durationMs;
}
