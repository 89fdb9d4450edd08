import { InputError } from '../core/errors.js';

/** The scan inputs a ScanError can be about. */
export type ScanInput = 'sarif' | 'ignore-file' | 'npm-audit';

/**
 * A problem with what the user gave the scan (a file that is not SARIF, a bad ignore entry, an audit
 * that was required and could not run): an input error, thrown where the failure is known with the
 * input and the file it is about. Its message is the library's (`<file>: <problem>`); the action
 * words it for the log from these parts (scan-error-message.ts), never by editing that text.
 */
export class ScanError extends InputError {
  override readonly name: string = 'ScanError';
  constructor(
    readonly scanInput: ScanInput,
    /** What is wrong, without the input or the file. */
    readonly problem: string,
    /** The file the problem is in (absolute, as read), where it is about one file. */
    readonly file?: string,
  ) {
    super(scanInput, file !== undefined ? `${file}: ${problem}` : scanInput === 'npm-audit' ? problem : `${scanInput}: ${problem}`);
  }
}
