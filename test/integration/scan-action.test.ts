import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/verify/random.js';
import { ScanError } from '../../src/scan/errors.js';
import { describeScanError } from '../../src/scan/scan-error-message.js';
import { splitPatterns } from '../../src/scan/sarif-input.js';
import { readSarifFile } from '../../src/scan/sarif.js';
import type { SarifLog } from '../../src/scan/sarif-types.js';
import { startNpmAdvisoryServer, type AdvisoryServer } from '../helpers/npm-advisory-server.js';
import { ROOT, runAction, type ActionRun } from '../helpers/run-action.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'scan');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh workspace with the given files (name -> text, or a fixture to copy as `fixture:<name>`). */
function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'scan-action-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    if (content.startsWith('fixture:')) copyFileSync(join(FIXTURES, content.slice('fixture:'.length)), path);
    else writeFileSync(path, content);
  }
  return dir;
}

const SCANNERS = {
  'reports/trivy.sarif': 'fixture:trivy-image.sarif',
  'reports/grype.sarif': 'fixture:grype.sarif',
  'reports/codeql.sarif': 'fixture:codeql.sarif',
};
const sarifOnly = { secrets: 'false', 'npm-audit': 'false' };

const scan = (cwd: string, inputs: Record<string, string>, env: Record<string, string> = {}) => runAction('scan', { cwd, inputs, env });

/** A GitHub token that exists only at run time, so no secret is ever committed; from a fixed seed. */
const rng = createRng(4242);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const plantedToken = () => ['gh', 'p_'].join('') + Array.from({ length: 36 }, () => ALNUM[Math.floor(rng.next() * ALNUM.length)]).join('');

