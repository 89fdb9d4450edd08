import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanError } from '../../src/scan/errors.js';
import { npmAuditArgv } from '../../src/scan/npm-audit-argv.js';
import {
  advisorySeverity,
  classifyNpmAuditOutput,
  ghsaFromUrl,
  npmAuditFindings,
  type NpmAuditReport,
} from '../../src/scan/npm-audit-report.js';
import { redactUrls, runNpmAudit } from '../../src/scan/npm-audit.js';
import { commandResult, execFromArgv, type CommandResult, type Exec } from '../../src/core/exec.js';

const report: NpmAuditReport = {
  auditReportVersion: 2,
  vulnerabilities: {
    lodash: {
      name: 'lodash',
      severity: 'high',
      isDirect: false,
      via: [
        {
          source: 1,
          name: 'lodash',
          dependency: 'lodash',
          title: 'Command Injection in lodash',
          url: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm',
          severity: 'high',
          cwe: ['CWE-77', 'CWE-94'],
          cvss: { score: 7.2, vectorString: 'CVSS:3.1/AV:N' },
          range: '<4.17.21',
        },
        {
          source: 2,
          name: 'lodash',
          dependency: 'lodash',
          title: 'ReDoS in lodash',
          url: 'https://github.com/advisories/GHSA-29mw-wpgm-hmr9',
          severity: 'moderate',
          cvss: { score: 0, vectorString: null },
          range: '<4.17.21',
        },
      ],
      effects: ['some-lib'],
      range: '<=4.17.20',
      nodes: ['node_modules/lodash', 'node_modules/some-lib/node_modules/lodash'],
      fixAvailable: true,
    },
    'some-lib': {
      name: 'some-lib',
      severity: 'high',
      isDirect: true,
      via: ['lodash'],
      effects: [],
      range: '1.x',
      nodes: ['node_modules/some-lib'],
      fixAvailable: { name: 'some-lib', version: '2.0.0', isSemVerMajor: true },
    },
    tiny: {
      name: 'tiny',
      severity: 'info',
      via: [{ source: 3, name: 'tiny', title: 'Informational', url: 'https://example.com/advisory/3', severity: 'info', range: '*' }],
      nodes: ['node_modules/tiny'],
      fixAvailable: false,
    },
  },
};

const lockfileText = `${JSON.stringify(
  {
    name: 'app',
    lockfileVersion: 3,
    packages: {
      '': { name: 'app' },
      'node_modules/lodash': { version: '4.17.20' },
      'node_modules/some-lib': { version: '1.2.0' },
      'node_modules/some-lib/node_modules/lodash': { version: '4.17.19' },
      'node_modules/tiny': { version: '0.0.1' },
    },
  },
  null,
  2,
)}\n`;
const lineOf = (key: string) => lockfileText.split('\n').findIndex((l) => l.includes(`"${key}": {`)) + 1;

describe('npm audit command line', () => {
  it.each([
    [{}, ['audit', '--json']],
    [{ registry: 'http://127.0.0.1:4873/' }, ['audit', '--json', '--registry', 'http://127.0.0.1:4873/']],
    [{ registry: '' }, ['audit', '--json']],
  ])('%j -> %j', (options, argv) => {
    expect(npmAuditArgv(options)).toEqual(argv);
  });
});

