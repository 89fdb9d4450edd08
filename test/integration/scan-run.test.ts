import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/verify/random.js';
import { runScan, type ScanSettings } from '../../src/scan/run-scan.js';
import { readSarifFile } from '../../src/scan/sarif.js';
import type { SarifLog } from '../../src/scan/sarif-types.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const fixtures = fileURLToPath(new URL('../fixtures/scan/', import.meta.url));

describe('runScan over a workspace', () => {
  let dir: string;
  const base = (): ScanSettings => ({
    workspace: dir,
    sarif: ['reports', 'missing/*.sarif'],
    secrets: true,
    npmAudit: 'auto',
    threshold: 'high',
    ignoreFile: '.github/shipline-ignore.yml',
    output: 'out/shipline.sarif',
  });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'scan-run-'));
    await mkdir(path.join(dir, 'reports'), { recursive: true });
    await mkdir(path.join(dir, '.github'), { recursive: true });
    await copyFile(path.join(fixtures, 'trivy-image.sarif'), path.join(dir, 'reports', 'trivy.sarif'));
    await copyFile(path.join(fixtures, 'codeql.sarif'), path.join(dir, 'reports', 'codeql.sarif'));
    // Assembled at run time (no secret in the repository), from a fixed seed.
    const rng = createRng(7);
    const token = ['gh', 'p_'].join('') + Array.from({ length: 36 }, () => ALNUM[Math.floor(rng.next() * ALNUM.length)]).join('');
    await writeFile(path.join(dir, 'settings.env'), `TOKEN=${token}\n`);
    await writeFile(
      path.join(dir, '.github', 'shipline-ignore.yml'),
      [
        'ignore:',
        '  - id: CVE-2023-38545',
        '    reason: curl is not in the runtime image path',
        '    expires: 2025-07-01',
        '  - id: CVE-2023-0464',
        '    reason: was accepted last quarter',
        '    expires: 2025-03-31',
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('merges the sources, applies the policy and writes the SARIF', async () => {
    const report = await runScan(base(), { now: () => new Date('2025-06-15T00:00:00Z') });
    // trivy: critical (excepted), high (exception expired), medium, low; codeql: high, medium, low; the secret: high
    expect(report.outputs).toEqual({
      result: 'fail',
      critical: 0,
      high: 3,
      medium: 2,
      low: 2,
      blocking: 3,
      sarif: path.join(dir, 'out', 'shipline.sarif'),
    });
    expect(report.policy.blocking.map((f) => f.id).sort()).toEqual([
      '@secretlint/secretlint-rule-github',
      'CVE-2023-0464',
      'js/sql-injection',
    ]);
    expect(report.npmAudit).toMatchObject({ ran: false, reason: 'no-lockfile' });
    expect(report.toolSuppressed).toBe(1);
    expect(report.warnings).toEqual([
      'sarif: missing/*.sarif matched no file',
      '.github/shipline-ignore.yml: exception ignore[1] for CVE-2023-0464 expired on 2025-03-31; it no longer applies',
    ]);

    const log = JSON.parse(await readFile(report.outputs.sarif, 'utf8')) as SarifLog;
    const curl = log.runs.find((r) => r.tool.driver.name === 'Trivy')!.results!.find((r) => r.ruleId === 'CVE-2023-38545')!;
    expect(curl.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'curl is not in the runtime image path' }]);
    // read back, the accepted finding is suppressed and the rest are there
    const back = await readSarifFile(report.outputs.sarif);
    expect(back.suppressed).toBe(1);
    expect(back.findings).toHaveLength(report.findings.length - 1);
  });

  it('stops on a bad ignore file before writing anything', async () => {
    await writeFile(path.join(dir, 'bad-ignore.yml'), '- id: CVE-1\n');
    await expect(runScan({ ...base(), ignoreFile: 'bad-ignore.yml', output: 'never/written.sarif' })).rejects.toThrow(
      /bad-ignore\.yml: ignore\[0\] \(id CVE-1\): reason is required/,
    );
    await expect(readFile(path.join(dir, 'never', 'written.sarif'))).rejects.toThrow(/ENOENT/);
  });

  it('passes at threshold none and with the secret scan off', async () => {
    const report = await runScan({ ...base(), threshold: 'none', secrets: false, npmAudit: 'false' });
    expect(report.outputs.result).toBe('pass');
    expect(report.outputs.blocking).toBe(0);
    expect(report.findings.some((f) => f.source === 'secrets')).toBe(false);
  });
});