/** The rules code scanning applies to an upload: 2.1.0, unique tool+category runs, rules resolvable, a location on every result. */
function expectUploadable(log: SarifLog): void {
  expect(log.version).toBe('2.1.0');
  const keys = log.runs.map((r) => `${r.tool.driver.name}|${r.automationDetails?.id ?? ''}`);
  expect(new Set(keys).size).toBe(keys.length);
  for (const run of log.runs) {
    const rules = run.tool.driver.rules ?? [];
    for (const result of run.results ?? []) {
      expect(rules[result.ruleIndex!]?.id).toBe(result.ruleId);
      expect(result.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBeTruthy();
      expect(result.message?.text).toBeTruthy();
    }
    for (const rule of rules) {
      const score = rule.properties?.['security-severity'];
      if (score !== undefined) expect(score).toMatch(/^\d+(\.\d+)?$/);
    }
  }
}

describe('scan bundle: merging SARIF from real scanners', () => {
  let run: ActionRun;
  let cwd: string;
  beforeAll(async () => {
    cwd = workspace(SCANNERS);
    run = await scan(cwd, { sarif: 'reports/*.sarif', output: 'out/merged.sarif', ...sarifOnly });
  });

  it('counts by severity, blocks at high and fails the step with one error, outputs set', () => {
    // trivy: critical, high, medium, low; grype: high (7.5), medium (warning); codeql: high, medium, low (+1 suppressed by CodeQL)
    expect(run.outputs).toEqual({
      result: 'fail',
      critical: '1',
      high: '3',
      medium: '3',
      low: '2',
      blocking: '4',
      sarif: join(cwd, 'out', 'merged.sarif'),
    });
    expect(run.code).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain('4 blocking findings at or above high');
    expect(run.errors[0]).toContain('CVE-2023-38545 (critical, library/alpine:1)');
  });

  it('writes one merged SARIF that upload-sarif accepts and that reads back to the same severities', async () => {
    const log = JSON.parse(readFileSync(run.outputs.sarif!, 'utf8')) as SarifLog;
    expectUploadable(log);
    expect(log.runs.map((r) => r.tool.driver.name).sort()).toEqual(['CodeQL', 'Grype', 'Trivy']);
    const back = await readSarifFile(run.outputs.sarif!);
    const counts: Record<string, number> = {};
    for (const f of back.findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
    expect(counts).toEqual({ critical: 1, high: 3, medium: 3, low: 2 });
  });

  it('summarises the verdict, the counts by source and the blocking findings first', () => {
    const s = run.summary;
    expect(s).toContain('**❌ 4 blocking findings at or above high**');
    expect(s).toContain('| Trivy | 1 | 1 | 1 | 1 | 4 |');
    expect(s).toContain('| Grype | 0 | 1 | 1 | 0 | 2 |');
    expect(s).toContain('| CodeQL | 0 | 1 | 1 | 1 | 3 |');
    expect(s).toContain('| **total** | 1 | 3 | 3 | 2 | 9 |');
    const blocking = s.indexOf('### Blocking findings (4)');
    const below = s.indexOf('<details><summary>5 findings below the threshold</summary>');
    expect(blocking).toBeGreaterThan(-1);
    expect(below).toBeGreaterThan(blocking);
    const blockingPart = s.slice(blocking, below);
    expect(blockingPart).toContain('| 🟥 critical | CVE-2023-38545 | library/alpine:1 | Trivy |');
    expect(blockingPart).toContain('| js/sql-injection | src/routes/search.js:42 | CodeQL |');
    expect(blockingPart).not.toContain('js/reflected-xss');
    expect(s).toContain('Suppressed by the tools themselves: 1');
  });
});

describe('scan bundle: secrets, exceptions and policy', () => {
  it('a planted secret is a blocking high finding, and its value is never printed or written', async () => {
    const token = plantedToken();
    const cwd = workspace({ 'config/app.env': `# settings\nGITHUB_TOKEN=${token}\n`, 'src/index.js': 'console.log(1);\n' });
    const run = await scan(cwd, { 'npm-audit': 'false', output: 'merged.sarif' });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'fail', critical: '0', high: '1', blocking: '1' });
    expect(run.summary).toMatch(/\| 🟧 high \| @secretlint\/secretlint-rule-github \| config\/app\.env:2 \| secretlint \|/);
    expect(run.summary).toContain('| secret scan (secretlint) | 0 | 1 | 0 | 0 | 1 |');
    const sarif = readFileSync(run.outputs.sarif!, 'utf8');
    expectUploadable(JSON.parse(sarif) as SarifLog);
    for (const text of [run.stdout, run.stderr, run.summary, sarif]) expect(text).not.toContain(token.slice(4));
  });

  it('applies an exception in date, reports an expired one, and marks the accepted finding suppressed', async () => {
    const cwd = workspace({
      'reports/trivy.sarif': 'fixture:trivy-image.sarif',
      '.github/shipline-ignore.yml': [
        'ignore:',
        '  - id: CVE-2023-38545',
        '    reason: curl is not in the <runtime> image | checked',
        '    expires: 2999-12-31',
        '  - id: CVE-2023-2975',
        '    reason: waiting for the base image',
        '    expires: 2020-01-31',
        '',
      ].join('\n'),
    });
    const run = await scan(cwd, { sarif: 'reports/trivy.sarif', ...sarifOnly });
    expect(run.outputs).toMatchObject({ result: 'fail', critical: '0', high: '1', medium: '1', low: '1', blocking: '1' });
    const s = run.summary;
    expect(s).toContain('### Exceptions (.github/shipline-ignore.yml)');
    expect(s).toContain('| CVE-2023-38545 | any | curl is not in the &lt;runtime&gt; image &#124; checked | 2999-12-31 | 1 |');
    expect(s).toContain('Expired (no longer applied; renew or remove them):');
    expect(s).toContain('| CVE-2023-2975 | 2020-01-31 | waiting for the base image | 1 |');
    expect(s).toContain('exception ignore\\[1\\] for CVE-2023-2975 expired on 2020-01-31');
    expect(run.stdout).toMatch(/^::warning::.*CVE-2023-2975 expired on 2020-01-31/m);
    const log = JSON.parse(readFileSync(run.outputs.sarif!, 'utf8')) as SarifLog;
    const curl = log.runs[0]!.results!.find((r) => r.ruleId === 'CVE-2023-38545')!;
    expect(curl.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'curl is not in the <runtime> image | checked' },
    ]);
  });

  it('fail-on-findings: false reports the failure in outputs and summary and exits 0', async () => {
    const cwd = workspace(SCANNERS);
    const run = await scan(cwd, { sarif: 'reports', 'fail-on-findings': 'false', ...sarifOnly });
    expect(run.code).toBe(0);
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ result: 'fail', blocking: '4' });
    expect(run.summary).toContain('4 blocking findings at or above high (reported only: fail-on-findings is false)');
    expect(run.stdout).toMatch(/^::warning::4 blocking findings.*fail-on-findings is false/m);
    expect(existsSync(run.outputs.sarif!)).toBe(true);
  });

  it('severity-threshold critical lets highs through; none blocks nothing', async () => {
    const cwd = workspace(SCANNERS);
    const critical = await scan(cwd, { sarif: 'reports/*.sarif', 'severity-threshold': 'critical', ...sarifOnly });
    expect(critical.outputs).toMatchObject({ result: 'fail', blocking: '1', high: '3' });
    const none = await scan(cwd, { sarif: 'reports/*.sarif', 'severity-threshold': 'none', ...sarifOnly });
    expect(none.code).toBe(0);
    expect(none.outputs).toMatchObject({ result: 'pass', blocking: '0', critical: '1' });
    expect(none.summary).toContain('Nothing blocks (severity-threshold: none); 9 findings reported');
  });

  it('reads its settings from the config file, and names the config path in errors', async () => {
    const config = (threshold: string) =>
      `defaults:\n  scan:\n    sarif: [reports/trivy.sarif, reports/grype.sarif]\n    severity-threshold: ${threshold}\n    secrets: false\n    npm-audit: "false"\n`;
    const cwd = workspace({ ...SCANNERS, '.github/shipline.yml': config('critical') });
    const run = await scan(cwd, {});
    expect(run.outputs).toMatchObject({ result: 'fail', critical: '1', high: '2', medium: '2', blocking: '1' });
    writeFileSync(join(cwd, '.github', 'shipline.yml'), config('severe'));
    const bad = await scan(cwd, {});
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors[0]).toMatch(/^::error::Config \.github\/shipline\.yml, defaults\.scan\.severity-threshold: "severe" is not allowed/);
  });

  it('escapes text from the tools and keeps it from starting workflow commands', async () => {
    const hostile = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'Evil<b>Tool</b>', rules: [{ id: 'x|1', properties: { 'security-severity': '9.5' } }] } },
          results: [
            {
              ruleId: 'x|1',
              message: { text: '::error::forged\n::error::again <img src=x onerror=alert(1)> [link](http://e.x)' },
              locations: [{ physicalLocation: { artifactLocation: { uri: 'a|b.js' }, region: { startLine: 3 } } }],
            },
          ],
        },
      ],
    };
    const cwd = workspace({ 'evil.sarif': JSON.stringify(hostile) });
    const run = await scan(cwd, { sarif: 'evil.sarif', ...sarifOnly });
    expect(run.outputs).toMatchObject({ result: 'fail', critical: '1' });
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(/^::error::1 blocking finding/);
    expect(run.summary).not.toMatch(/<img|<b>|\]\(http/);
    expect(run.summary).toContain('| 🟥 critical | x&#124;1 | a&#124;b.js:3 | Evil&lt;b&gt;Tool&lt;/b&gt; | ::error::forged |');
  });
});

