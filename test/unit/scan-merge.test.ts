import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintOf, type Finding } from '../../src/scan/finding.js';
import { buildMergedSarif, dedupeFindings, writeMergedSarif } from '../../src/scan/merge.js';
import { readSarifFile } from '../../src/scan/sarif.js';
import type { SarifLog } from '../../src/scan/sarif-types.js';

const fixtures = fileURLToPath(new URL('../fixtures/scan/', import.meta.url));
const FIXTURES = ['trivy-image.sarif', 'grype.sarif', 'codeql.sarif', 'no-location.sarif', 'two-runs.sarif'];

function finding(over: Partial<Finding> & Pick<Finding, 'id' | 'tool'>): Finding {
  const base = { severity: 'medium' as const, level: 'warning' as const, message: 'msg', source: 'sarif' as const, raw: {} };
  const f = { ...base, ...over } as Finding;
  f.fingerprint = over.fingerprint ?? fingerprintOf(f.id, f.location, f.message);
  return f;
}

async function readAll(): Promise<Finding[]> {
  const all: Finding[] = [];
  for (const name of FIXTURES) {
    all.push(...(await readSarifFile(path.join(fixtures, name), { workspace: '/github/workspace' })).findings);
  }
  return all;
}

describe('de-duplication', () => {
  it('merges the same rule at the same location across tools, keeping the highest severity', async () => {
    const { findings } = await readSarifFile(path.join(fixtures, 'two-runs.sarif'), { workspace: '/github/workspace' });
    const merged = dedupeFindings(findings);
    expect(merged).toHaveLength(2);
    const lodash = merged.find((f) => f.id === 'CVE-2021-23337')!;
    expect(lodash).toMatchObject({ severity: 'critical', score: 9.1, tool: 'dependency-check', tools: ['Trivy', 'dependency-check'] });
    expect(merged.find((f) => f.id === 'CVE-2020-28500')!.tools).toEqual(['dependency-check']);
  });

  it('keeps the first report when a later one is weaker, and names each tool once', () => {
    const where = { path: 'src/a.js', startLine: 3 };
    const merged = dedupeFindings([
      finding({ id: 'r', tool: 'A', severity: 'high', level: 'error', location: where, message: 'from A' }),
      finding({ id: 'r', tool: 'B', severity: 'low', level: 'note', location: where, message: 'from B' }),
      finding({ id: 'r', tool: 'A', severity: 'medium', location: where, message: 'again A' }),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ tool: 'A', severity: 'high', message: 'from A', tools: ['A', 'B'] });
  });

  it('does not merge different lines, different rules, or location-less results with different messages', () => {
    const merged = dedupeFindings([
      finding({ id: 'r', tool: 'A', location: { path: 'a.js', startLine: 1 } }),
      finding({ id: 'r', tool: 'B', location: { path: 'a.js', startLine: 2 } }),
      finding({ id: 's', tool: 'B', location: { path: 'a.js', startLine: 1 } }),
      finding({ id: 'r', tool: 'A', message: 'one' }),
      finding({ id: 'r', tool: 'A', message: 'two' }),
      finding({ id: 'r', tool: 'B', message: 'two' }),
    ]);
    expect(merged.map((f) => [f.id, f.location?.startLine, f.message, f.tools])).toEqual([
      ['r', 1, 'msg', ['A']],
      ['r', 2, 'msg', ['B']],
      ['s', 1, 'msg', ['B']],
      ['r', undefined, 'one', ['A']],
      ['r', undefined, 'two', ['A', 'B']],
    ]);
  });

  it('pools CVE aliases of merged reports', () => {
    const where = { path: 'p', startLine: 1 };
    const merged = dedupeFindings([
      finding({ id: 'x', tool: 'A', location: where, aliases: ['CVE-2020-1111'] }),
      finding({ id: 'x', tool: 'B', location: where, aliases: ['GHSA-c3g4-wp7x-9mq2'], severity: 'high' }),
    ]);
    expect(merged[0]!.aliases).toEqual(['CVE-2020-1111', 'GHSA-c3g4-wp7x-9mq2']);
  });
});

