import { readFileSync, existsSync, statSync } from 'node:fs';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { DURATION_FORM, parseDuration } from './duration.js';
import { describeSyntaxProblem, yamlSyntaxProblem } from './parse-errors.js';
import { redactValue } from './redact.js';

/**
 * One input of an action: how its text (or a config file's native YAML value) becomes a typed
 * value, and the accepted form named in errors. Every field is a zod schema over `unknown`, so the
 * same schema checks `INPUT_*` strings and values from `.github/shipline.yml`.
 */
export interface Field<T> {
  schema: z.ZodType<T, unknown>;
  /** The accepted form, as said in error messages. */
  form: string;
  default?: T;
  required?: boolean;
  /** Never echo the value in messages; mask it in logs. */
  secret?: boolean;
  /** Whether the config file may set it (false for github-token, config, command). */
  configurable?: boolean;
}

export type Fields = Record<string, Field<unknown>>;

type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
type ValueOf<F> = F extends Field<infer T> ? T : never;
type IsDefined<F> = F extends { required: true } ? true : F extends { default: unknown } ? true : false;

type Flatten<T> = { [K in keyof T]: T[K] };

/** The typed settings object: camelCase keys; optional where neither required nor defaulted. */
export type Settings<F extends Fields> = Flatten<
  { [K in keyof F as K extends string ? (IsDefined<F[K]> extends true ? Camel<K> : never) : never]: ValueOf<F[K]> } & {
    [K in keyof F as K extends string ? (IsDefined<F[K]> extends true ? never : Camel<K>) : never]?: ValueOf<F[K]> | undefined;
  }
>;

interface Opts<T> {
  default?: T;
  required?: boolean;
  secret?: boolean;
  configurable?: boolean;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Builds a field from a function of the value's text (config values are turned into text first). */
function scalar<T, O extends Opts<T>>(form: string, parse: (text: string) => Parsed<T>, opts: O): Field<T> & O {
  const schema = z.unknown().transform((value, ctx) => {
    const text = typeof value === 'string' ? value.trim() : String(value);
    const result = parse(text);
    if (result.ok) return result.value;
    ctx.issues.push({ code: 'custom', message: result.message, input: value });
    return z.NEVER;
  });
  return { schema, form, ...opts };
}

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const bad = (message: string): Parsed<never> => ({ ok: false, message });
/**
 * A value quoted in an error message: credentials in a URL hidden first, then cut to 80
 * characters (cutting first could drop the `@` that marks where the password ends).
 */
export const quote = (value: string) => {
  const text = redactValue(value);
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
};

/** A line break or another control character (tab aside): never part of a one-line value. */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f\u0085\u2028\u2029]/;

/**
 * Free text. `line: true` takes one line only (a reason, a name: text printed in the log, where a
 * line break could start a workflow command; a token, which would otherwise fail later as an HTTP
 * header, quoted in that error). A `secret` is never quoted.
 */
export function string<O extends Opts<string> & { pattern?: RegExp; form?: string; line?: boolean }>(opts: O = {} as O): Field<string> & O {
  const form = opts.form ?? (opts.line ? 'one line of text' : 'text');
  return scalar(
    form,
    (text) => {
      if (opts.line && CONTROL.test(text))
        return bad(
          opts.secret
            ? 'has a line break or another control character (the value is not shown)'
            : 'has a line break or another control character',
        );
      if (opts.pattern && !opts.pattern.test(text))
        return bad(opts.secret ? 'is not valid (the value is not shown)' : `${quote(text)} is not valid`);
      return ok(text);
    },
    opts,
  );
}

export function bool<O extends Opts<boolean>>(opts: O = {} as O): Field<boolean> & O {
  return scalar(
    'true or false',
    (text) => (text === 'true' ? ok(true) : text === 'false' ? ok(false) : bad(`${quote(text)} is not a boolean`)),
    opts,
  );
}

export function duration<O extends Opts<number> & { min?: number; max?: number }>(opts: O = {} as O): Field<number> & O {
  return scalar(
    DURATION_FORM,
    (text) => {
      const ms = parseDuration(text);
      if (ms === undefined) return bad(`${quote(text)} is not a duration`);
      if (opts.min !== undefined && ms < opts.min) return bad(`${quote(text)} is shorter than ${opts.min}ms`);
      if (opts.max !== undefined && ms > opts.max) return bad(`${quote(text)} is longer than ${opts.max}ms`);
      return ok(ms);
    },
    opts,
  );
}

