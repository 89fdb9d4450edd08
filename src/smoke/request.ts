import type { Check } from './checks.js';
import type { Observed } from './evaluate.js';

export interface Target {
  url: string;
  /** `Basic ...` from credentials in the base URL, sent as a header and never printed. */
  authorization?: string;
}

/** Where a check goes: its own `url`, or `path` joined to the base URL (keeping the base's path). */
export function checkUrl(check: Check, base: string | undefined): string {
  if (check.url) return check.url;
  if (!base) throw new Error(`check "${check.name}" has a path but there is no base url`);
  const u = new URL(base);
  const basePath = u.pathname.replace(/\/$/, '');
  const [path, query] = check.path!.split('?', 2) as [string, string | undefined];
  u.pathname = `${basePath}${path}`;
  if (query !== undefined) u.search = `?${query}`;
  return u.toString();
}

export interface RequestOptions {
  timeoutMs: number;
  followRedirects: boolean;
  signal?: AbortSignal;
}

/** Sends one request of a check and times it to the last byte of the body. */
export async function sendCheck(check: Check, target: Target, opts: RequestOptions): Promise<Observed> {
  const headers: Record<string, string> = { 'user-agent': 'shipline-smoke', ...check.headers };
  if (target.authorization && !Object.keys(headers).some((h) => h.toLowerCase() === 'authorization'))
    headers.authorization = target.authorization;
  let body: string | undefined;
  if (check.body !== undefined) {
    body = typeof check.body === 'string' ? check.body : JSON.stringify(check.body);
    if (typeof check.body !== 'string' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
  }
  const signals = [AbortSignal.timeout(opts.timeoutMs)];
  if (opts.signal) signals.push(opts.signal);
  const started = performance.now();
  try {
    const res = await fetch(target.url, {
      method: check.method,
      headers,
      body,
      redirect: opts.followRedirects ? 'follow' : 'manual',
      signal: AbortSignal.any(signals),
    });
    const text = await res.text();
    const latencyMs = performance.now() - started;
    const responseHeaders: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    return { status: res.status, headers: responseHeaders, body: text, latencyMs };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError') throw new Error(`no answer within ${opts.timeoutMs}ms`);
    const cause = e.cause?.code ?? e.cause?.message;
    throw new Error(cause ? `request failed: ${cause}` : `request failed: ${e.message}`);
  }
}