/** A port nothing listens on: bind one, then let it go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('scan bundle: npm audit', () => {
  let server: AdvisoryServer;
  let npmEnv: Record<string, string>;
  const project = () => {
    const deps = { 'left-pad': '1.0.0', 'evil-pkg': '^2.0.0' };
    const pkg = (name: string, version: string) => ({
      version,
      resolved: `${server.url}${name}/-/${name}-${version}.tgz`,
      integrity: `sha512-${Buffer.alloc(64, name.length).toString('base64')}`,
    });
    const lock = {
      name: 'app',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'app', version: '1.0.0', dependencies: deps },
        'node_modules/evil-pkg': pkg('evil-pkg', '2.0.0'),
        'node_modules/left-pad': pkg('left-pad', '1.0.0'),
      },
    };
    return workspace({
      'package.json': JSON.stringify({ name: 'app', version: '1.0.0', dependencies: deps }, null, 2),
      'package-lock.json': `${JSON.stringify(lock, null, 2)}\n`,
    });
  };

  beforeAll(async () => {
    server = await startNpmAdvisoryServer({
      advisories: {
        'left-pad': [
          {
            id: 1001,
            url: 'https://github.com/advisories/GHSA-c3g4-wp7x-9mq2',
            title: 'Prototype pollution in left-pad',
            severity: 'high',
            vulnerable_versions: '<1.3.0',
          },
        ],
        'evil-pkg': [
          {
            id: 1002,
            url: 'https://github.com/advisories/GHSA-9m2q-rxv5-hfpw',
            title: 'Malware in evil-pkg',
            severity: 'critical',
            vulnerable_versions: '>=0.0.0',
          },
        ],
      },
      packages: { 'left-pad': ['1.0.0', '1.3.0'], 'evil-pkg': ['2.0.0'] },
    });
    npmEnv = { npm_config_cache: workspace(), npm_config_audit_level: 'none', npm_config_fetch_retries: '0' };
  });
  afterAll(() => server?.close());

  it('audits the lockfile against the advisory source and blocks on its findings', async () => {
    const cwd = project();
    const run = await scan(cwd, { secrets: 'false' }, { ...npmEnv, npm_config_registry: server.url });
    expect(server.bulkRequests.length).toBeGreaterThan(0);
    expect(run.outputs).toMatchObject({ result: 'fail', critical: '1', high: '1', blocking: '2' });
    expect(run.summary).toContain('| npm audit | 1 | 1 | 0 | 0 | 2 |');
    expect(run.summary).toMatch(/\| 🟥 critical \| GHSA-9m2q-rxv5-hfpw \| package-lock\.json:\d+ \| npm audit \|/);
    expect(run.summary).toContain('ran on package-lock.json: 2 advisory findings');
    expectUploadable(JSON.parse(readFileSync(run.outputs.sarif!, 'utf8')) as SarifLog);
  });

  it('on auto, an unreachable advisory source is a warning in the summary and the verdict, never a silent pass', async () => {
    const cwd = project();
    const run = await scan(cwd, { secrets: 'false' }, { ...npmEnv, npm_config_registry: `http://127.0.0.1:${await closedPort()}/` });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'pass', blocking: '0' });
    expect(run.summary).toMatch(
      /\*\*✅ No finding at or above high; 0 findings below it; npm audit did NOT run, so dependencies were not audited\*\*/,
    );
    expect(run.summary).toContain('### ⚠️ Warnings');
    expect(run.summary).toMatch(/npm audit could not run, so dependencies were NOT audited: .*ECONNREFUSED/);
    expect(run.stdout).toMatch(/^::warning::npm audit could not run/m);
  });

  it('on true, an unreachable advisory source fails the step with one error', async () => {
    const cwd = project();
    const run = await scan(
      cwd,
      { secrets: 'false', 'npm-audit': 'true' },
      { ...npmEnv, npm_config_registry: `http://127.0.0.1:${await closedPort()}/` },
    );
    expect(run.code).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(/^::error::Input "npm-audit": npm-audit is true but npm audit produced no report/);
  });
});

