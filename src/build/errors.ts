import { UserError } from '../core/errors.js';

/**
 * A mistake in what the user asked the build action to do (a bad input, a ref that names no
 * version, a glob that matches nothing). The message is written for the user: it names the
 * input or value and the accepted form. Anything else thrown from src/build is a bug.
 */
export class BuildConfigError extends UserError {
  override readonly name: string = 'BuildConfigError';
  /** The problem alone, where the message also names the input (`input`) or the accepted form. */
  readonly problem: string;
  constructor(message: string, parts?: { input?: string; problem: string }) {
    super(message, parts?.input !== undefined ? { input: parts.input } : undefined);
    this.problem = parts?.problem ?? message;
  }
}

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
