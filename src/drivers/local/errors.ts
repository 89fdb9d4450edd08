import { ExpectedFailure, type FailureKind } from '../../core/errors.js';

/**
 * Why the local driver refused or failed:
 * - `settings`: a setting is missing or malformed (no `command`, a bad port...);
 * - `unhealthy`: the new version did not answer its health path in time, or exited;
 * - `no-stable`: a canary was asked for where no version is deployed yet;
 * - `no-canary`: a weight or a promotion was asked for where no canary runs;
 * - `proxy`: the weighted proxy did not start or did not take the new routes;
 * - `state`: the state file is unreadable.
 */
export type LocalErrorKind = 'settings' | 'unhealthy' | 'no-stable' | 'no-canary' | 'proxy' | 'state';

/** The user's settings and app are theirs; the weighted proxy and the state file are outside. */
const FAILURE: Record<LocalErrorKind, FailureKind> = {
  settings: 'refused',
  unhealthy: 'refused',
  'no-stable': 'refused',
  'no-canary': 'refused',
  proxy: 'outside',
  state: 'outside',
};

export class LocalDriverError extends ExpectedFailure {
  override readonly name: string = 'LocalDriverError';
  readonly kind: LocalErrorKind;

  constructor(kind: LocalErrorKind, message: string) {
    super(FAILURE[kind], message);
    this.kind = kind;
  }
}