describe('scan bundle: bad input is one clear error and nothing is written', () => {
  const cases: [string, Record<string, string>, Record<string, string>, RegExp][] = [
    [
      'a SARIF file that is not JSON',
      { 'r/bad.sarif': 'fixture:not-json.sarif' },
      { sarif: 'r/bad.sarif' },
      /^::error::Input "sarif", file r\/bad\.sarif: not valid JSON/,
    ],
    [
      'a JSON file that is not SARIF',
      { 'r/x.json': 'fixture:not-sarif.json' },
      { sarif: 'r/*.json' },
      /^::error::Input "sarif", file r\/x\.json: JSON but not SARIF/,
    ],
    [
      'a glob that matches nothing',
      { 'r/trivy.sarif': 'fixture:trivy-image.sarif' },
      { sarif: 'r/trivy.sarif\nscanners/*.sarif' },
      /^::error::Input "sarif": "scanners\/\*\.sarif" matched no file .*allow-missing: true/,
    ],
    ['a path that does not exist', {}, { sarif: 'nope.sarif' }, /^::error::Input "sarif": nope\.sarif does not exist/],
    [
      'severity-threshold: severe',
      {},
      { 'severity-threshold': 'severe' },
      /^::error::Input "severity-threshold": "severe" is not allowed\. Accepted: one of critical, high, medium, low, none\./,
    ],
    ['secrets: yes', {}, { secrets: 'yes' }, /^::error::Input "secrets": "yes" is not a boolean\. Accepted: true or false\./],
    [
      'an ignore file with a bad date',
      { '.github/shipline-ignore.yml': 'ignore:\n  - id: CVE-2023-0464\n    reason: later\n    expires: 2025-02-30\n' },
      {},
      /^::error::Input "ignore-file", file \.github\/shipline-ignore\.yml: ignore\[0\] \(id CVE-2023-0464\): expires "2025-02-30" is not a date/,
    ],
    [
      'an ignore file named but missing',
      {},
      { 'ignore-file': 'policy/ignore.yml' },
      /^::error::Input "ignore-file": cannot read policy\/ignore\.yml/,
    ],
    ['nothing to scan', {}, { secrets: 'false', 'npm-audit': 'false' }, /^::error::Nothing to scan/],
  ];
  it.each(cases)('%s', async (_name, files, inputs, pattern) => {
    const cwd = workspace(files);
    const run = await scan(cwd, { output: 'merged.sarif', 'npm-audit': 'false', ...inputs });
    expect(run.code).toBe(1);
    expect(run.errors, run.stdout).toHaveLength(1);
    expect(run.errors[0]).toMatch(pattern);
    expect(existsSync(join(cwd, 'merged.sarif'))).toBe(false);
    expect(run.outputs.result).toBeUndefined();
  });

  it('allow-missing: true turns a glob that matched nothing into a warning', async () => {
    const cwd = workspace({ 'r/trivy.sarif': 'fixture:trivy-image.sarif' });
    const run = await scan(cwd, {
      sarif: 'r/trivy.sarif, scanners/*.{sarif,json}',
      'allow-missing': 'true',
      'severity-threshold': 'none',
      ...sarifOnly,
    });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'pass', critical: '1' });
    expect(run.summary).toContain('sarif: scanners/\\*.{sarif,json} matched no file');
  });

  it('dry-run validates the files, plans, and writes nothing', async () => {
    const cwd = workspace(SCANNERS);
    const run = await scan(cwd, { sarif: 'reports/*.sarif', output: 'merged.sarif', 'dry-run': 'true' });
    expect(run.code).toBe(0);
    expect(run.outputs).toEqual({});
    expect(existsSync(join(cwd, 'merged.sarif'))).toBe(false);
    expect(run.summary).toContain('Dry run: would read 3 SARIF files, a secret scan of the workspace, npm audit (auto)');
    expect(run.summary).toContain('| reports/trivy.sarif | 4 |');
  });
});