export function number<O extends Opts<number> & { min?: number; max?: number; above?: number; below?: number; integer?: boolean }>(
  opts: O = {} as O,
): Field<number> & O {
  const kind = opts.integer ? 'a whole number' : 'a number';
  const low = opts.above !== undefined ? `greater than ${opts.above}` : opts.min !== undefined ? `of at least ${opts.min}` : undefined;
  const high = opts.below !== undefined ? `less than ${opts.below}` : opts.max !== undefined ? `of at most ${opts.max}` : undefined;
  const range =
    opts.min !== undefined && opts.max !== undefined && opts.above === undefined && opts.below === undefined
      ? ` from ${opts.min} to ${opts.max}`
      : low && high
        ? ` ${low} and ${high}`
        : low || high
          ? ` ${low ?? high}`
          : '';
  return scalar(
    `${kind}${range}`,
    (text) => {
      const n = Number(text);
      if (text === '' || !Number.isFinite(n)) return bad(`${quote(text)} is not a number`);
      if (opts.integer && !Number.isInteger(n)) return bad(`${quote(text)} is not a whole number`);
      if (
        (opts.min !== undefined && n < opts.min) ||
        (opts.max !== undefined && n > opts.max) ||
        (opts.above !== undefined && n <= opts.above) ||
        (opts.below !== undefined && n >= opts.below)
      )
        return bad(`${quote(text)} is out of range`);
      return ok(n);
    },
    opts,
  );
}

export function int<O extends Opts<number> & { min?: number; max?: number }>(opts: O = {} as O): Field<number> & O {
  return number({ ...opts, integer: true });
}

export function oneOf<const V extends string, O extends Opts<V> = Opts<V>>(values: readonly V[], opts: O = {} as O): Field<V> & O {
  return scalar(
    `one of ${values.join(', ')}`,
    (text) => ((values as readonly string[]).includes(text) ? ok(text as V) : bad(`${quote(text)} is not allowed`)),
    opts,
  );
}

export function url<O extends Opts<string> & { schemes?: string[] }>(opts: O = {} as O): Field<string> & O {
  const schemes = opts.schemes ?? ['http', 'https'];
  return scalar(
    `an absolute ${schemes.join(' or ')} URL (${schemes[0]}://host[:port][/path])`,
    (text) => {
      // The URL parser drops line breaks and tabs; the text as written is what gets printed and stored.
      if (CONTROL.test(text) || text.includes('\t')) return bad('has a line break or another control character');
      let parsed: URL;
      try {
        parsed = new URL(text);
      } catch {
        return bad(opts.secret ? 'is not a URL' : `${quote(text)} is not a URL`);
      }
      if (!schemes.includes(parsed.protocol.replace(/:$/, ''))) return bad(`the scheme ${quote(parsed.protocol)} is not accepted`);
      return ok(text);
    },
    opts,
  );
}

/**
 * The one list grammar of every list input. Text (an input, or a string in the config file) holds
 * items one a line and, unless `commas: false`, separated by commas too; a comma inside braces
 * never separates (`reports/*.{sarif,json}` stays one glob). Each item is trimmed. A YAML list (the
 * config file) gives its entries as they are: text, numbers and booleans as text, `null` as an
 * empty item, a nested list or mapping refused. What differs between lists is only what the list
 * means, and is said by the options.
 */
export interface ListGrammar {
  /** Also split a line on commas (outside braces). Default true; false where items hold commas (build args). */
  commas?: boolean;
  /** Lines starting with `#` are comments (gate policies). Default false. */
  comments?: boolean;
  /** `none` (any case) means "no items on purpose" (gate policies, to switch off the config file's). */
  none?: boolean;
  /**
   * An empty item (`a,,b`, an empty value, an empty YAML list entry) is refused, naming `what` the
   * list holds: a policy must not quietly check less than was written. By default blank items are
   * layout and skipped.
   */
  refuseEmpty?: { what: string };
}

export interface ListItem {
  text: string;
  /** Where the item is in a YAML list (`[2]`); empty for text. */
  path: number[];
}

export type ListItems = { ok: true; items: ListItem[] } | { ok: false; message: string; path?: number[] };

