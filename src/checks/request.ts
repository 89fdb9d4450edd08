import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Check } from './schema.js';
import { MAX_BODY_BYTES, type Observed } from './evaluate.js';

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
  const signal = AbortSignal.any(signals);
  const started = performance.now();
  try {
    let url = new URL(target.url);
    let method = check.method;
    for (let hop = 0; ; hop++) {
      const res = await send(url, method, headers, body, signal);
      const location = res.headers.location;
      if (!opts.followRedirects || !REDIRECTS.has(res.status) || !location) {
        return {
          status: res.status,
          headers: res.headers,
          body: res.body,
          ...(res.truncated ? { truncated: true } : {}),
          latencyMs: performance.now() - started,
        };
      }
      if (hop >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
      const next = new URL(location, url);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new Error(`redirect to ${next.protocol} is not followed`);
      // As browsers and fetch do: 303 (and 301/302 after a POST) become a GET without a body.
      // To another origin only harmless headers follow: a check's own headers (x-api-key, a
      // cookie, a token) and the credentials are meant for the host they were written for.
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        for (const h of Object.keys(headers)) if (h.toLowerCase() === 'content-type') delete headers[h];
      }
      if (next.origin !== url.origin) for (const h of Object.keys(headers)) if (!CROSS_ORIGIN_SAFE.has(h.toLowerCase())) delete headers[h];
      url = next;
    }
  } catch (err) {
    const e = err as Error & { code?: string };
    if (signal.aborted && opts.signal?.aborted !== true) throw new Error(`no answer within ${opts.timeoutMs}ms`);
    throw new Error(`request failed: ${e.code ?? e.message}`);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** The headers that follow a redirect to another origin (the CORS-safelisted ones and User-Agent). */
const CROSS_ORIGIN_SAFE = new Set(['accept', 'accept-language', 'content-language', 'content-type', 'user-agent']);
const MAX_REDIRECTS = 10;

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  truncated: boolean;
}

/**
 * One HTTP exchange with node:http(s), read to the last byte or to `MAX_BODY_BYTES`, whichever
 * comes first: past the cap the response is destroyed, so a huge body is never held in memory.
 * (Node's fetch loads its HTTP client on first use, which cost the smoke action more than its own start.)
 */
function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  signal: AbortSignal,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      { method, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) }, signal },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let done = false;
        const finish = (truncated: boolean) => {
          if (done) return;
          done = true;
          const out: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          const bytes = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: out, body: bytes.subarray(0, MAX_BODY_BYTES).toString('utf8'), truncated });
        };
        res.on('data', (c: Buffer) => {
          if (done) return;
          chunks.push(c);
          size += c.length;
          if (size > MAX_BODY_BYTES) {
            // Enough read: stop here and close the connection rather than take in the rest.
            finish(true);
            res.destroy();
          }
        });
        res.on('error', (err) => {
          if (!done) reject(err);
        });
        res.on('end', () => finish(false));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
