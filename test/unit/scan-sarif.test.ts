import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanError } from '../../src/scan/errors.js';
import { parseSarif, readSarifFile, normalisePath } from '../../src/scan/sarif.js';
import { resolveSarifPaths } from '../../src/scan/sarif-files.js';
import type { Finding } from '../../src/scan/finding.js';

const fixtures = fileURLToPath(new URL('../fixtures/scan/', import.meta.url));
const fixture = (name: string) => path.join(fixtures, name);
const byId = (findings: Finding[]) => Object.fromEntries(findings.map((f) => [f.id, f]));

describe('reading SARIF written by real tools', () => {
  it('Trivy image scan: security-severity strings on the rules decide the severity', async () => {
    const { findings } = await readSarifFile(fixture('trivy-image.sarif'));
    expect(findings.map((f) => [f.id, f.severity, f.score])).toEqual([
      ['CVE-2023-0464', 'high', 7.5],
      ['CVE-2023-38545', 'critical', 9.8],
      ['CVE-2023-2975', 'medium', 5.3],
      ['CVE-2023-28484', 'low', 3.7],
    ]);
    const first = findings[0]!;
    expect(first).toMatchObject({
      tool: 'Trivy',
      source: 'sarif',
      level: 'error',
      location: { path: 'library/alpine', startLine: 1 },
      aliases: ['CVE-2023-0464'],
      rule: { name: 'OsPackageVulnerability', helpUri: 'https://avd.aquasec.com/nvd/cve-2023-0464' },
    });
    expect(first.message).toContain('Package: libssl3');
    expect(first.category).toBeUndefined();
  });

  it('Grype: package-suffixed rule ids still name their CVE; a rule without score or level is medium', async () => {
    const { findings } = await readSarifFile(fixture('grype.sarif'));
    const f = byId(findings);
    expect(f['CVE-2023-0464-libssl3']).toMatchObject({ severity: 'high', score: 7.5, aliases: ['CVE-2023-0464'] });
    expect(f['CVE-2023-0464-libssl3']!.location).toEqual({ path: '/lib/apk/db/installed', startLine: 1 });
    expect(f['CVE-2023-42363-busybox']).toMatchObject({ severity: 'medium', level: 'warning', aliases: ['CVE-2023-42363'] });
    expect(f['CVE-2023-42363-busybox']!.score).toBeUndefined();
  });

  it('CodeQL: rules found in tool.extensions, levels from the rule default, suppressed results left out', async () => {
    const { findings, suppressed } = await readSarifFile(fixture('codeql.sarif'));
    expect(suppressed).toBe(1);
    expect(findings).toHaveLength(3);
    const f = byId(findings);
    expect(f['js/sql-injection']).toMatchObject({
      severity: 'high',
      score: 8.8,
      level: 'error',
      category: '/language:javascript/',
      location: { path: 'src/routes/search.js', startLine: 42 },
    });
    // location given only as an index into run.artifacts
    expect(f['js/reflected-xss']).toMatchObject({
      severity: 'medium',
      score: 6.1,
      location: { path: 'src/routes/search.js', startLine: 57 },
    });
    expect(f['js/unused-local-variable']).toMatchObject({ severity: 'low', level: 'note' });
    expect(f['js/unused-local-variable']!.score).toBeUndefined();
  });

  it('keeps results that have no location', async () => {
    const { findings } = await readSarifFile(fixture('no-location.sarif'));
    expect(findings.map((f) => [f.id, f.severity, f.location])).toEqual([
      ['EnableGenerateDocumentationFile', 'medium', undefined],
      ['CA5350', 'high', undefined],
    ]);
    expect(findings[0]!.tool).toBe('Microsoft (R) Visual C# Compiler');
  });

  it('reads every run of a file with two runs, with file URIs made workspace-relative', async () => {
    const { findings } = await readSarifFile(fixture('two-runs.sarif'), { workspace: '/github/workspace' });
    expect(findings.map((f) => [f.tool, f.id, f.severity, f.location?.path, f.category])).toEqual([
      ['Trivy', 'CVE-2021-23337', 'high', 'package-lock.json', 'trivy-fs/'],
      // a numeric security-severity on the result itself
      ['dependency-check', 'CVE-2021-23337', 'critical', 'package-lock.json', undefined],
      ['dependency-check', 'CVE-2020-28500', 'medium', 'package-lock.json', undefined],
    ]);
  });
});

