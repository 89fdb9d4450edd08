import type { CommandOptions, CommandResult, Exec } from '../core/exec.js';

export { BuildConfigError } from '../core/errors.js';

/** A tool shipline ran (git, buildah, docker) failed; the message carries its command and output. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  constructor(
    message: string,
    readonly command: string,
    readonly args: readonly string[],
    readonly exitCode: number,
    readonly stderr: string,
  ) {
    super(message);
  }
}

/**
 * Runs a program through the runtime's exec (argv, no shell; its output to `onLine` only, none by
 * default) and throws a CommandError (with the tail of its stderr) unless it exits 0.
 */
export async function execChecked(
  exec: Exec,
  command: string,
  args: readonly string[],
  options: CommandOptions & { label?: string } = {},
): Promise<CommandResult> {
  const { label, ...opts } = options;
  const result = await exec.argv(command, args, { ...opts, onLine: opts.onLine ?? null });
  if (result.code !== 0) {
    const tail = (result.stderr || result.stdout).trim().split('\n').slice(-15).join('\n');
    throw new CommandError(
      `${label ?? `${command} ${args[0] ?? ''}`.trim()} failed with exit code ${result.code}${tail ? `:\n${tail}` : ''}`,
      command,
      args,
      result.code,
      result.stderr,
    );
  }
  return result;
}
