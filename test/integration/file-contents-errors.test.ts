// A path input can name any file the runner can read (`config: /etc/shadow`): errors about such a
// file say what is wrong and where, never what it holds.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../helpers/run-action.js';

const SECRET = 'Zq9SECRETx7';
let dir: string;
const files: Record<string, string> = {};
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipline-file-errors-'));
  const write = (name: string, text: string) => {
    files[name] = join(dir, name);
    writeFileSync(files[name], text);
  };
  write('shadow', `root:$6$${SECRET}$hash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n`);
  write('plain', `${SECRET}-first-line\nsecond\n`);
  write('json-ish', `{"token": ${SECRET}}`);
  write('yaml-broken', `key: [${SECRET}\nother: {`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Nothing of the file in the output, the error line or the summary. */
function expectNoContents(run: ActionRun): void {
  expect(run.code).toBe(1);
  expect(run.errors, run.stdout).toHaveLength(1);
  expect(run.stdout).not.toContain(SECRET);
  expect(run.stderr).not.toContain(SECRET);
  expect(run.summary).not.toContain(SECRET);
}

describe('config files', () => {
  it.each([
    ['shadow', /^::error::Config .*shadow: a key that is not a setting name at the top level\. Accepted: defaults, environments\.$/],
    ['plain', /^::error::Config .*plain: the top level is not a mapping\. Accepted: a YAML mapping/],
    ['yaml-broken', /^::error::Config .*yaml-broken: not valid YAML \(.+ at line \d+, column \d+\)\. Accepted: a YAML mapping/],
  ])('config: %s', async (name, message) => {
    const run = await runAction('deploy', {
      inputs: { config: files[name]!, environment: 'staging', version: '1.0.0', 'deploy-command': 'true', 'dry-run': 'true' },
    });
    expectNoContents(run);
    expect(run.errors[0]).toMatch(message);
  });

  it('still names a key that looks like a setting', async () => {
    const ws = mkdtempSync(join(dir, 'ws-'));
    mkdirSync(join(ws, '.github'));
    writeFileSync(join(ws, '.github', 'shipline.yml'), 'default:\n  timeout: 5m\n');
    const run = await runAction('deploy', {
      cwd: ws,
      inputs: { environment: 'staging', version: '1.0.0', 'deploy-command': 'true', 'dry-run': 'true' },
    });
    expect(run.errors).toEqual([
      '::error::Config .github/shipline.yml: unknown key "default" at the top level. Accepted: defaults, environments.',
    ]);
  });
});

describe('SARIF files', () => {
  it.each([
    ['shadow', /not valid JSON, so not a SARIF file \(an unexpected character\)/],
    ['plain', /not valid JSON, so not a SARIF file \(an unexpected character\)/],
    ['json-ish', /not valid JSON, so not a SARIF file \(an unexpected character\)/],
  ])('sarif: %s', async (name, message) => {
    const run = await runAction('scan', { cwd: dir, inputs: { sarif: name, secrets: 'false', 'npm-audit': 'false' } });
    expectNoContents(run);
    expect(run.errors[0]).toMatch(message);
  });

  it('gives the line and column where JSON.parse says where', async () => {
    writeFileSync(join(dir, 'cut.sarif'), `{\n  "version": "2.1.0",\n  "runs": [{"tool": "${SECRET}`);
    const run = await runAction('scan', { cwd: dir, inputs: { sarif: 'cut.sarif', secrets: 'false', 'npm-audit': 'false' } });
    expectNoContents(run);
    expect(run.errors[0]).toMatch(/cut\.sarif: not valid JSON, so not a SARIF file \(an unterminated string at line 3, column \d+\)/);
  });
});

describe('structured inputs read from a file', () => {
  it('smoke checks: a broken YAML file is named with line and column, not quoted', async () => {
    const run = await runAction('smoke', { inputs: { url: 'http://127.0.0.1:9', checks: files['yaml-broken']! } });
    expectNoContents(run);
    expect(run.errors[0]).toMatch(
      /^::error::Input "checks": file ".*yaml-broken" is not valid YAML or JSON \(.+ at line \d+, column \d+\)\. Accepted: /,
    );
  });
});

describe('build manifests', () => {
  it('deploy manifest: a file that is not JSON is named, not quoted', async () => {
    const run = await runAction('deploy', {
      inputs: { manifest: files.plain!, environment: 'staging', 'deploy-command': 'true', 'dry-run': 'true' },
    });
    expectNoContents(run);
    expect(run.errors[0]).toMatch(/^::error::Input "manifest": .*plain is not JSON: an unexpected character/);
  });
});