/** Splits one line on commas outside braces. */
function splitCommas(line: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of line) {
    if (c === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    if (c === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

/** The items of a list value, by the one list grammar (see ListGrammar). */
export function listItems(value: unknown, grammar: ListGrammar = {}): ListItems {
  const commas = grammar.commas ?? true;
  const refuse = grammar.refuseEmpty;
  if (Array.isArray(value)) {
    const items: ListItem[] = [];
    for (const [index, entry] of value.entries()) {
      if (entry !== null && entry !== undefined && typeof entry === 'object')
        return { ok: false, message: 'each item must be text, not a list or a mapping', path: [index] };
      const text = entry === null || entry === undefined ? '' : String(entry).trim();
      if (text === '') {
        if (refuse) return { ok: false, message: `is empty; name ${refuse.what}`, path: [index] };
        continue;
      }
      items.push({ text, path: [index] });
    }
    return { ok: true, items };
  }
  const text = typeof value === 'string' ? value.trim() : String(value ?? '').trim();
  if (text === '' && refuse)
    return { ok: false, message: `is empty; name ${refuse.what}${grammar.none ? ', or write none for no policy' : ''}` };
  if (grammar.none && text.toLowerCase() === 'none') return { ok: true, items: [] };
  const items: ListItem[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || (grammar.comments && line.startsWith('#'))) continue;
    const parts = (commas ? splitCommas(line) : [line]).map((p) => p.trim());
    if (parts.some((p) => p === '')) {
      if (refuse) return { ok: false, message: `${quote(line)} has an empty entry; name ${refuse.what}` };
    }
    for (const part of parts) if (part !== '') items.push({ text: part, path: [] });
  }
  return { ok: true, items };
}

/** The items of a text, by the one list grammar with its defaults (one a line or comma-separated). */
export function splitList(text: string, grammar: Omit<ListGrammar, 'refuseEmpty'> = {}): string[] {
  const result = listItems(text, grammar);
  return result.ok ? result.items.map((i) => i.text) : []; // text without refuseEmpty is never refused
}

type ListOpts<T> = Opts<T[]> & { form?: string; grammar?: ListGrammar; item?: (text: string) => Parsed<T> };

/**
 * A list field: items by the one list grammar, each checked by `item` (text as it is by default).
 * The item type is inferred from `item`: `list({ item: (t) => ok(Number(t)) })` is a `Field<number[]>`.
 */
export function list<T = string, const O extends ListOpts<T> = Record<never, never>>(
  opts: O & { item?: (text: string) => Parsed<T> } = {} as O,
): Field<T[]> & O {
  const item = opts.item ?? ((text: string) => ok(text as unknown as T));
  const schema = z.unknown().transform((value, ctx) => {
    const result = listItems(value, opts.grammar);
    if (!result.ok) {
      ctx.issues.push({ code: 'custom', message: result.message, input: value, ...(result.path ? { path: result.path } : {}) });
      return z.NEVER;
    }
    const out: T[] = [];
    result.items.forEach(({ text, path }, index) => {
      const parsed = item(text);
      if (parsed.ok) out.push(parsed.value);
      else ctx.issues.push({ code: 'custom', message: parsed.message, input: value, path: path.length ? path : [index] });
    });
    return out;
  });
  return { schema, ...opts, form: opts.form ?? 'a list, one item a line or separated by commas' } as Field<T[]> & O;
}

/**
 * Structured settings (smoke checks, canary metrics): YAML or JSON text, a path to such a file, or
 * (in the config file) the YAML value itself; then checked by `inner`, whose issues keep their path.
 */
export function structured<T, O extends Opts<T> & { form: string }>(inner: z.ZodType<T, unknown>, opts: O): Field<T> & O {
  const schema = z.unknown().transform((value, ctx) => {
    let data: unknown = value;
    if (typeof value === 'string') {
      const text = value.trim();
      const isFile = !/[\n:{}[\]]/.test(text) && existsSync(text) && statSync(text).isFile();
      const source = isFile ? readFileSync(text, 'utf8') : text;
      try {
        data = parseYaml(source, { prettyErrors: true, uniqueKeys: true });
      } catch (err) {
        // Where and what, never a snippet: a path may name any file.
        ctx.issues.push({
          code: 'custom',
          message:
            `${isFile ? `file ${quote(text)}` : 'the text'} is not valid ` +
            `YAML or JSON (${describeSyntaxProblem(yamlSyntaxProblem(err))})`,
          input: value,
        });
        return z.NEVER;
      }
    }
    const result = inner.safeParse(data);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.issues.push({ ...issue, input: value } as never);
    return z.NEVER;
  });
  return { schema, ...opts };
}
