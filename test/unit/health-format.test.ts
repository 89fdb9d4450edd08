import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeLabelValue, formatJson, formatPrometheus, formatText, type HealthRound } from '../../src/health/format.js';
import { parseHealthArgs, UsageError } from '../../src/health/options.js';
import { findBinary } from '../helpers/real-server.js';

const promtool = findBinary('promtool');

const round: HealthRound = {
  time: new Date('2026-11-23T21:00:00.000Z'),
  healthy: false,
  checks: [
    {
      name: 'home',
      method: 'GET',
      url: 'http://127.0.0.1:8080/',
      verdict: 'pass',
      status: 200,
      latencyMs: 12.3,
      attempts: 1,
      durationMs: 13,
    },
    // Not a name a check file allows (one line), but a label value must survive anything.
    {
      name: 'a "quoted" \\ back\nslash',
      method: 'POST',
      url: 'http://127.0.0.1:8080/x',
      verdict: 'fail',
      status: 503,
      latencyMs: 4,
      attempts: 1,
      reason: 'status 503, expected 2xx',
      durationMs: 5,
    },
    {
      name: 'down',
      method: 'GET',
      url: 'http://127.0.0.1:1/',
      verdict: 'fail',
      attempts: 1,
      reason: 'connect ECONNREFUSED',
      durationMs: 1,
    },
  ],
};

describe('health output formats', () => {
  it('escapes backslash, double quote and line feed in label values, in that order', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    expect(escapeLabelValue('\\n')).toBe('\\\\n');
  });

  it('prometheus: HELP and TYPE for every family, one up sample per check, latency only for an answer', () => {
    const text = formatPrometheus(round);
    expect(text).toContain('# TYPE shipline_check_up gauge\n');
    expect(text).toContain('# HELP shipline_check_latency_seconds ');
    expect(text).toContain('shipline_health_up 0\n');
    expect(text).toContain('shipline_check_up{check="home"} 1\n');
    expect(text).toContain('shipline_check_up{check="a \\"quoted\\" \\\\ back\\nslash"} 0\n');
    expect(text).toContain('shipline_check_up{check="down"} 0\n');
    expect(text).toContain('shipline_check_latency_seconds{check="home"} 0.0123\n');
    expect(text).not.toContain('shipline_check_latency_seconds{check="down"}');
    expect(text.endsWith('\n\n')).toBe(true);
  });

  it.skipIf(!promtool)('prometheus: promtool check metrics accepts the output, healthy and not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'health-prom-'));
    for (const r of [round, { ...round, healthy: true, checks: [round.checks[0]!] }]) {
      const file = join(dir, 'metrics.prom');
      writeFileSync(file, formatPrometheus(r));
      // Exit code 0 and no lint finding: promtool prints problems and exits non-zero.
      const out = execFileSync('sh', ['-c', `"${promtool}" check metrics < "${file}" 2>&1`], { encoding: 'utf8' });
      expect(out.trim()).toBe('');
    }
  });

  it('promtool rejects a broken label escape (the check above can fail)', () => {
    if (!promtool) return expect(promtool).toBeNull();
    const dir = mkdtempSync(join(tmpdir(), 'health-prom-'));
    const file = join(dir, 'bad.prom');
    writeFileSync(file, formatPrometheus(round).replace('\\"quoted\\"', '"quoted"'));
    expect(() => execFileSync('sh', ['-c', `"${promtool}" check metrics < "${file}"`], { stdio: 'pipe' })).toThrow();
  });

  it('json: one line per round with the fields of every check', () => {
    const text = formatJson(round);
    expect(text.split('\n')).toHaveLength(2);
    const doc = JSON.parse(text);
    expect(doc).toEqual({
      time: '2026-11-23T21:00:00.000Z',
      healthy: false,
      checks: [
        { name: 'home', url: 'http://127.0.0.1:8080/', method: 'GET', status: 200, latency_seconds: 0.0123, ok: true, reason: null },
        {
          name: 'a "quoted" \\ back\nslash',
          url: 'http://127.0.0.1:8080/x',
          method: 'POST',
          status: 503,
          latency_seconds: 0.004,
          ok: false,
          reason: 'status 503, expected 2xx',
        },
        {
          name: 'down',
          url: 'http://127.0.0.1:1/',
          method: 'GET',
          status: null,
          latency_seconds: null,
          ok: false,
          reason: 'connect ECONNREFUSED',
        },
      ],
    });
  });

  it('text: a heading and one line per check, none starting with ::', () => {
    const lines = formatText({ ...round, checks: [...round.checks, { ...round.checks[2]!, name: 'x', reason: 'got\n::error::boom' }] })
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe('2026-11-23T21:00:00.000Z unhealthy: 3 of 4 check(s) failed');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^ {2}ok {3}home \(GET http:\/\/127\.0\.0\.1:8080\/\) status 200 in 12ms$/);
    expect(lines[3]).toMatch(/^ {2}FAIL down .* status - in -: connect ECONNREFUSED$/);
    for (const line of lines) expect(line.startsWith('::')).toBe(false);
  });
});

