import { isDeepStrictEqual } from 'node:util';
import type { Check, StatusMatcher } from './schema.js';

/**
 * The most of a response body a check reads: plenty for `body-contains` and `json` on a health or
 * API answer. Past it, the rest of the body is not read (the connection is closed).
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
const MAX_BODY_TEXT = '4 MiB';

/** What one attempt of a check got back. */
export interface Observed {
  status: number;
  headers: Record<string, string>;
  /** The body, or its first `MAX_BODY_BYTES` when `truncated`. */
  body: string;
  /** The body was longer than `MAX_BODY_BYTES`; the rest was not read. */
  truncated?: boolean;
  latencyMs: number;
}

export interface Evaluation {
  ok: boolean;
  /** Why it failed, one reason per broken expectation (empty when it passed). */
  reasons: string[];
}

export function statusMatches(status: number, accepted: StatusMatcher | undefined): boolean {
  const list = accepted ?? ['2xx'];
  return list.some((m) => (typeof m === 'number' ? m === status : Math.floor(status / 100) === Number(m[0])));
}

/**
 * Reads `a.b[0].c` or `a.b.0.c` out of a parsed JSON value. Only the value's own properties count:
 * `__proto__`, `constructor` or `toString` are found only when the body has such a key.
 */
export function readJsonPath(data: unknown, path: string): { found: boolean; value?: unknown } {
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((p) => p !== '');
  let current: unknown = data;
  for (const part of parts) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return { found: false };
    current = (current as Record<string, unknown>)[part];
  }
  return { found: true, value: current };
}

const short = (v: unknown) => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** Judges one response against a check's expectations. Pure. */
export function evaluate(check: Check, got: Observed): Evaluation {
  const reasons: string[] = [];
  const expect = check.expect;
  if (!statusMatches(got.status, expect.status)) {
    reasons.push(`status ${got.status}, expected ${(expect.status ?? ['2xx']).join(' or ')}`);
  }
  for (const needle of expect['body-contains'] ?? []) {
    if (!got.body.includes(needle))
      reasons.push(`body does not contain ${short(needle)}${got.truncated ? ` in its first ${MAX_BODY_TEXT} (the rest is not read)` : ''}`);
  }
  if (expect.json && got.truncated) {
    reasons.push(`body is larger than ${MAX_BODY_TEXT}, the most smoke reads: not judged as JSON`);
  } else if (expect.json) {
    let data: unknown;
    let parsed = true;
    try {
      data = JSON.parse(got.body);
    } catch {
      parsed = false;
      reasons.push('body is not JSON');
    }
    if (parsed) {
      for (const [path, wanted] of Object.entries(expect.json)) {
        const { found, value } = readJsonPath(data, path);
        if (!found) reasons.push(`json ${path} is missing`);
        else if (!isDeepStrictEqual(value, wanted)) reasons.push(`json ${path} is ${short(value)}, expected ${short(wanted)}`);
      }
    }
  }
  for (const [name, wanted] of Object.entries(expect.headers ?? {})) {
    const actual = got.headers[name.toLowerCase()];
    if (actual === undefined) reasons.push(`header ${name} is missing`);
    else if (!headerMatches(actual, wanted)) reasons.push(`header ${name} is ${short(actual)}, expected ${short(wanted)}`);
  }
  const maxLatency = expect['max-latency'];
  if (maxLatency !== undefined && got.latencyMs > maxLatency) {
    reasons.push(`latency ${Math.round(got.latencyMs)}ms over ${maxLatency}ms`);
  }
  return { ok: reasons.length === 0, reasons };
}

/** A header expectation is the exact value, or `/regex/` to match against. */
function headerMatches(actual: string, wanted: string): boolean {
  const regex = /^\/(.+)\/([i]?)$/.exec(wanted);
  if (regex) return new RegExp(regex[1]!, regex[2]).test(actual);
  return actual.trim() === wanted.trim();
}
