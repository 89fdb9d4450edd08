// Values written in a workflow (scalars, mappings, sequences, `${{ }}`) as plain values, with every
// expression evaluated by expressions.ts.
import { isBasicExpression, isBoolean, isLiteral, isMapping, isNumber, isSequence, isString } from '@actions/workflow-parser';
import { TokenType } from '@actions/workflow-parser/templates/tokens/types';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { asString, evaluate, type Contexts, type Json, type Status } from './expressions.js';

export function valueOf(token: TemplateToken | undefined, contexts: Contexts, status?: Status): Json {
  if (!token || token.templateTokenType === TokenType.Null) return null;
  if (isBasicExpression(token)) return evaluate(token.expression, contexts, status);
  if (isString(token)) return token.value;
  if (isBoolean(token)) return token.value;
  if (isNumber(token)) return token.value;
  if (isSequence(token)) {
    const out: Json[] = [];
    for (let i = 0; i < token.count; i++) out.push(valueOf(token.get(i), contexts, status));
    return out;
  }
  if (isMapping(token)) {
    const out: Record<string, Json> = {};
    for (const pair of token) out[asString(valueOf(pair.key, contexts, status))] = valueOf(pair.value, contexts, status);
    return out;
  }
  if (isLiteral(token)) return String((token as unknown as { value: unknown }).value);
  throw new Error(`cannot read a ${token.typeName()} here`);
}

/** A mapping (`env:`, `with:`, `outputs:`) as strings. */
export function stringMap(token: TemplateToken | undefined, contexts: Contexts, status?: Status): Record<string, string> {
  const value = valueOf(token, contexts, status);
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error('expected a mapping');
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asString(v)]));
}

/** The key `name` of a raw mapping token, if there. */
export function field(token: TemplateToken | undefined, name: string): TemplateToken | undefined {
  return token && isMapping(token) ? token.find(name) : undefined;
}
