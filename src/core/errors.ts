/**
 * A mistake of the user's (bad input, a refused policy, a failing command they wrote): reported as
 * one clear line, without a stack trace. Anything else that escapes an action is treated as a bug.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
