import { ExpectedFailure, type FailureKind } from '../../core/errors.js';
import { redactUrls, splitUrlCredentials } from '../../core/redact.js';

/**
 * Why a Prometheus query gave no number:
 * - `unreachable`: no connection, or no answer within the timeout;
 * - `bad_query`: Prometheus rejected the query (its own message is kept), or the query cannot
 *   give one number (a range vector, a string, an unknown `{{placeholder}}`);
 * - `auth`: Prometheus (or a proxy in front of it) answered 401/403;
 * - `server`: any other failure of the server (5xx, a body that is not Prometheus's JSON).
 */
export type PrometheusErrorKind = 'unreachable' | 'bad_query' | 'auth' | 'server';

/** A query Prometheus rejects is the user's; Prometheus unreachable, refusing the token or failing is outside. */
const FAILURE: Record<PrometheusErrorKind, FailureKind> = {
  unreachable: 'outside',
  bad_query: 'refused',
  auth: 'outside',
  server: 'outside',
};

export class PrometheusError extends ExpectedFailure {
  override readonly name: string = 'PrometheusError';
  readonly kind: PrometheusErrorKind;

  constructor(kind: PrometheusErrorKind, message: string) {
    super(FAILURE[kind], message);
    this.kind = kind;
  }
}

export interface PrometheusAuth {
  bearer?: string;
  basic?: { username: string; password: string };
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface PrometheusQueryOptions {
  /** Base URL of Prometheus (`http://prometheus:9090`, may hold a path prefix and user:pass@). */
  url: string;
  /** PromQL, may use `{{version}}` and `{{environment}}`. */
  query: string;
  vars: { version: string; environment: string };
  timeoutMs?: number;
  auth?: PrometheusAuth;
  /** Evaluation time; default: Prometheus's now. */
  time?: Date;
  fetch?: FetchLike;
}

export interface PrometheusSample {
  /** The query as sent, placeholders filled in. */
  query: string;
  /** The number, or null when there is no data to judge by. */
  value: number | null;
  /** Why the value is null. */
  reason?: string;
  warnings?: string[];
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Runs one instant query and reduces its answer to one number, or null with the reason. */
export async function queryPrometheus(opts: PrometheusQueryOptions): Promise<PrometheusSample> {
  const query = renderQuery(opts.query, opts.vars);
  const body = await postQuery(opts, query);
  const sample = reduceResult(query, body);
  const warnings = Array.isArray(body.warnings) ? body.warnings.map(String) : undefined;
  return warnings && warnings.length > 0 ? { ...sample, warnings } : sample;
}

/**
 * Runs the query once before any traffic moves, so a typo fails the step with Prometheus's own
 * message. No data yet is fine (the canary has no traffic); a rejected query is not.
 */
export async function validateQuery(opts: PrometheusQueryOptions): Promise<PrometheusSample> {
  return queryPrometheus(opts);
}

// ---- placeholders --------------------------------------------------------------------------

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/y;

/**
 * Fills `{{version}}` and `{{environment}}` in. Inside a quoted string the value is escaped for
 * that quote (a version can never end the string and add a matcher); outside strings it must be
 * a bare identifier (part of a metric name); inside a `raw` string it must not hold a backtick.
 */
export function renderQuery(template: string, vars: Record<string, string>): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < template.length;) {
    const ch = template[i]!;
    PLACEHOLDER.lastIndex = i;
    const match = PLACEHOLDER.exec(template);
    if (match) {
      const name = match[1]!;
      const value = vars[name];
      if (value === undefined) {
        const known = Object.keys(vars)
          .map((k) => `{{${k}}}`)
          .join(', ');
        throw new PrometheusError('bad_query', `unknown placeholder {{${name}}} in query; known: ${known}`);
      }
      out += placeValue(name, value, quote);
      i += match[0].length;
      continue;
    }
    out += ch;
    if (quote === null) {
      if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    } else if (ch === '\\' && quote !== '`' && i + 1 < template.length) {
      out += template[i + 1];
      i += 2;
      continue;
    } else if (ch === quote) {
      quote = null;
    }
    i += 1;
  }
  return out;
}

function placeValue(name: string, value: string, quote: string | null): string {
  if (quote === null) {
    if (!/^[A-Za-z0-9_:]+$/.test(value)) {
      throw new PrometheusError(
        'bad_query',
        `{{${name}}} is outside quotes but its value "${value}" is not a ` +
          `bare name; write it inside a label value, e.g. ${name}="{{${name}}}"`,
      );
    }
    return value;
  }
  if (quote === '`') {
    if (value.includes('`')) {
      throw new PrometheusError('bad_query', `{{${name}}} is in a \`raw\` string but its value holds a backtick`);
    }
    return value;
  }
  return escapeLabelValue(value, quote);
}