/** One rule and one result, to pin the severity mapping. */
function severityOf(opts: { ruleProps?: object; resultProps?: object; level?: string; defaultLevel?: string }): string {
  const rule: Record<string, unknown> = { id: 'r1' };
  if (opts.ruleProps) rule.properties = opts.ruleProps;
  if (opts.defaultLevel) rule.defaultConfiguration = { level: opts.defaultLevel };
  const result: Record<string, unknown> = { ruleId: 'r1', message: { text: 'm' } };
  if (opts.level) result.level = opts.level;
  if (opts.resultProps) result.properties = opts.resultProps;
  const log = { version: '2.1.0', runs: [{ tool: { driver: { name: 't', rules: [rule] } }, results: [result] }] };
  return parseSarif(JSON.stringify(log), 'table.sarif').findings[0]!.severity;
}

describe('severity mapping', () => {
  it.each([
    [{ ruleProps: { 'security-severity': '10.0' } }, 'critical'],
    [{ ruleProps: { 'security-severity': '9.8' } }, 'critical'],
    [{ ruleProps: { 'security-severity': '9.0' } }, 'critical'],
    [{ ruleProps: { 'security-severity': '8.99' } }, 'high'],
    [{ ruleProps: { 'security-severity': '7.0' } }, 'high'],
    [{ ruleProps: { 'security-severity': '6.9' } }, 'medium'],
    [{ ruleProps: { 'security-severity': '4.0' } }, 'medium'],
    [{ ruleProps: { 'security-severity': '3.9' } }, 'low'],
    [{ ruleProps: { 'security-severity': '0.1' } }, 'low'],
    [{ ruleProps: { 'security-severity': 9.5 } }, 'critical'],
    [{ ruleProps: { 'security-severity': '7.5' }, level: 'note' }, 'high'],
    [{ ruleProps: { 'security-severity': '0.0' }, level: 'error' }, 'high'],
    [{ ruleProps: { 'security-severity': 'high' }, level: 'warning' }, 'medium'],
    [{ ruleProps: { 'security-severity': '11' }, level: 'note' }, 'low'],
    [{ level: 'error' }, 'high'],
    [{ level: 'warning' }, 'medium'],
    [{ level: 'note' }, 'low'],
    [{ level: 'none' }, 'none'],
    [{ defaultLevel: 'error' }, 'high'],
    [{ defaultLevel: 'note' }, 'low'],
    [{ level: 'note', defaultLevel: 'error' }, 'low'],
    [{}, 'medium'],
    [{ resultProps: { 'security-severity': '9.1' }, ruleProps: { 'security-severity': '5.0' } }, 'critical'],
    [{ resultProps: { 'security-severity': '2.0' }, level: 'error' }, 'low'],
  ])('%j -> %s', (opts, expected) => {
    expect(severityOf(opts)).toBe(expected);
  });

  it('looks a rule up by ruleIndex when the result has no ruleId', () => {
    const log = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 't', rules: [{ id: 'a' }, { id: 'b', properties: { 'security-severity': '9.9' } }] } },
          results: [{ ruleIndex: 1, message: { text: 'x' } }],
        },
      ],
    };
    expect(parseSarif(JSON.stringify(log), 'x.sarif').findings[0]).toMatchObject({ id: 'b', severity: 'critical' });
  });

  it('builds the message from the rule message strings when the result has only an id', () => {
    const log = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 't', rules: [{ id: 'a', messageStrings: { default: { text: 'Use of {0} in {1}' } } }] } },
          results: [{ ruleId: 'a', message: { id: 'default', arguments: ['eval', 'main'] } }],
        },
      ],
    };
    expect(parseSarif(JSON.stringify(log), 'x.sarif').findings[0]!.message).toBe('Use of eval in main');
  });

  it('skips passing and not-applicable results', () => {
    const log = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 't' } },
          results: [
            { ruleId: 'a', kind: 'pass', message: { text: 'ok' } },
            { ruleId: 'b', kind: 'notApplicable', message: { text: 'n/a' } },
            { ruleId: 'c', kind: 'fail', message: { text: 'bad' } },
          ],
        },
      ],
    };
    expect(parseSarif(JSON.stringify(log), 'x.sarif').findings.map((f) => f.id)).toEqual(['c']);
  });
});

