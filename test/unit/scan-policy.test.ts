import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanError } from '../../src/scan/errors.js';
import { fingerprintOf, type Finding, type Severity } from '../../src/scan/finding.js';
import { isExpired, loadIgnoreFile, parseIgnoreFile, type IgnoreEntry } from '../../src/scan/ignore-file.js';
import { matchesPathPattern } from '../../src/scan/path-pattern.js';
import { blocks, evaluatePolicy } from '../../src/scan/policy.js';

function finding(id: string, severity: Severity, over: Partial<Finding> = {}): Finding {
  const f: Finding = { id, tool: 'Trivy', severity, level: 'warning', message: id, source: 'sarif', fingerprint: '', raw: {}, ...over };
  f.fingerprint = fingerprintOf(f.id, f.location, f.message);
  return f;
}

const FILE = '.github/shipline-ignore.yml';

describe('ignore file', () => {
  it('reads entries under ignore:', () => {
    const entries = parseIgnoreFile(
      `ignore:
  - id: CVE-2023-0464
    reason: not reachable, client certificates are never verified
    expires: 2025-09-30
  - id: GHSA-c3g4-wp7x-9mq2
    reason: dev-only dependency
    path: tools/
`,
      FILE,
    );
    expect(entries).toEqual([
      { index: 0, id: 'CVE-2023-0464', reason: 'not reachable, client certificates are never verified', expires: '2025-09-30' },
      { index: 1, id: 'GHSA-c3g4-wp7x-9mq2', reason: 'dev-only dependency', path: 'tools/' },
    ]);
  });

  it('reads a bare list, and an empty file as no exceptions', () => {
    expect(parseIgnoreFile('- id: X\n  reason: because\n', FILE)).toEqual([{ index: 0, id: 'X', reason: 'because' }]);
    expect(parseIgnoreFile('', FILE)).toEqual([]);
    expect(parseIgnoreFile('# nothing yet\n', FILE)).toEqual([]);
    expect(parseIgnoreFile('ignore: []\n', FILE)).toEqual([]);
  });

  it.each([
    ['- id: A\n  reason: ok\n- id: B\n  expires: 2025-01-01\n', /ignore\[1\] \(id B\): reason is required/],
    ['- id: A\n  reason: "  "\n', /ignore\[0\] \(id A\): reason is required/],
    ['- id: A\n  reason: ok\n  expires: 2025-02-30\n', /ignore\[0\] \(id A\): expires "2025-02-30" is not a date; write YYYY-MM-DD/],
    ['- id: A\n  reason: ok\n  expires: 30/06/2025\n', /ignore\[0\] \(id A\): expires "30\/06\/2025" is not a date/],
    ['- id: A\n  reason: ok\n  expires: 2025-6-1\n', /ignore\[0\] \(id A\): expires "2025-6-1" is not a date/],
    ['- reason: ok\n', /ignore\[0\]: id is required/],
    ['- id: 1234\n  reason: ok\n', /ignore\[0\]: id is required/],
    ['- id: A\n  reason: ok\n  expire: 2025-01-01\n', /ignore\[0\] \(id A\): unknown key "expire"/],
    ['- CVE-2023-1\n', /ignore\[0\]: each exception must be a mapping/],
    ['exceptions: []\n', /unknown key "exceptions"/],
    ['ignore: CVE-1\n', /"ignore" must be a list/],
    ['just text\n', /expected a list of exceptions/],
    ['ignore: [\n', /not valid YAML/],
  ])('refuses %j', (text, message) => {
    let error: unknown;
    try {
      parseIgnoreFile(text, FILE);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ScanError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message.startsWith(FILE)).toBe(true);
  });

  describe('on disk', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'scan-ignore-'));
      await writeFile(path.join(dir, 'ignore.yml'), 'ignore:\n  - id: A\n    reason: r\n');
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('loads a file, treats a missing default file as empty, and a missing named file as an error', async () => {
      expect(await loadIgnoreFile(path.join(dir, 'ignore.yml'))).toHaveLength(1);
      expect(await loadIgnoreFile(path.join(dir, 'absent.yml'))).toEqual([]);
      await expect(loadIgnoreFile(path.join(dir, 'absent.yml'), { required: true })).rejects.toThrow(
        /ignore-file: cannot read .*absent\.yml \(ENOENT\)/,
      );
    });
  });

  it('an exception applies through its expiry day (UTC) and not after', () => {
    const entry: IgnoreEntry = { index: 0, id: 'A', reason: 'r', expires: '2025-06-15' };
    expect(isExpired(entry, new Date('2025-06-15T00:00:00Z'))).toBe(false);
    expect(isExpired(entry, new Date('2025-06-15T23:59:59Z'))).toBe(false);
    expect(isExpired(entry, new Date('2025-06-16T00:00:00Z'))).toBe(true);
    expect(isExpired({ index: 0, id: 'A', reason: 'r' }, new Date('2999-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('path patterns', () => {
  it.each([
    ['tools/', 'tools/build.js', true],
    ['tools', 'tools/deep/x.js', true],
    ['tools', 'toolsmith/x.js', false],
    ['package-lock.json', 'package-lock.json', true],
    ['./src/legacy', 'src/legacy/a.js', true],
    ['src/**/*.js', 'src/a.js', true],
    ['src/**/*.js', 'src/x/y/a.js', true],
    ['src/**/*.js', 'src/a.ts', false],
    ['src/*.js', 'src/x/a.js', false],
    ['**/fixtures/**', 'test/fixtures/key.pem', true],
    ['**/fixtures/**', 'fixtures/key.pem', true],
    ['test/fixture?.pem', 'test/fixture1.pem', true],
    ['*.{yml,yaml}', 'ci.yaml', true],
    ['*.{yml,yaml}', 'ci.json', false],
    ['/lib/apk', '/lib/apk/db/installed', true],
    ['lib/[ab].js', 'lib/b.js', true],
    ['lib/[ab].js', 'lib/c.js', false],
  ])('%s ~ %s -> %s', (pattern, file, expected) => {
    expect(matchesPathPattern(pattern, file)).toBe(expected);
  });
});

describe('policy', () => {
  const now = () => new Date('2025-06-15T12:00:00Z');
  const findings = [
    finding('CVE-2023-38545', 'critical', { location: { path: 'library/alpine', startLine: 1 } }),
    finding('CVE-2023-0464-libssl3', 'high', {
      tool: 'Grype',
      aliases: ['CVE-2023-0464'],
      location: { path: '/lib/apk/db/installed', startLine: 1 },
    }),
    finding('GHSA-c3g4-wp7x-9mq2', 'high', {
      source: 'npm-audit',
      tool: 'npm audit',
      location: { path: 'package-lock.json', startLine: 9 },
    }),
    finding('@secretlint/secretlint-rule-privatekey', 'high', {
      source: 'secrets',
      tool: 'secretlint',
      location: { path: 'test/fixtures/server.pem', startLine: 1 },
    }),
    finding('@secretlint/secretlint-rule-privatekey', 'high', {
      source: 'secrets',
      tool: 'secretlint',
      location: { path: 'deploy/server.pem', startLine: 1 },
    }),
    finding('js/reflected-xss', 'medium', { location: { path: 'src/routes/search.js', startLine: 57 } }),
    finding('CVE-2023-28484', 'low'),
    finding('note-rule', 'none'),
  ];
  const exceptions: IgnoreEntry[] = [
    { index: 0, id: 'CVE-2023-38545', reason: 'curl is not used at runtime', expires: '2025-06-15' },
    { index: 1, id: 'cve-2023-0464', reason: 'expired on purpose', expires: '2025-06-14' },
    { index: 2, id: '@secretlint/secretlint-rule-privatekey', reason: 'test key', path: 'test/fixtures/' },
    { index: 3, id: 'js/reflected-xss', reason: 'escaped by the template', path: 'src/**/*.ts' },
    { index: 4, id: 'CVE-1999-0001', reason: 'stale', expires: '2030-01-01' },
  ];

  it('applies unexpired and pathed exceptions, lists expired and unused ones, and blocks at the threshold', () => {
    const result = evaluatePolicy(findings, { threshold: 'high', exceptions, now });
    expect(result.ignored.map((i) => [i.finding.id, i.finding.location?.path, i.exception.index])).toEqual([
      ['CVE-2023-38545', 'library/alpine', 0],
      ['@secretlint/secretlint-rule-privatekey', 'test/fixtures/server.pem', 2],
    ]);
    expect(result.applied.map((a) => [a.exception.index, a.matched])).toEqual([
      [0, 1],
      [2, 1],
    ]);
    // expired: it would have matched the Grype finding by its CVE alias, but no longer applies
    expect(result.expired.map((e) => [e.exception.index, e.matched])).toEqual([[1, 1]]);
    expect(result.unused.map((e) => e.index)).toEqual([3, 4]);
    expect(result.blocking.map((f) => [f.id, f.location?.path])).toEqual([
      ['CVE-2023-0464-libssl3', '/lib/apk/db/installed'],
      ['GHSA-c3g4-wp7x-9mq2', 'package-lock.json'],
      ['@secretlint/secretlint-rule-privatekey', 'deploy/server.pem'],
    ]);
    expect(result.result).toBe('fail');
    expect(result.counts).toEqual({ critical: 0, high: 3, medium: 1, low: 1, none: 1 });
    expect(result.countsBySource).toEqual({ sarif: 4, secrets: 1, 'npm-audit': 1 });
  });

  it('the day after, the first exception has expired too', () => {
    const result = evaluatePolicy(findings, { threshold: 'critical', exceptions, now: () => new Date('2025-06-16T00:00:01Z') });
    expect(result.expired.map((e) => e.exception.index)).toEqual([0, 1]);
    expect(result.blocking.map((f) => f.id)).toEqual(['CVE-2023-38545']);
    expect(result.counts.critical).toBe(1);
  });

  it.each([
    ['critical', 1],
    ['high', 5],
    ['medium', 6],
    ['low', 7],
    ['none', 0],
  ] as const)('threshold %s blocks %i findings without exceptions', (threshold, count) => {
    const result = evaluatePolicy(findings, { threshold, now });
    expect(result.blocking).toHaveLength(count);
    expect(result.result).toBe(count ? 'fail' : 'pass');
  });

  it('passes with no findings, and matches an exception by GHSA id case-insensitively', () => {
    expect(evaluatePolicy([], { threshold: 'low', now }).result).toBe('pass');
    const result = evaluatePolicy([findings[2]!], {
      threshold: 'low',
      now,
      exceptions: [{ index: 0, id: 'ghsa-C3G4-wp7x-9mq2', reason: 'r' }],
    });
    expect(result.result).toBe('pass');
    expect(result.ignored).toHaveLength(1);
  });

  it('a pathed exception never covers a finding without a location', () => {
    const result = evaluatePolicy([finding('X', 'high')], {
      threshold: 'high',
      now,
      exceptions: [{ index: 0, id: 'X', reason: 'r', path: '**' }],
    });
    expect(result.result).toBe('fail');
  });

  it('blocks() table', () => {
    expect(blocks('critical', 'none')).toBe(false);
    expect(blocks('none', 'low')).toBe(false);
    expect(blocks('low', 'low')).toBe(true);
    expect(blocks('medium', 'high')).toBe(false);
    expect(blocks('critical', 'high')).toBe(true);
  });
});
