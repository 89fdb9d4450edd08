/**
 * How an expected failure is reported. Anything thrown that is not an ExpectedFailure is a bug:
 * printed with "failed unexpectedly" and its stack.
 * - `input`: an input (or config value) is wrong; `input` names it and the message the accepted form.
 * - `refused`: what was asked is refused or failed for a reason of the user's (a policy, a paused
 *   canary, blocking findings, a command they wrote that failed, their app that never got healthy).
 * - `outside`: something outside shipline failed (GitHub's API after its retries, the network,
 *   kubectl and the cluster, HAProxy's socket, Prometheus, a file that cannot be read): the message
 *   names the failing party and what to do. Cleanups run (as for a bug) to leave a safe state.
 * Every kind is one `::error::` line without a stack.
 */
export type FailureKind = 'input' | 'refused' | 'outside';

/**
 * The one expected-failure type. `failureKind` is its kind (not `kind`: several subclasses keep
 * their own detailed `kind`, e.g. HaproxyError's `unreachable`). The message is built by the code
 * that knows what failed, never by editing another error's text.
 */
export class ExpectedFailure extends Error {
  override readonly name: string = 'ExpectedFailure';
  readonly failureKind: FailureKind;
  /** The input the failure is about, where there is one. */
  readonly input?: string;
  constructor(failure: FailureKind, message: string, options?: { input?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.failureKind = failure;
    if (options?.input !== undefined) this.input = options.input;
  }
}

/**
 * A mistake of the user's (bad input, a refused policy, a failing command they wrote): an
 * ExpectedFailure of kind `input` when it names an input, `refused` otherwise.
 */
export class UserError extends ExpectedFailure {
  override readonly name: string = 'UserError';
  constructor(message: string, options?: { input?: string; cause?: unknown }) {
    super(options?.input !== undefined ? 'input' : 'refused', message, options);
  }
}

/**
 * A mistake in what the user asked the build action to do (a bad input, a ref that names no
 * version, a glob that matches nothing). The message is written for the user: it names the
 * input or value and the accepted form. Anything else thrown from src/build is a bug.
 * Here, below build, because the build manifest (src/records/) that later stages read throws it too.
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

/** A bad input: `Input "<name>": <problem>. Accepted: <form>.` as the message, the name kept. */
export class InputError extends UserError {
  override readonly name: string = 'InputError';
  constructor(input: string, message: string, options?: { cause?: unknown }) {
    super(message, { ...options, input });
  }
}

/**
 * A failure of something outside shipline (GitHub's API after its retries, the network, a file that
 * cannot be read or parsed, a cluster or proxy): an ExpectedFailure of kind `outside`.
 */
export class OutsideError extends ExpectedFailure {
  override readonly name: string = 'OutsideError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('outside', message, options);
  }
}

/** The kind of an expected failure, or `bug` for anything else. */
export function kindOfFailure(err: unknown): FailureKind | 'bug' {
  return err instanceof ExpectedFailure ? err.failureKind : 'bug';
}

/** An expected failure of the user's (`input` or `refused`). */
export function isUserError(err: unknown): err is ExpectedFailure {
  const kind = kindOfFailure(err);
  return kind === 'input' || kind === 'refused';
}

export function isOutsideError(err: unknown): err is ExpectedFailure {
  return kindOfFailure(err) === 'outside';
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The `code` of a Node.js system error (`ENOENT`, `EISDIR`, `EACCES`...), if it is one. */
export function errnoCode(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