describe('bad SARIF input', () => {
  it('names the file that is not JSON', async () => {
    await expect(readSarifFile(fixture('not-json.sarif'))).rejects.toThrow(ScanError);
    await expect(readSarifFile(fixture('not-json.sarif'))).rejects.toThrow(/not-json\.sarif: not valid JSON/);
  });

  it('names the file that is JSON but not SARIF', async () => {
    await expect(readSarifFile(fixture('not-sarif.json'))).rejects.toThrow(/not-sarif\.json: JSON but not SARIF/);
  });

  it.each([
    ['[1,2]', /JSON but not SARIF/],
    ['{"version":"2.1.0"}', /JSON but not SARIF/],
    ['{"runs":[]}', /JSON but not SARIF/],
    ['{"version":"2.0.0","runs":[]}', /version "2.0.0" is not supported/],
    ['{"version":"2.1.0","runs":[{"results":[]}]}', /runs\[0\] has no tool.driver/],
  ])('%s is refused', (text, message) => {
    expect(() => parseSarif(text, 'in.sarif')).toThrow(message);
  });

  it('names a file that does not exist', async () => {
    await expect(readSarifFile(fixture('missing.sarif'))).rejects.toThrow(/missing\.sarif: cannot read SARIF file \(ENOENT\)/);
  });

  it('accepts an empty run list and a byte-order mark', () => {
    expect(parseSarif('\uFEFF{"version":"2.1.0","runs":[]}', 'bom.sarif').findings).toEqual([]);
  });
});

describe('paths', () => {
  it.each([
    ['src/a.js', undefined, 'src/a.js'],
    ['./src/a.js', undefined, 'src/a.js'],
    ['src/my%20file.js', undefined, 'src/my file.js'],
    ['file:///work/repo/src/a.js', '/work/repo', 'src/a.js'],
    ['file:///elsewhere/a.js', '/work/repo', '/elsewhere/a.js'],
    ['/work/repo/lib/b.ts', '/work/repo', 'lib/b.ts'],
    ['', undefined, undefined],
  ])('%s (workspace %s) -> %s', (uri, workspace, expected) => {
    expect(normalisePath(uri, workspace)).toBe(expected);
  });
});

describe('resolving the sarif input', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'scan-sarif-'));
    await mkdir(path.join(dir, 'reports', 'nested'), { recursive: true });
    await writeFile(path.join(dir, 'reports', 'a.sarif'), '{}');
    await writeFile(path.join(dir, 'reports', 'nested', 'b.sarif'), '{}');
    await writeFile(path.join(dir, 'reports', 'notes.txt'), '');
    await writeFile(path.join(dir, 'trivy.sarif'), '{}');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('expands globs and directories, once per file', async () => {
    const got = await resolveSarifPaths(['reports', 'trivy.sarif', '**/*.sarif', 'none/*.sarif'], dir);
    expect(got.files).toEqual(
      [path.join(dir, 'reports', 'a.sarif'), path.join(dir, 'reports', 'nested', 'b.sarif'), path.join(dir, 'trivy.sarif')].sort(),
    );
    expect(got.unmatched).toEqual(['none/*.sarif']);
  });

  it('refuses a plain path that does not exist', async () => {
    await expect(resolveSarifPaths(['grype.sarif'], dir)).rejects.toThrow(/sarif: grype\.sarif does not exist/);
  });
});
