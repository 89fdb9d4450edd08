import * as core from './runner-io.js';
import type { z } from 'zod';
import { lookupConfig, loadConfig, type ConfigFile } from './config.js';
import { InputError } from './errors.js';
import type { Field, Fields, Settings } from './fields.js';

/** Reads one raw input the way the runner passes it (`INPUT_<NAME>`, hyphens kept). */
export type InputSource = (name: string) => string;

export const runnerInputs: InputSource = (name) => core.getInput(name);

const camel = (name: string) => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** `steps[2]`, `checks[0].expect.status` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function describeIssue(error: z.ZodError, where: Where, field: Field<unknown>): string {
  const issue = error.issues[0]!;
  const at = formatPath(issue.path);
  let location: string;
  if (where.configPath !== undefined) {
    const path = at === '' ? where.configPath : at.startsWith('[') ? `${where.configPath}${at}` : `${where.configPath}.${at}`;
    location = `Config ${where.file}, ${path}`;
  } else {
    location = at === '' ? `Input "${where.input}"` : `Input "${where.input}" at ${at}`;
  }
  return `${location}: ${issue.message}. Accepted: ${field.form}.`;
}

/** Masks a secret input; each line of a multi-line one too, since the runner masks line by line. */
function maskSecret(text: string): void {
  core.setSecret(text);
  const lines = text.split(/\r\n|\r|\n/).map((l) => l.trim());
  if (lines.length > 1) for (const line of lines) if (line !== '') core.setSecret(line);
}

interface Where {
  input: string;
  file?: string;
  configPath?: string;
}

export interface ReadOptions {
  /** The action's name, for its config section (`environments.<env>.<action>`). */
  action: string;
  source?: InputSource;
  /** The name of the input that selects the config environment (usually `environment`). */
  environmentInput?: string;
  cwd?: string;
}

/**
 * Parses every input of an action into one typed settings object before anything else happens.
 * An input given in the workflow wins over the config file; the first problem fails with one
 * message naming the input (or the config path), the problem and the accepted form.
 */
export function readSettings<F extends Fields>(fields: F, opts: ReadOptions): Settings<F> {
  const source = opts.source ?? runnerInputs;
  const raw = (name: string) => (name in fields ? source(name).trim() : '');
  let config: ConfigFile | undefined;
  if ('config' in fields) config = loadConfig(raw('config') || undefined, opts.cwd);
  const environment = opts.environmentInput ? raw(opts.environmentInput) || undefined : undefined;

  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    const text = raw(name);
    let value: unknown;
    let where: Where;
    if (text !== '') {
      value = text;
      where = { input: name };
      if (field.secret) maskSecret(text);
    } else {
      const fromConfig = field.configurable === false ? undefined : lookupConfig(config, opts.action, name, environment);
      if (!fromConfig) {
        if (field.required) throw new InputError(name, `Input "${name}" is required. Accepted: ${field.form}.`);
        out[camel(name)] = field.default;
        continue;
      }
      value = fromConfig.value;
      where = { input: name, file: config!.path, configPath: fromConfig.path };
    }
    const result = field.schema.safeParse(value);
    if (!result.success) throw new InputError(name, describeIssue(result.error, where, field));
    out[camel(name)] = result.data;
  }
  return out as Settings<F>;
}
