/**
 * A mistake of the user's (bad input, a refused policy, a failing command they wrote): reported as
 * one clear line, without a stack trace. Anything else that escapes an action is treated as a bug.
 */
export class UserError extends Error {
  override readonly name: string = 'UserError';
}

/**
 * A failure of something outside shipline (GitHub's API after its retries, the network, a file that
 * cannot be read or parsed): one line naming the failing party and what to do, without a stack.
 * The message is built by the code that knows the party, never by editing another error's text.
 */
export class OutsideError extends Error {
  override readonly name: string = 'OutsideError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}

export function isOutsideError(err: unknown): err is OutsideError {
  return err instanceof OutsideError;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The `code` of a Node.js system error (`ENOENT`, `EISDIR`, `EACCES`...), if it is one. */
export function errnoCode(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
