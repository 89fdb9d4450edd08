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