/** Escapes a value for a PromQL string in `quote` (Go string escapes). */
export function escapeLabelValue(value: string, quote = '"'): string {
  let out = '';
  for (const ch of value) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch < ' ' || ch === '\u007f') out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out;
}

// ---- HTTP ----------------------------------------------------------------------------------

interface ApiBody {
  status?: string;
  errorType?: string;
  error?: string;
  warnings?: unknown[];
  data?: { resultType?: string; result?: unknown };
}

async function postQuery(opts: PrometheusQueryOptions, query: string): Promise<ApiBody> {
  const { endpoint, headers, shown } = request(opts);
  const form = new URLSearchParams({ query });
  if (opts.time) form.set('time', (opts.time.getTime() / 1000).toFixed(3));
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch = opts.fetch ?? fetch;

  let response: Response;
  let text: string;
  try {
    response = await doFetch(endpoint, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (err) {
    throw new PrometheusError('unreachable', `Prometheus at ${shown} is unreachable: ${describeFetchError(err, timeoutMs)}`);
  }

  let body: ApiBody | undefined;
  try {
    body = JSON.parse(text) as ApiBody;
  } catch {
    body = undefined;
  }
  if (response.status === 401 || response.status === 403) {
    throw new PrometheusError(
      'auth',
      `Prometheus at ${shown} answered ${response.status}: check its credentials (URL user info, bearer or basic auth)`,
    );
  }
  if (body && body.status === 'error') {
    const kind = body.errorType === 'bad_data' || response.status === 400 || response.status === 422 ? 'bad_query' : 'server';
    const what = kind === 'bad_query' ? 'rejected the query' : `failed (${body.errorType ?? response.status})`;
    throw new PrometheusError(kind, `Prometheus ${what}: ${redactUrls(body.error ?? 'no message')} (query: ${query})`);
  }
  if (!response.ok || !body || body.status !== 'success') {
    const snippet = text.slice(0, 200).replace(/\s+/g, ' ').trim();
    throw new PrometheusError(
      'server',
      `Prometheus at ${shown} answered ${response.status} without a query result${snippet ? `: ${redactUrls(snippet)}` : ''}`,
    );
  }
  return body;
}

function request(opts: PrometheusQueryOptions): { endpoint: string; headers: Record<string, string>; shown: string } {
  let split: ReturnType<typeof splitUrlCredentials>;
  try {
    split = splitUrlCredentials(opts.url);
  } catch {
    throw new PrometheusError('unreachable', `prometheus-url "${redactUrls(opts.url)}" is not a URL`);
  }
  const base = new URL(split.url);
  base.search = '';
  base.hash = '';
  const shown = base.toString().replace(/\/$/, '');
  const endpoint = `${shown}/api/v1/query`;
  const headers: Record<string, string> = {};
  if (opts.auth?.bearer) headers.authorization = `Bearer ${opts.auth.bearer}`;
  else if (opts.auth?.basic) {
    const { username, password } = opts.auth.basic;
    headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  } else if (split.authorization) headers.authorization = split.authorization;
  return { endpoint, headers, shown };
}

function describeFetchError(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  const message = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
  return redactUrls(message);
}

// ---- result ----------------------------------------------------------------------------------

function reduceResult(query: string, body: ApiBody): PrometheusSample {
  const type = body.data?.resultType;
  const result = body.data?.result;
  if (type === 'scalar') return fromNumber(query, (result as [number, string])[1]);
  if (type === 'vector') {
    const series = result as Array<{ metric: Record<string, string>; value: [number, string] }>;
    if (series.length === 0) return { query, value: null, reason: 'no data (empty result)' };
    if (series.length > 1) {
      return {
        query,
        value: null,
        reason: `the query returned ${series.length} series, not one; aggregate it (sum, max, ...)`,
      };
    }
    return fromNumber(query, series[0]!.value[1]);
  }
  throw new PrometheusError(
    'bad_query',
    `the query gives a ${type ?? 'missing'} result, not one number; use an instant vector such as sum(rate(x[1m])) (query: ${query})`,
  );
}

function fromNumber(query: string, text: string): PrometheusSample {
  if (/^[+-]?Inf$/.test(text)) return { query, value: null, reason: `no usable data (${text})` };
  const value = Number(text);
  if (Number.isNaN(value)) return { query, value: null, reason: 'no data (NaN, e.g. 0 requests divided by 0)' };
  if (!Number.isFinite(value)) return { query, value: null, reason: `no usable data (${text})` };
  return { query, value };
}
