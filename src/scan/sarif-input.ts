import * as f from '../core/fields.js';

export const SARIF_INPUT_FORM = 'SARIF file paths, directories or globs, one a line or separated by commas (reports/*.sarif)';

/**
 * Splits the `sarif:` input into patterns by the one list grammar (core/fields.ts): one a line, or
 * separated by commas outside braces, so `reports/*.{sarif,json}` stays one glob.
 */
export function splitPatterns(text: string): string[] {
  return f.splitList(text);
}

/** The `sarif:` field: text as above, or a YAML list in the config file. */
export function sarifPatternsField() {
  return f.list({ form: SARIF_INPUT_FORM, default: [] as string[] });
}
