import { z } from 'zod';
import { parseDuration, DURATION_FORM } from '../core/duration.js';

/** `200`, `[200, 204]`, `2xx`, `"200, 3xx"`: the statuses a check accepts. */
export type StatusMatcher = (number | `${1 | 2 | 3 | 4 | 5}xx`)[];

const statusItem = z.union([
  z.number().int().min(100).max(599),
  z
    .string()
    .trim()
    .regex(/^([1-5]xx|[1-5]\d\d)$/i, 'must be a status code like 200 or a class like 2xx')
    .transform((s) => (/^\d+$/.test(s) ? Number(s) : (s.toLowerCase() as `${1 | 2 | 3 | 4 | 5}xx`))),
]);

const statusSchema = z
  .preprocess(
    (v) => (typeof v === 'string' && v.includes(',') ? v.split(',').map((p) => p.trim()) : v),
    z.union([statusItem.transform((s) => [s]), z.array(statusItem).min(1)], {
      error: 'must be a status code like 200, a class like 2xx, or a list of them',
    }),
  )
  .transform((v) => v as StatusMatcher);

const durationSchema = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const ms = typeof v === 'number' ? v : parseDuration(v);
  if (ms === undefined || ms <= 0) {
    ctx.issues.push({ code: 'custom', message: `must be a duration: ${DURATION_FORM}`, input: v });
    return z.NEVER;
  }
  return ms;
});

/**
 * A mapping whose keys are kept as the user wrote them, `__proto__` and `constructor` included (as
 * own properties: z.record would turn `__proto__` into the object's prototype and drop the key).
 */
function ownRecord<T>(value: z.ZodType<T>) {
  return z.unknown().transform((input, ctx) => {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      ctx.issues.push({ code: 'custom', message: 'must be a mapping', input });
      return z.NEVER;
    }
    const out: Record<string, T> = {};
    for (const [key, item] of Object.entries(input)) {
      const result = value.safeParse(item);
      if (!result.success) {
        for (const issue of result.error.issues) ctx.issues.push({ ...issue, path: [key, ...issue.path] } as never);
        continue;
      }
      Object.defineProperty(out, key, { value: result.data, enumerable: true, writable: true, configurable: true });
    }
    return out;
  });
}

const stringList = z.union([z.string().transform((s) => [s]), z.array(z.string()).min(1)]);

export const expectSchema = z
  .object({
    status: statusSchema.optional(),
    'body-contains': stringList.optional(),
    json: ownRecord(z.unknown()).optional(),
    headers: ownRecord(z.union([z.string(), z.number()]).transform(String)).optional(),
    'max-latency': durationSchema.optional(),
  })
  .strict();

const httpUrl = z
  .string()
  .url('must be an absolute URL')
  .refine((u) => /^https?:$/.test(new URL(u).protocol), 'must be an http or https URL');

export const checkSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .regex(/^[^\u0000-\u001f\u007f\u0085\u2028\u2029]*$/, 'must be one line of text')
      .optional(),
    path: z.string().startsWith('/', 'must start with /').optional(),
    url: httpUrl.optional(),
    method: z
      .string()
      .regex(/^[A-Za-z]+$/, 'must be an HTTP method like GET')
      .transform((m) => m.toUpperCase())
      .default('GET'),
    headers: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).default({}),
    body: z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
    expect: expectSchema.default({}),
  })
  .strict()
  .refine((c) => (c.path === undefined) !== (c.url === undefined), {
    message: 'a check needs exactly one of path or url',
  });

export type CheckInput = z.input<typeof checkSchema>;
export type Check = z.output<typeof checkSchema> & { name: string };

/** `checks:` is a list of checks, or a mapping with a `checks:` list (a whole file of them). */
export const checksSchema = z
  .preprocess(
    (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) && 'checks' in v ? (v as { checks: unknown }).checks : v),
    z.array(checkSchema, { error: 'must be a list of checks (or a mapping with a checks list)' }).min(1, 'needs at least one check'),
  )
  .transform((checks) =>
    checks.map((c, i) => ({ ...c, name: c.name ?? (`${c.method} ${c.path ?? c.url ?? ''}`.trim() || `check ${i + 1}`) })),
  );

export const CHECKS_FORM =
  'YAML or JSON (text or a file path): a list of checks, each with name, path or url, ' +
  'method, headers, body and expect (status, body-contains, json, headers, max-latency)';

/** The check used when none are given: the base URL answers 2xx. */
export const DEFAULT_CHECKS: Check[] = [{ name: 'GET /', path: '/', method: 'GET', headers: {}, expect: {} }];
