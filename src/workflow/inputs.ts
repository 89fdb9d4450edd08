// A workflow's inputs: `workflow_call` inputs and secrets (with their defaults and `required`),
// `workflow_dispatch` inputs (choices, booleans). Checked before anything runs.
import type { WorkflowTemplate } from '@actions/workflow-parser/model/workflow-template';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { asString, type Contexts, type Json } from './expressions.js';
import { field, valueOf } from './tokens.js';
import { WorkflowError } from './load.js';

type Definition = { type?: string; required?: boolean; default?: unknown; options?: string[] };

function typed(name: string, def: Definition, value: Json, where: string): Json {
  const type = def.type ?? 'string';
  if (type === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw new WorkflowError(`${where}: input ${name} must be a boolean (true or false), got ${JSON.stringify(value)}`);
  }
  if (type === 'number') {
    const n = typeof value === 'number' ? value : Number(value);
    if ((typeof value === 'string' && value.trim() === '') || Number.isNaN(n))
      throw new WorkflowError(`${where}: input ${name} must be a number, got ${JSON.stringify(value)}`);
    return n;
  }
  if (type === 'choice' && def.options && !def.options.includes(asString(value))) {
    throw new WorkflowError(`${where}: input ${name} must be one of ${def.options.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return asString(value);
}

/** The `inputs` context for this event, from the values given (strings or the caller's values). */
export function resolveInputs(
  wf: { template: WorkflowTemplate; raw: TemplateToken },
  event: string,
  given: Record<string, Json>,
  github: Contexts,
  where: string,
): Record<string, Json> {
  const template = wf.template;
  // Defaults from the file itself: the model keeps neither number defaults nor expressions.
  const defaultOf = (name: string) => {
    const token = field(field(field(field(wf.raw, 'on'), event), 'inputs'), name);
    const d = field(token, 'default');
    return d ? valueOf(d, github) : undefined;
  };
  const defs = ((event === 'workflow_call'
    ? template.events.workflow_call?.inputs
    : event === 'workflow_dispatch'
      ? template.events.workflow_dispatch?.inputs
      : undefined) ?? {}) as Record<string, Definition>;
  for (const name of Object.keys(given)) {
    if (!(name in defs)) {
      const known = Object.keys(defs);
      throw new WorkflowError(
        `${where}: input ${name} is not defined for ${event}${known.length ? ` (inputs: ${known.join(', ')})` : ' (it has no inputs)'}`,
      );
    }
  }
  const out: Record<string, Json> = {};
  for (const [name, def] of Object.entries(defs)) {
    if (name in given) out[name] = typed(name, def, given[name]!, where);
    else {
      const d = defaultOf(name);
      if (d === undefined && def.required)
        throw new WorkflowError(
          `${where}: input ${name} is required (give it with --input ` +
            `${name}=VALUE${event === 'workflow_call' ? ' or with: in the calling job' : ''})`,
        );
      out[name] = typed(name, def, d ?? (def.type === 'boolean' ? false : def.type === 'number' ? 0 : ''), where);
    }
  }
  return out;
}

/** The `secrets` context of a called workflow: required ones must be there. */
export function resolveSecrets(
  template: WorkflowTemplate,
  event: string,
  given: Record<string, string>,
  where: string,
): Record<string, string> {
  if (event !== 'workflow_call') return given;
  for (const [name, def] of Object.entries(template.events.workflow_call?.secrets ?? {})) {
    if (def.required && !given[name])
      throw new WorkflowError(`${where}: secret ${name} is required (give it with --secret ${name}=VALUE or secrets: in the calling job)`);
  }
  return given;
}