describe('health command line', () => {
  const bad = (argv: string[]) => {
    try {
      parseHealthArgs(argv);
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
      return (err as Error).message;
    }
    throw new Error(`accepted ${JSON.stringify(argv)}`);
  };

  it('takes the defaults: text, one round, 30s, the smoke default check', () => {
    const parsed = parseHealthArgs(['--url', 'http://127.0.0.1:9/']);
    expect(parsed).toEqual({
      options: {
        url: 'http://127.0.0.1:9/',
        format: 'text',
        continuous: false,
        intervalMs: 30_000,
        checks: [expect.objectContaining({ path: '/', method: 'GET' })],
      },
    });
    expect(parseHealthArgs(['--help'])).toEqual({ help: true });
  });

  it('names the flag and the accepted form for each bad input', () => {
    expect(bad([])).toMatch(/^--url is required\. Accepted: an absolute http or https URL/);
    expect(bad(['--url', 'ftp://x/'])).toMatch(/^--url has the scheme "ftp:"\. Accepted: an absolute http or https URL/);
    expect(bad(['--url', 'http://x/', '--format', 'xml'])).toBe('--format "xml" is not a format. Accepted: one of text, json, prometheus.');
    expect(bad(['--url', 'http://x/', '--continuous', '--interval', '0s'])).toMatch(
      /^--interval "0s" is out of range\. Accepted: a duration from 1s to 24h/,
    );
    expect(bad(['--url', 'http://x/', '--continuous', '--interval', 'often'])).toMatch(
      /^--interval "often" is not a duration\. Accepted: a duration from 1s to 24h/,
    );
    expect(bad(['--url', 'http://x/', '--interval', '5s'])).toMatch(/^--interval is only taken with --continuous/);
    expect(bad(['--url', 'http://x/', '--checks', '/nonexistent/checks.yml'])).toMatch(
      /^--checks file "\/nonexistent\/checks.yml" does not exist\. Accepted: a path to a readable file of smoke checks/,
    );
    expect(bad(['--url', 'http://x/', '--colour'])).toMatch(/Unknown option '--colour'.*Accepted: --url URL/);
  });

  it('checks the checks file: syntax and schema with the place, duplicate names (one series each)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'health-args-'));
    const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
    expect(bad(['--url', 'http://x/', '--checks', write('syntax.yml', '- path: /\n  expect: {status: [\n')])).toMatch(
      /is not valid YAML or JSON \(.*line \d+/,
    );
    expect(bad(['--url', 'http://x/', '--checks', write('schema.yml', '- path: health\n')])).toMatch(/at \[0\]\.path: must start with \//);
    expect(bad(['--url', 'http://x/', '--checks', write('dup.yml', '- path: /a\n  name: api\n- path: /b\n  name: api\n')])).toMatch(
      /two checks named "api"/,
    );
    expect(bad(['--url', 'http://x/', '--checks', dir])).toMatch(/is a directory/);
  });

  it('never quotes the credentials of a bad or misplaced URL', () => {
    expect(bad(['--url', 'http://deploy:s3cr3t@ bad host/'])).not.toContain('s3cr3t');
    expect(bad(['--url', 'http://x/', 'http://deploy:s3cr3t@host/'])).not.toContain('s3cr3t');
  });
});
