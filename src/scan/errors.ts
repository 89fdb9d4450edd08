/**
 * A problem with what the user gave the scan (a file that is not SARIF, a bad ignore entry, an audit
 * that was required and could not run): reported as one clear message, without a stack trace.
 */
export class ScanError extends Error {
  override readonly name = 'ScanError';
}