describe('npm audit report', () => {
  it.each([
    [{ severity: 'critical' }, 'critical', undefined],
    [{ severity: 'high' }, 'high', undefined],
    [{ severity: 'moderate' }, 'medium', undefined],
    [{ severity: 'low' }, 'low', undefined],
    [{ severity: 'info' }, 'none', undefined],
    [{ severity: 'weird' }, 'high', undefined],
    [{}, 'high', undefined],
    [{ severity: 'moderate', cvss: { score: 9.8 } }, 'critical', 9.8],
    [{ severity: 'critical', cvss: { score: 5.3 } }, 'medium', 5.3],
    [{ severity: 'low', cvss: { score: 0 } }, 'low', undefined],
  ])('%j -> %s', (advisory, severity, score) => {
    const got = advisorySeverity(advisory);
    expect(got.severity).toBe(severity);
    expect(got.score).toBe(score);
  });

  it.each([
    ['https://github.com/advisories/GHSA-35jh-r3h4-6jhm', 'GHSA-35jh-r3h4-6jhm'],
    ['https://github.com/advisories/ghsa-35JH-r3h4-6jhm', 'GHSA-35jh-r3h4-6jhm'],
    ['https://npmjs.com/advisories/1673', undefined],
    [undefined, undefined],
  ])('GHSA of %s is %s', (url, id) => {
    expect(ghsaFromUrl(url)).toBe(id);
  });

  it('makes one finding per advisory and package, at the package line of the lockfile', () => {
    const findings = npmAuditFindings(report, { lockfilePath: 'package-lock.json', lockfileText });
    expect(findings.map((f) => [f.id, f.severity, f.score, f.level, f.location])).toEqual([
      ['GHSA-35jh-r3h4-6jhm', 'high', 7.2, 'error', { path: 'package-lock.json', startLine: lineOf('node_modules/lodash') }],
      ['GHSA-29mw-wpgm-hmr9', 'medium', undefined, 'warning', { path: 'package-lock.json', startLine: lineOf('node_modules/lodash') }],
      ['npm-advisory-3', 'none', undefined, 'none', { path: 'package-lock.json', startLine: lineOf('node_modules/tiny') }],
    ]);
    expect(findings[0]!.message).toBe('lodash@4.17.20, 4.17.19: Command Injection in lodash (vulnerable: <4.17.21). Fix: npm audit fix.');
    expect(findings[0]!.rule).toMatchObject({
      helpUri: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm',
      tags: ['security', 'dependency', 'external/cwe/cwe-77', 'external/cwe/cwe-94'],
    });
    expect(findings[0]!.aliases).toEqual(['GHSA-35jh-r3h4-6jhm']);
    expect(findings[2]!.message).toMatch(/No fix available\.$/);
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(3);
    expect(findings.every((f) => f.source === 'npm-audit' && f.tool === 'npm audit' && f.category === 'shipline/npm-audit/')).toBe(true);
  });

  it('works without the lockfile text, naming packages without versions', () => {
    const findings = npmAuditFindings(report, { lockfilePath: 'sub/package-lock.json' });
    expect(findings[0]!.location).toEqual({ path: 'sub/package-lock.json' });
    expect(findings[0]!.message.startsWith('lodash: ')).toBe(true);
  });

  it.each([
    ['report with exit code 1', JSON.stringify(report), '', 1, 'report'],
    ['report with no vulnerabilities', JSON.stringify({ auditReportVersion: 2, vulnerabilities: {}, metadata: {} }), '', 0, 'report'],
  ])('%s is a report', (_name, stdout, stderr, code, kind) => {
    expect(classifyNpmAuditOutput(stdout, stderr, code).kind).toBe(kind);
  });

  it.each([
    [
      'npm error JSON',
      JSON.stringify({
        message: 'request to http://127.0.0.1:9/-/npm/v1/security/advisories/bulk failed, reason: connect ECONNREFUSED 127.0.0.1:9',
        error: { summary: '', detail: '' },
      }),
      '',
      /ECONNREFUSED/,
    ],
    [
      'npm error JSON with a code',
      JSON.stringify({
        error: {
          code: 'ENOLOCK',
          summary: 'This command requires an existing lockfile.',
          detail: 'Try creating one first with: npm i --package-lock-only',
        },
      }),
      '',
      /^ENOLOCK: This command requires an existing lockfile\.: Try creating/,
    ],
    [
      'nothing on stdout',
      '',
      'npm warn config ignoring\nnpm error code E405\nnpm error 405 Method Not Allowed - POST http://x/-/npm/v1/security/advisories/bulk\n',
      /npm error code E405 \/ npm error 405 Method Not Allowed/,
    ],
    ['not JSON, no stderr', 'Segmentation fault', '', /exited with code 139 and printed no report/],
    ['an npm 6 report', JSON.stringify({ advisories: {}, metadata: {} }), '', /npm 7 or later/],
  ])('%s is an error', (_name, stdout, stderr, message) => {
    const out = classifyNpmAuditOutput(stdout, stderr, 139);
    expect(out.kind).toBe('error');
    if (out.kind === 'error') expect(out.message).toMatch(message);
  });
});

