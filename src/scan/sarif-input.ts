import { z } from 'zod';
import type { Field } from '../core/fields.js';

export const SARIF_INPUT_FORM = 'SARIF file paths, directories or globs, one a line or separated by commas (reports/*.sarif)';

/**
 * Splits the `sarif:` input into patterns: one a line, or separated by commas outside braces, so
 * `reports/*.{sarif,json}` stays one glob.
 */
export function splitPatterns(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    let depth = 0;
    let current = '';
    for (const c of line) {
      if (c === '{') depth++;
      else if (c === '}' && depth > 0) depth--;
      if (c === ',' && depth === 0) {
        out.push(current);
        current = '';
      } else {
        current += c;
      }
    }
    out.push(current);
  }
  return out.map((p) => p.trim()).filter((p) => p !== '');
}

/** The `sarif:` field: text as above, or a YAML list in the config file. */
export function sarifPatternsField(): Field<string[]> & { default: string[] } {
  const schema = z.unknown().transform((value, ctx) => {
    if (Array.isArray(value)) {
      const items = value.map((v) => (typeof v === 'string' ? v.trim() : undefined));
      const bad = items.findIndex((v) => v === undefined);
      if (bad !== -1) {
        ctx.issues.push({ code: 'custom', message: 'each item must be a path or glob as text', input: value, path: [bad] });
        return z.NEVER;
      }
      return items.filter((v): v is string => v !== undefined && v !== '');
    }
    if (typeof value !== 'string') {
      ctx.issues.push({ code: 'custom', message: 'must be text or a list', input: value });
      return z.NEVER;
    }
    return splitPatterns(value);
  });
  return { schema, form: SARIF_INPUT_FORM, default: [] };
}