describe('merged SARIF', () => {
  let dir: string;
  let findings: Finding[];
  let log: SarifLog;
  const npmCritical = finding({
    id: 'GHSA-c3g4-wp7x-9mq2',
    tool: 'npm audit',
    category: 'shipline/npm-audit/',
    source: 'npm-audit',
    severity: 'critical',
    level: 'error',
    location: { path: 'package-lock.json', startLine: 12 },
    message: 'left-pad@1.0.0: bad',
  });
  const secret = finding({
    id: '@secretlint/secretlint-rule-github',
    tool: 'secretlint',
    category: 'shipline/secrets/',
    source: 'secrets',
    severity: 'high',
    level: 'error',
    location: { path: 'config/my app.env', startLine: 2 },
    message: 'Possible secret (GITHUB_TOKEN)',
  });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'scan-merge-'));
    findings = dedupeFindings([...(await readAll()), npmCritical, secret]);
    log = await writeMergedSarif(path.join(dir, 'out', 'merged.sarif'), findings, { workspace: fixtures });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('has one run per tool and category, categories kept', () => {
    expect(log.version).toBe('2.1.0');
    const keys = log.runs.map((r) => `${r.tool.driver.name}|${r.automationDetails?.id ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual([
      'Trivy|',
      'Grype|',
      'CodeQL|/language:javascript/',
      'Microsoft (R) Visual C# Compiler|',
      // Trivy's fs run had one result, merged into dependency-check's stronger report
      'dependency-check|',
      'npm audit|shipline/npm-audit/',
      'secretlint|shipline/secrets/',
    ]);
  });

  it('gives every result a location and a rule with its security-severity, as code scanning requires', () => {
    for (const run of log.runs) {
      const rules = run.tool.driver.rules!;
      for (const result of run.results!) {
        expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
        const uri = result.locations?.[0]?.physicalLocation?.artifactLocation?.uri;
        expect(uri, `${result.ruleId} has a location`).toBeTruthy();
        expect(['error', 'warning', 'note', 'none']).toContain(result.level);
      }
    }
    const trivy = log.runs[0]!.tool.driver.rules!.find((r) => r.id === 'CVE-2023-38545')!;
    expect(trivy.properties?.['security-severity']).toBe('9.8');
    // an advisory rated critical without a CVSS score still reads as critical
    const runOf = (name: string) => log.runs.find((r) => r.tool.driver.name === name)!;
    const npm = runOf('npm audit').tool.driver.rules![0]!;
    expect(npm.properties?.['security-severity']).toBe('9.0');
    // a secret's severity is said by its level alone
    expect(runOf('secretlint').tool.driver.rules![0]!.properties?.['security-severity']).toBeUndefined();
    expect(runOf('secretlint').results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('config/my%20app.env');
  });

  it('records every tool that reported a merged finding and keeps CodeQL fingerprints', () => {
    const dc = log.runs.find((r) => r.tool.driver.name === 'dependency-check')!;
    expect(dc.results![0]!.properties?.['shipline-tools']).toEqual(['Trivy', 'dependency-check']);
    const codeql = log.runs.find((r) => r.tool.driver.name === 'CodeQL')!;
    expect(codeql.results![0]!.partialFingerprints).toEqual({
      primaryLocationLineHash: '39fa2ee980eb94b0:1',
      primaryLocationStartColumnFingerprint: '15',
    });
  });

  it('round-trips through the reader: same rules, tools, categories, severities and locations', async () => {
    const text = await readFile(path.join(dir, 'out', 'merged.sarif'), 'utf8');
    expect(JSON.parse(text)).toEqual(log);
    const back = (await readSarifFile(path.join(dir, 'out', 'merged.sarif'))).findings;
    const key = (f: Finding) =>
      [f.tool, f.category ?? '', f.id, f.severity, f.level, f.message, f.location?.path ?? '', f.location?.startLine ?? 0].join('|');
    const located = findings.filter((f) => f.location);
    expect(
      back
        .filter((f) => located.some((g) => key(g) === key(f)))
        .map(key)
        .sort(),
    ).toEqual(located.map(key).sort());
    // results that had no location come back at the fallback: the file they were read from
    const unlocated = back.filter((f) => f.tool === 'Microsoft (R) Visual C# Compiler');
    expect(unlocated.map((f) => [f.id, f.severity, f.location])).toEqual([
      ['EnableGenerateDocumentationFile', 'medium', { path: 'no-location.sarif' }],
      ['CA5350', 'high', { path: 'no-location.sarif' }],
    ]);
    expect(back).toHaveLength(findings.length);
  });

  it('uses a given fallback location', () => {
    const out = buildMergedSarif([finding({ id: 'x', tool: 't' })], { fallbackUri: 'Dockerfile' });
    expect(out.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('Dockerfile');
  });

  it('puts the highest score on a rule reported with several', () => {
    const out = buildMergedSarif([
      finding({ id: 'x', tool: 't', score: 5, location: { path: 'a' } }),
      finding({ id: 'x', tool: 't', score: 9.5, severity: 'critical', location: { path: 'b' } }),
    ]);
    const run = out.runs[0]!;
    expect(run.tool.driver.rules).toHaveLength(1);
    expect(run.tool.driver.rules![0]!.properties?.['security-severity']).toBe('9.5');
    expect(run.results!.map((r) => r.properties?.['security-severity'])).toEqual(['5.0', '9.5']);
  });
});
