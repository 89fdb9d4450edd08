/**
 * The canary's traffic steps: weights in percent that rise strictly, each 1..100, the last 100
 * (the canary is promoted only after it carried all traffic). `10,25,50,100` or a YAML list.
 * One `pause` may stand between two weights (`10,25,pause,100`): the canary holds its weight
 * there and waits for a later run to promote or abort it.
 */
import { z } from 'zod';
import { listItems, type Field } from '../core/fields.js';

export const DEFAULT_STEPS = [10, 25, 50, 100];
export const STEPS_FORM =
  'canary weights in percent, rising, each from 1 to 100, the last 100, with ' +
  'at most one pause between two weights (10,25,50,100 or 10,25,pause,100)';

/** A weight in percent, or the point where the canary waits for a decision. */
export type StepItem = number | 'pause';

export type StepsCheck = { ok: true; steps: StepItem[] } | { ok: false; message: string; index?: number };

/** The weights, and how many of them run before the pause (undefined: no pause). */
export interface StepPlan {
  weights: number[];
  pauseAfter?: number;
}

/** Checks parsed steps (pure); `index` points at the offending step. */
export function checkSteps(items: readonly string[]): StepsCheck {
  if (items.length === 0) return { ok: false, message: 'no steps given' };
  const steps: StepItem[] = [];
  let previous: number | undefined;
  let pauseAt: number | undefined;
  for (const [index, text] of items.entries()) {
    if (text.toLowerCase() === 'pause') {
      if (pauseAt !== undefined)
        return { ok: false, index, message: `a second pause (the first is step ${pauseAt + 1}); at most one pause` };
      if (previous === undefined)
        return { ok: false, index, message: 'pause comes first: the canary must carry traffic before it waits for a decision' };
      pauseAt = index;
      steps.push('pause');
      continue;
    }
    const weight = Number(text.replace(/%$/, ''));
    if (text === '' || !Number.isInteger(weight))
      return { ok: false, index, message: `${JSON.stringify(text)} is not a whole percentage or pause` };
    if (weight < 1 || weight > 100) return { ok: false, index, message: `${weight} is outside 1..100` };
    if (previous !== undefined && weight <= previous) {
      return { ok: false, index, message: `${weight} does not rise above the step before it (${previous}); steps must rise` };
    }
    steps.push(weight);
    previous = weight;
  }
  const last = steps.length - 1;
  if (steps[last] === 'pause')
    return { ok: false, index: last, message: 'pause comes last: the canary must go on to 100 after the decision' };
  if (previous !== 100) {
    return {
      ok: false,
      index: last,
      message: `the last step is ${previous}, not 100: the canary must carry all traffic before it is promoted`,
    };
  }
  return { ok: true, steps };
}

/** Splits checked steps into the weights and the pause's place. */
export function stepPlan(steps: readonly StepItem[]): StepPlan {
  const weights = steps.filter((s): s is number => s !== 'pause');
  const at = steps.indexOf('pause');
  return at < 0 ? { weights } : { weights, pauseAfter: at };
}

/** `10,25,pause,100`: the form the steps are written in (and kept in a canary's record). */
export const formatSteps = (steps: readonly StepItem[]): string => steps.join(',');

/** The `steps` input: comma- or line-separated text, or a YAML list in the config file. */
export function stepsField(): Field<StepItem[]> & { default: StepItem[] } {
  const schema = z.unknown().transform((value, ctx) => {
    const split = listItems(value);
    if (!split.ok) {
      ctx.issues.push({ code: 'custom', message: split.message, input: value, ...(split.path ? { path: split.path } : {}) });
      return z.NEVER;
    }
    const result = checkSteps(split.items.map((i) => i.text));
    if (result.ok) return result.steps;
    // The step's place in a YAML list (empty entries are skipped), or among the written steps.
    const at = result.index === undefined ? undefined : (split.items[result.index]?.path[0] ?? result.index);
    ctx.issues.push({ code: 'custom', message: result.message, input: value, ...(at !== undefined ? { path: [at] } : {}) });
    return z.NEVER;
  });
  return { schema, form: STEPS_FORM, default: DEFAULT_STEPS };
}
