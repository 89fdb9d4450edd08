import { z } from 'zod';
import { DURATION_FORM, parseDuration } from '../core/duration.js';
import { quote, type Field } from '../core/fields.js';
import { FREEZE_FORM, parseFreezeWindow, type FreezeWindow } from './freeze.js';

const ENVIRONMENT = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,254}$/;

/**
 * The items of a list setting. Text (an input, or a string in the config file) is split by `split`;
 * blank lines are layout and skipped, but an empty item between separators (`staging,,qa`), an
 * empty config value (`require-successful: ''`) or an empty entry of a YAML list is refused: it
 * hides a name that is missing, and a gate must not quietly check less than was written.
 * `none` says "no entries" on purpose (to switch off what the config file sets).
 */
function items(value: unknown, split: RegExp | undefined, what: string, ctx: z.RefinementCtx): { text: string; path: (string | number)[] }[] | undefined {
  if (Array.isArray(value)) {
    const out = value.map((v, i) => ({ text: v === null || v === undefined ? '' : String(v).trim(), path: [i] }));
    const empty = out.find((i) => i.text === '');
    if (empty) {
      ctx.addIssue({ code: 'custom', message: `is empty; name ${what}`, path: empty.path });
      return undefined;
    }
    return out;
  }
  const text = typeof value === 'string' ? value.trim() : String(value ?? '').trim();
  if (text === '') {
    ctx.addIssue({ code: 'custom', message: `is empty; name ${what}, or write none for no policy` });
    return undefined;
  }
  if (text.toLowerCase() === 'none') return [];
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const out: { text: string; path: (string | number)[] }[] = [];
  for (const line of lines) {
    const parts = (split ? line.split(split) : [line]).map((p) => p.trim());
    if (parts.some((p) => p === '')) {
      ctx.addIssue({ code: 'custom', message: `${quote(line)} has an empty entry; name ${what}` });
      return undefined;
    }
    out.push(...parts.map((p) => ({ text: p, path: [] })));
  }
  return out;
}

/** `require-successful`: environments, one a line or separated by commas, or `none`. */
export const requireSuccessfulField: Field<string[]> = {
  form: 'environment names one a line or separated by commas (staging, qa), or none',
  schema: z.unknown().transform((value, ctx) => {
    const list = items(value, /,/, 'the environments', ctx);
    if (!list) return z.NEVER;
    const bad = list.find((i) => !ENVIRONMENT.test(i.text));
    if (bad) {
      ctx.addIssue({ code: 'custom', message: `${quote(bad.text)} is not an environment name`, path: bad.path });
      return z.NEVER;
    }
    return [...new Set(list.map((i) => i.text))];
  }),
};

/** `min-soak`: a duration; days are written in hours. */
export const minSoakField: Field<number> = {
  form: `${DURATION_FORM}; a day is 24h, a week 168h`,
  schema: z.unknown().transform((value, ctx) => {
    const text = String(value ?? '').trim();
    const ms = parseDuration(text);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `${quote(text)} is not a duration` });
      return z.NEVER;
    }
    return ms;
  }),
};

/** `freeze`: windows one a line (or a YAML list in the config file), or `none`. */
export const freezeField: Field<FreezeWindow[]> = {
  form: FREEZE_FORM,
  schema: z.unknown().transform((value, ctx) => {
    const list = items(value, undefined, 'the windows', ctx);
    if (!list) return z.NEVER;
    const windows: FreezeWindow[] = [];
    for (const item of list) {
      const parsed = parseFreezeWindow(item.text);
      if (parsed.ok) windows.push(parsed.window);
      else {
        ctx.addIssue({ code: 'custom', message: `${quote(item.text)}: ${parsed.problems.join('; ')}`, path: item.path });
        return z.NEVER;
      }
    }
    return windows;
  }),
};
