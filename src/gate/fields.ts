import { z } from 'zod';
import { DURATION_FORM, parseDuration } from '../core/duration.js';
import { listItems, quote, type Field, type ListItem } from '../core/fields.js';
import { ENVIRONMENT_PATTERN } from '../core/common-fields.js';
import { FREEZE_FORM, parseFreezeWindow, type FreezeWindow } from './freeze.js';

/**
 * The items of a list setting, by the one list grammar (core/fields.ts) with the gate's options:
 * blank lines and `#` comments are layout, but an empty item between separators (`staging,,qa`),
 * an empty config value (`require-successful: ''`) or an empty entry of a YAML list is refused: it
 * hides a name that is missing, and a gate must not quietly check less than was written. `none`
 * says "no entries" on purpose (to switch off what the config file sets).
 */
function items(value: unknown, commas: boolean, what: string, ctx: z.RefinementCtx): ListItem[] | undefined {
  const result = listItems(value, { commas, comments: true, none: true, refuseEmpty: { what } });
  if (result.ok) return result.items;
  ctx.addIssue({ code: 'custom', message: result.message, ...(result.path ? { path: result.path } : {}) });
  return undefined;
}

/** `require-successful`: environments, one a line or separated by commas, or `none`. */
export const requireSuccessfulField: Field<string[]> = {
  form: 'environment names one a line or separated by commas (staging, qa), or none',
  schema: z.unknown().transform((value, ctx) => {
    const list = items(value, true, 'the environments', ctx);
    if (!list) return z.NEVER;
    const bad = list.find((i) => !ENVIRONMENT_PATTERN.test(i.text));
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
    const list = items(value, false, 'the windows', ctx);
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
