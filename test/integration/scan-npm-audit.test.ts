import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanError } from '../../src/scan/errors.js';
import { runNpmAudit } from '../../src/scan/npm-audit.js';
import { startNpmAdvisoryServer, type AdvisoryServer } from '../helpers/npm-advisory-server.js';

const GHSA_LEFTPAD = 'GHSA-c3g4-wp7x-9mq2';
const GHSA_EVIL = 'GHSA-9m2q-rxv5-hfpw';

/** A port nothing listens on: bind one, then let it go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('npm audit against a real npm and an advisory server on loopback', () => {
  let server: AdvisoryServer;
  let dir: string;
  let project: string;
  let env: NodeJS.ProcessEnv;
  let lockText: string;
  /** 1-based line of a package's entry in the lockfile written below. */
  const lineOf = (key: string) => lockText.split('\n').findIndex((l) => l.includes(`"${key}": {`)) + 1;

  beforeAll(async () => {
    server = await startNpmAdvisoryServer({
      advisories: {
        'left-pad': [
          {
            id: 1001,
            url: `https://github.com/advisories/${GHSA_LEFTPAD}`,
            title: 'Prototype pollution in left-pad',
            severity: 'moderate',
            vulnerable_versions: '<1.3.0',
            cwe: ['CWE-1321'],
            cvss: { score: 7.5, vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' },
          },
        ],
        'evil-pkg': [
          {
            id: 1002,
            url: `https://github.com/advisories/${GHSA_EVIL}`,
            title: 'Malware in evil-pkg',
            severity: 'critical',
            vulnerable_versions: '>=0.0.0',
          },
        ],
        'safe-pkg': [
          {
            id: 1003,
            url: 'https://github.com/advisories/GHSA-2222-3333-4444',
            title: 'Old bug',
            severity: 'high',
            vulnerable_versions: '<1.0.0',
          },
        ],
      },
      packages: { 'left-pad': ['1.0.0', '1.3.0'], 'evil-pkg': ['2.0.0'], 'safe-pkg': ['0.9.0', '2.1.0'] },
    });
    dir = await mkdtemp(path.join(tmpdir(), 'scan-npm-audit-'));
    project = path.join(dir, 'app');
    await mkdir(project, { recursive: true });
    const deps = { 'left-pad': '1.0.0', 'evil-pkg': '^2.0.0', 'safe-pkg': '^2.1.0' };
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies: deps }, null, 2));
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
        'node_modules/safe-pkg': pkg('safe-pkg', '2.1.0'),
      },
    };
    lockText = `${JSON.stringify(lock, null, 2)}\n`;
    await writeFile(path.join(project, 'package-lock.json'), lockText);
    env = { npm_config_cache: path.join(dir, 'npm-cache'), npm_config_audit_level: 'none' };
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('runs the real npm audit and turns its report into findings', async () => {
    const result = await runNpmAudit({ cwd: project, workspace: dir, mode: 'auto', registry: server.url, env });
    expect(result.ran).toBe(true);
    if (!result.ran) return;
    // what npm sent: every locked package with its version
    expect(server.bulkRequests.at(-1)).toEqual({ 'evil-pkg': ['2.0.0'], 'left-pad': ['1.0.0'], 'safe-pkg': ['2.1.0'] });
    expect(result.lockfile).toBe('app/package-lock.json');
    const byId = Object.fromEntries(result.findings.map((f) => [f.id, f]));
    expect(Object.keys(byId).sort()).toEqual([GHSA_EVIL, GHSA_LEFTPAD].sort());
    // CVSS 7.5 outranks npm's "moderate" label
    expect(byId[GHSA_LEFTPAD]).toMatchObject({ severity: 'high', score: 7.5, source: 'npm-audit', tool: 'npm audit', level: 'error' });
    expect(byId[GHSA_LEFTPAD]!.location).toEqual({ path: 'app/package-lock.json', startLine: lineOf('node_modules/left-pad') });
    expect(byId[GHSA_LEFTPAD]!.message).toContain('left-pad@1.0.0: Prototype pollution in left-pad (vulnerable: <1.3.0)');
    // pinned to 1.0.0, so npm names the version that fixes it
    expect(byId[GHSA_LEFTPAD]!.message).toMatch(/Fix: left-pad@1\.3\.0\.$/);
    expect(byId[GHSA_EVIL]!.message).toMatch(/No fix available\.$/);
    expect(byId[GHSA_LEFTPAD]!.rule?.tags).toContain('external/cwe/cwe-1321');
    // no CVSS: the label decides
    expect(byId[GHSA_EVIL]).toMatchObject({
      severity: 'critical',
      location: { path: 'app/package-lock.json', startLine: lineOf('node_modules/evil-pkg') },
    });
    expect(byId[GHSA_EVIL]!.score).toBeUndefined();
    expect(lineOf('node_modules/left-pad')).toBeGreaterThan(lineOf('node_modules/evil-pkg'));
  });

  it('on auto, an unreachable advisory source is a warning and ran: false, never a silent pass', async () => {
    const port = await closedPort();
    const result = await runNpmAudit({ cwd: project, mode: 'auto', registry: `http://127.0.0.1:${port}/`, env });
    expect(result).toMatchObject({ ran: false, reason: 'unavailable' });
    if (result.ran) return;
    expect(result.warning).toMatch(/dependencies were NOT audited/);
    expect(result.warning).toMatch(/ECONNREFUSED/);
  });

  it('on true, an unreachable advisory source is an error', async () => {
    const port = await closedPort();
    await expect(runNpmAudit({ cwd: project, mode: 'true', registry: `http://127.0.0.1:${port}/`, env })).rejects.toThrow(ScanError);
  });

  it('keeps credentials in the registry URL out of warnings', async () => {
    const port = await closedPort();
    const result = await runNpmAudit({ cwd: project, mode: 'auto', registry: `http://deploy:hunter2@127.0.0.1:${port}/`, env });
    expect(result.ran).toBe(false);
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });
});
