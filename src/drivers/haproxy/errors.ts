import { ExpectedFailure, type FailureKind } from '../../core/errors.js';

/**
 * Why a talk with HAProxy's runtime API failed:
 * - `unreachable`: the admin socket is missing, refuses connections or does not answer in time;
 * - `not_found`: the backend or server named in the settings does not exist in HAProxy's config;
 * - `permission`: the stats socket is not declared with `level admin`;
 * - `rejected`: HAProxy refused the command (its own message is kept);
 * - `mismatch`: HAProxy reports weights other than the ones just set;
 * - `unsupported`: the haproxy driver was asked for something it does not do (deploy code).
 */
export type HaproxyErrorKind = 'unreachable' | 'not_found' | 'permission' | 'rejected' | 'mismatch' | 'unsupported';

/** A backend or server the settings name is the input's fault; HAProxy unreachable or refusing is outside. */
const FAILURE: Record<HaproxyErrorKind, FailureKind> = {
  unreachable: 'outside',
  not_found: 'refused',
  permission: 'outside',
  rejected: 'outside',
  mismatch: 'outside',
  unsupported: 'refused',
};

export class HaproxyError extends ExpectedFailure {
  override readonly name: string = 'HaproxyError';
  readonly kind: HaproxyErrorKind;

  constructor(kind: HaproxyErrorKind, message: string) {
    super(FAILURE[kind], message);
    this.kind = kind;
  }
}
