// Expressions are evaluated by GitHub's own evaluator (@actions/expressions); this file only
// turns contexts into its data and its results back into values, and supplies the status functions.
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { truthy } from '@actions/expressions/result';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Contexts = Record<string, Json>;

/** What the status functions answer where the expression is evaluated (a job's `if:` or a step's). */
export interface Status {
  success: boolean;
  failure: boolean;
  cancelled: boolean;
}

const STATUS_FUNCTIONS = ['success', 'failure', 'cancelled', 'always'] as const;

export function toData(value: Json | undefined): data.ExpressionData {
  return JSON.parse(JSON.stringify(value ?? null), data.reviver) as data.ExpressionData;
}

export function toJson(d: data.ExpressionData): Json {
  switch (d.kind) {
    case data.Kind.Null:
      return null;
    case data.Kind.Boolean:
    case data.Kind.Number:
    case data.Kind.String:
      return (d as data.BooleanData | data.NumberData | data.StringData).value;
    case data.Kind.Array:
      return (d as data.Array).values().map(toJson);
    default:
      return Object.fromEntries((d as data.Dictionary).pairs().map((p) => [p.key, toJson(p.value)]));
  }
}

/** A value as the runner turns it into a string (an input, an env variable, an output). */
export function asString(value: Json | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return JSON.stringify(value, null, 2);
}

export class ExpressionFailure extends Error {}

/** Evaluates one expression (without `${{ }}`) against the contexts. */
export function evaluate(expression: string, contexts: Contexts, status?: Status): Json {
  const functions = new Map<string, FunctionDefinition>();
  const answer = (name: (typeof STATUS_FUNCTIONS)[number]) => {
    if (name === 'always') return true;
    if (!status) throw new ExpressionFailure(`${name}() may only be used in an if: condition`);
    return status[name];
  };
  for (const name of STATUS_FUNCTIONS) {
    functions.set(name, { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(answer(name)) });
  }
  try {
    const tokens = new Lexer(expression).lex().tokens;
    const ast = new Parser(tokens, Object.keys(contexts), [...functions.values()]).parse();
    const context = toData(contexts as Json) as data.Dictionary;
    return toJson(new Evaluator(ast, context, functions).evaluate());
  } catch (err) {
    if (err instanceof ExpressionFailure) throw err;
    throw new ExpressionFailure(`cannot evaluate \${{ ${expression} }}: ${(err as Error).message}`);
  }
}

/** An `if:` condition, true or false the way GitHub decides it. */
export function condition(expression: string, contexts: Contexts, status: Status): boolean {
  return truthy(toData(evaluate(expression, contexts, status)));
}
