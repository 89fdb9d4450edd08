import { describe, expect, it } from 'vitest';
import { escapeLabelValue, queryPrometheus, renderQuery, validateQuery, type FetchLike } from '../../src/verify/sources/prometheus.js';

const vars = { version: '1.2.3', environment: 'production' };

describe('renderQuery', () => {
  it.each([
    ['up{version="{{version}}"}', 'up{version="1.2.3"}'],
    ['up{version="{{ version }}",env="{{environment}}"}', 'up{version="1.2.3",env="production"}'],
    ["up{version='{{version}}'}", "up{version='1.2.3'}"],
    ['up{version=~"{{version}}|x"}', 'up{version=~"1.2.3|x"}'],
    ['app_{{environment}}_requests_total', 'app_production_requests_total'],
    ['up{a="\\"{{version}}"}', 'up{a="\\"1.2.3"}'],
    ['up', 'up'],
  ])('%s', (template, expected) => {
    expect(renderQuery(template, vars)).toBe(expected);
  });

  it('escapes a value so it cannot close the string and add a matcher', () => {
    const evil = { version: '1"} or vector(1) or up{x="', environment: 'e' };
    expect(renderQuery('up{version="{{version}}"}', evil)).toBe('up{version="1\\"} or vector(1) or up{x=\\""}');
    expect(renderQuery("up{version='{{version}}'}", { version: 'a\'b"c', environment: 'e' })).toBe("up{version='a\\'b\"c'}");
  });

  it.each([
    ['up{x="{{release}}"}', 'unknown placeholder {{release}} in query; known: {{version}}, {{environment}}'],
    ['up{{version}}', '{{version}} is outside quotes but its value "1.2.3" is not a bare name'],
  ])('refuses %s', (template, message) => {
    expect(() => renderQuery(template, vars)).toThrow(message);
  });

  it('refuses a backtick inside a raw string', () => {
    expect(() => renderQuery('up{v=`{{version}}`}', { version: 'a`b', environment: 'e' })).toThrow('backtick');
    expect(renderQuery('up{v=`{{version}}`}', { version: 'a\\b', environment: 'e' })).toBe('up{v=`a\\b`}');
  });
});

describe('escapeLabelValue', () => {
  it.each([
    ['plain', 'plain'],
    ['a\\b', 'a\\\\b'],
    ['a"b', 'a\\"b'],
    ['a\nb\tc', 'a\\nb\\tc'],
    ['\u0001', '\\x01'],
  ])('%j -> %j', (value, expected) => {
    expect(escapeLabelValue(value)).toBe(expected);
  });
});

/** A fetch seam that records the request and answers with a fixed status and body. */
function answering(status: number, body: unknown) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  };
  return { fetch, calls };
}

const vector = (...values: string[]) => ({
  status: 'success',
  data: { resultType: 'vector', result: values.map((v, i) => ({ metric: { i: String(i) }, value: [1700000000, v] })) },
});