describe('running npm audit (command seam)', () => {
  let dir: string;
  const calls: { file: string; args: readonly string[]; cwd: string }[] = [];
  const replying = (reply: CommandResult): Exec =>
    execFromArgv(async (file, args, options = {}) => {
      calls.push({ file, args, cwd: options.cwd! });
      return reply;
    });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'scan-npm-unit-'));
    await mkdir(path.join(dir, 'with-lock'));
    await mkdir(path.join(dir, 'no-lock'));
    await writeFile(path.join(dir, 'with-lock', 'package-lock.json'), lockfileText);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('does nothing on false', async () => {
    calls.length = 0;
    const result = await runNpmAudit({
      cwd: path.join(dir, 'with-lock'),
      mode: 'false',
      exec: replying(commandResult({ code: 0, stdout: '', stderr: '' })),
    });
    expect(result).toMatchObject({ ran: false, reason: 'disabled' });
    expect(calls).toHaveLength(0);
  });

  it('skips quietly without a lockfile on auto, and refuses on true', async () => {
    calls.length = 0;
    const exec = replying(commandResult({ code: 0, stdout: '', stderr: '' }));
    const auto = await runNpmAudit({ cwd: path.join(dir, 'no-lock'), mode: 'auto', exec });
    expect(auto).toMatchObject({ ran: false, reason: 'no-lockfile' });
    expect(auto.ran === false && auto.warning).toBeFalsy();
    await expect(runNpmAudit({ cwd: path.join(dir, 'no-lock'), mode: 'true', exec })).rejects.toThrow(
      /npm-audit is true but there is no npm-shrinkwrap.json or package-lock.json/,
    );
    expect(calls).toHaveLength(0);
  });

  it('runs npm with an argv array in the package directory and reads the report', async () => {
    calls.length = 0;
    const cwd = path.join(dir, 'with-lock');
    const result = await runNpmAudit({
      cwd,
      workspace: dir,
      mode: 'true',
      registry: 'http://127.0.0.1:1/',
      exec: replying(commandResult({ code: 1, stdout: JSON.stringify(report), stderr: '' })),
    });
    expect(calls).toEqual([{ file: 'npm', args: ['audit', '--json', '--registry', 'http://127.0.0.1:1/'], cwd }]);
    expect(result.ran).toBe(true);
    if (result.ran) {
      expect(result.lockfile).toBe('with-lock/package-lock.json');
      expect(result.findings.map((f) => f.location?.path)).toEqual(Array(3).fill('with-lock/package-lock.json'));
    }
  });

  it('turns npm missing from PATH into a warning on auto', async () => {
    const result = await runNpmAudit({ cwd: path.join(dir, 'with-lock'), mode: 'auto', npm: 'npm-that-does-not-exist-here' });
    expect(result).toMatchObject({ ran: false, reason: 'unavailable' });
    if (!result.ran) expect(result.warning).toMatch(/npm-that-does-not-exist-here not found on PATH/);
  });

  it('refuses a failed audit on true with the reason', async () => {
    const exec = replying(
      commandResult({
        code: 1,
        stdout: JSON.stringify({
          message: 'request to https://ci:s3cret@registry.example/-/npm/v1/security/advisories/bulk failed',
          error: {},
        }),
        stderr: '',
      }),
    );
    const error = await runNpmAudit({ cwd: path.join(dir, 'with-lock'), mode: 'true', exec }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScanError);
    expect((error as Error).message).toContain('https://***@registry.example/');
    expect((error as Error).message).not.toContain('s3cret');
  });

  it.each([
    ['https://user:pass@registry.example/x', 'https://***@registry.example/x'],
    ['see http://token@host:8080/ and https://plain.example/', 'see http://***@host:8080/ and https://plain.example/'],
    ['no url here', 'no url here'],
  ])('redacts %s', (text, expected) => {
    expect(redactUrls(text)).toBe(expected);
  });
});