describe('scan input helpers', () => {
  it.each([
    ['a.sarif', ['a.sarif']],
    ['a.sarif, b/*.sarif\n\n c/', ['a.sarif', 'b/*.sarif', 'c/']],
    ['r/*.{sarif,json},x.sarif', ['r/*.{sarif,json}', 'x.sarif']],
    ['', []],
  ])('splitPatterns(%j)', (text, expected) => {
    expect(splitPatterns(text)).toEqual(expected);
  });

  // The line is built from the error's parts (input, file, problem), never by reading its message.
  it.each([
    [
      new ScanError('sarif', 'x.sarif does not exist (looked in /ws)'),
      'Input "sarif": x.sarif does not exist (looked in /ws). Accepted: paths or globs of SARIF 2.1.0 JSON files, one a line or separated by commas.',
    ],
    [
      new ScanError('sarif', 'not valid JSON, so not a SARIF file (x)', '/ws/r/a.sarif'),
      'Input "sarif", file r/a.sarif: not valid JSON, so not a SARIF file (x). Accepted: paths or globs of SARIF 2.1.0 JSON files, one a line or separated by commas.',
    ],
    [
      new ScanError('ignore-file', 'ignore[2]: id is required', '/ws/.github/shipline-ignore.yml'),
      'Input "ignore-file", file .github/shipline-ignore.yml: ignore[2]: id is required. Accepted: a YAML file with "ignore:", a list of exceptions of id, reason and expires (YYYY-MM-DD), and optionally path.',
    ],
    [
      new ScanError('ignore-file', 'not valid YAML (y)', '/etc/ignore.yml'),
      'Input "ignore-file", file /etc/ignore.yml: not valid YAML (y). Accepted: a YAML file with "ignore:", a list of exceptions of id, reason and expires (YYYY-MM-DD), and optionally path.',
    ],
    [
      new ScanError('npm-audit', 'npm-audit is true but there is no lockfile'),
      'Input "npm-audit": npm-audit is true but there is no lockfile. Accepted: auto, true (needs a lockfile and the advisory source) or false.',
    ],
  ])('describeScanError(%s)', (error, expected) => {
    expect(describeScanError(error, { workspace: '/ws' })).toBe(expected);
    expect(error.input).toBe(error.scanInput);
    expect(error.failureKind).toBe('input');
  });
});
