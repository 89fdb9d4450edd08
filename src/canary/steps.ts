/**
 * The canary's traffic steps: weights in percent that rise strictly, each 1..100, the last 100
 * (the canary is promoted only after it carried all traffic). `10,25,50,100` or a YAML list.
 */
import { z } from 'zod';
import type { Field } from '../core/fields.js';

export const DEFAULT_STEPS = [10, 25, 50, 100];
export const STEPS_FORM = 'canary weights in percent, rising, each from 1 to 100, the last 100 (10,25,50,100)';

export type StepsCheck = { ok: true; steps: number[] } | { ok: false; message: string; index?: number };

/** Checks parsed weights (pure); `index` points at the offending step. */
export function checkSteps(items: readonly string[]): StepsCheck {
  if (items.length === 0) return { ok: false, message: 'no steps given' };
  const steps: number[] = [];
  for (const [index, text] of items.entries()) {
    const weight = Number(text.replace(/%$/, ''));
    if (text === '' || !Number.isInteger(weight)) return { ok: false, index, message: `${JSON.stringify(text)} is not a whole percentage` };
    if (weight < 1 || weight > 100) return { ok: false, index, message: `${weight} is outside 1..100` };
    const previous = steps[index - 1];
    if (previous !== undefined && weight <= previous) {
      return { ok: false, index, message: `${weight} does not rise above the step before it (${previous}); steps must rise` };
    }
    steps.push(weight);
  }
  if (steps[steps.length - 1] !== 100) {
    return { ok: false, index: steps.length - 1, message: `the last step is ${steps[steps.length - 1]}, not 100: the canary must carry all traffic before it is promoted` };
  }
  return { ok: true, steps };
}

/** The `steps` input: comma- or line-separated text, or a YAML list in the config file. */
export function stepsField(): Field<number[]> & { default: number[] } {
  const schema = z.unknown().transform((value, ctx) => {
    const items = Array.isArray(value)
      ? value.map((v) => String(v).trim())
      : String(value)
          .split(/[\n,]/)
          .map((s) => s.trim())
          .filter((s) => s !== '');
    const result = checkSteps(items);
    if (result.ok) return result.steps;
    ctx.issues.push({ code: 'custom', message: result.message, input: value, ...(result.index !== undefined ? { path: [result.index] } : {}) });
    return z.NEVER;
  });
  return { schema, form: STEPS_FORM, default: DEFAULT_STEPS };
}
