import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanSecrets, type SecretScanResult } from '../../src/scan/secrets.js';

// Fixed keys, assembled at run time so that no file of the repository holds one. 39 characters,
// then the last one: `/` and `+` leave no word boundary after the key, which secretlint's rule needs.
const PREFIX = ['wZq8Tn3vLr0Xa9Pc', 'W2sYdK7mB4hJf6uNe1gQo5i'].join('');
const key = (last: string) => `${PREFIX}${last}`;

describe('AWS secret access keys ending in / or +', () => {
  let dir: string;
  let result: SecretScanResult;

  async function put(rel: string, content: string): Promise<void> {
    const file = path.join(dir, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }

  beforeAll(async () => {
    expect(key('/')).toHaveLength(40);
    dir = await mkdtemp(path.join(tmpdir(), 'scan-aws-'));
    await put('aws/credentials', `[default]\nregion = eu-west-1\naws_secret_access_key = ${key('/')}\n`);
    await put('app/.env', `NODE_ENV=production\nAWS_SECRET_ACCESS_KEY=${key('+')}\n`);
    await put(
      'iam/create-access-key.json',
      JSON.stringify({ AccessKey: { UserName: 'ci', Status: 'Active', SecretAccessKey: key('/') } }, null, 2) + '\n',
    );
    await put('deploy/values.yml', `aws:\n  region: eu-west-1\n  aws_secret_access_key: "${key('+')}"\n`);
    // A key ending in a letter: secretlint's own finding, which must not be reported twice.
    await put('app/other.env', `AWS_SECRET_ACCESS_KEY=${key('x')}\n`);
    // Ordinary base64 ending in / or +, without the AWS key context: not a finding.
    await put(
      'docs/hashes.txt',
      [
        `checksum = ${key('/')}`,
        `data: "${key('+')}"`,
        `"integrity": "sha1-${key('/')}"`,
        `secret_token = ${key('+')}`,
        `${key('/')}`,
        '',
      ].join('\n'),
    );
    result = await scanSecrets(dir);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds each key, in ini, .env, JSON and YAML, once, at its line, as secretlint-rule-aws', () => {
    const got = result.findings.map((f) => [f.location?.path, f.location?.startLine, f.id, f.aliases?.[0]]).sort();
    expect(got).toEqual(
      [
        ['aws/credentials', 3, '@secretlint/secretlint-rule-aws', 'AWSSecretAccessKey'],
        ['app/.env', 2, '@secretlint/secretlint-rule-aws', 'AWSSecretAccessKey'],
        ['iam/create-access-key.json', 5, '@secretlint/secretlint-rule-aws', 'AWSSecretAccessKey'],
        ['deploy/values.yml', 3, '@secretlint/secretlint-rule-aws', 'AWSSecretAccessKey'],
        ['app/other.env', 1, '@secretlint/secretlint-rule-aws', 'AWSSecretAccessKey'],
      ].sort(),
    );
  });

  it('reports nothing for base64 without the AWS key context', () => {
    expect(result.findings.filter((f) => f.location?.path === 'docs/hashes.txt')).toEqual([]);
  });

  it('never carries the key in a finding', () => {
    const text = JSON.stringify(result.findings);
    expect(text).not.toContain(PREFIX.slice(0, 12));
  });
});