describe('queryPrometheus', () => {
  it('posts the rendered query as a form to /api/v1/query', async () => {
    const seam = answering(200, vector('0.25'));
    const sample = await queryPrometheus({ url: 'http://prom:9090/prefix/', query: 'x{v="{{version}}"}', vars, fetch: seam.fetch });
    expect(sample).toEqual({ query: 'x{v="1.2.3"}', value: 0.25 });
    expect(seam.calls[0]!.url).toBe('http://prom:9090/prefix/api/v1/query');
    expect(seam.calls[0]!.init.method).toBe('POST');
    expect(new URLSearchParams(String(seam.calls[0]!.init.body)).get('query')).toBe('x{v="1.2.3"}');
  });

  it.each([
    [vector(), 'no data (empty result)'],
    [vector('NaN'), 'no data (NaN, e.g. 0 requests divided by 0)'],
    [vector('+Inf'), 'no usable data (+Inf)'],
    [vector('-Inf'), 'no usable data (-Inf)'],
    [vector('1', '2'), 'the query returned 2 series, not one; aggregate it (sum, max, ...)'],
  ])('gives null with a reason for %j', async (body, reason) => {
    const sample = await queryPrometheus({ url: 'http://prom:9090', query: 'x', vars, fetch: answering(200, body).fetch });
    expect(sample).toEqual({ query: 'x', value: null, reason });
  });

  it('reads a scalar result', async () => {
    const body = { status: 'success', data: { resultType: 'scalar', result: [1700000000, '3.5'] } };
    expect((await queryPrometheus({ url: 'http://p', query: 'scalar(x)', vars, fetch: answering(200, body).fetch })).value).toBe(3.5);
  });

  it('refuses a range vector result as a bad query', async () => {
    const body = { status: 'success', data: { resultType: 'matrix', result: [] } };
    await expect(queryPrometheus({ url: 'http://p', query: 'x[1m]', vars, fetch: answering(200, body).fetch })).rejects.toMatchObject({
      kind: 'bad_query',
      message: expect.stringContaining('gives a matrix result, not one number'),
    });
  });

  it("surfaces Prometheus's own message for a 400 bad_data", async () => {
    const body = { status: 'error', errorType: 'bad_data', error: '1:5: parse error: unexpected end of input' };
    await expect(validateQuery({ url: 'http://p', query: 'sum(', vars, fetch: answering(400, body).fetch })).rejects.toMatchObject({
      kind: 'bad_query',
      message: 'Prometheus rejected the query: 1:5: parse error: unexpected end of input (query: sum()',
    });
  });

  it('sends URL credentials as basic auth and never prints them', async () => {
    const seam = answering(500, 'upstream broke at http://admin:hunter2@prom/');
    const err = await queryPrometheus({ url: 'http://admin:hunter2@prom:9090', query: 'x', vars, fetch: seam.fetch }).catch(
      (e: Error) => e,
    );
    expect(seam.calls[0]!.url).toBe('http://prom:9090/api/v1/query');
    const headers = seam.calls[0]!.init.headers as Record<string, string>;
    expect(headers.authorization).toBe(`Basic ${Buffer.from('admin:hunter2').toString('base64')}`);
    expect(err).toMatchObject({ kind: 'server' });
    expect((err as Error).message).not.toContain('hunter2');
    expect((err as Error).message).toContain('http://prom:9090 answered 500');
  });

  it('sends a bearer token and reports 401 without it', async () => {
    const seam = answering(401, 'Unauthorized');
    const err = await queryPrometheus({ url: 'http://p', query: 'x', vars, auth: { bearer: 's3cret-token' }, fetch: seam.fetch }).catch(
      (e: Error) => e,
    );
    expect((seam.calls[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer s3cret-token');
    expect(err).toMatchObject({ kind: 'auth' });
    expect((err as Error).message).not.toContain('s3cret');
  });

  it('reports a failed connection as unreachable, with the URL redacted', async () => {
    const fetch: FetchLike = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    };
    const err = await queryPrometheus({ url: 'http://u:pw@127.0.0.1:1', query: 'x', vars, fetch }).catch((e: Error) => e);
    expect(err).toMatchObject({ kind: 'unreachable', message: 'Prometheus at http://127.0.0.1:1 is unreachable: ECONNREFUSED' });
  });

  it('reports a timeout as unreachable', async () => {
    const fetch: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)));
    await expect(queryPrometheus({ url: 'http://p', query: 'x', vars, timeoutMs: 50, fetch })).rejects.toMatchObject({
      kind: 'unreachable',
      message: 'Prometheus at http://p is unreachable: no answer within 50 ms',
    });
  });

  it('keeps the warnings Prometheus sends', async () => {
    const body = { ...vector('1'), warnings: ['PromQL info: metric might not be a counter'] };
    const sample = await queryPrometheus({ url: 'http://p', query: 'x', vars, fetch: answering(200, body).fetch });
    expect(sample.warnings).toEqual(['PromQL info: metric might not be a counter']);
  });
});
