import { open } from 'node:fs/promises';
import { lintSource } from '@secretlint/core';
import { rules as recommendedRules } from '@secretlint/secretlint-rule-preset-recommend';
import { fingerprintOf, type Finding } from './finding.js';
import { listWorkspaceFiles } from './workspace-files.js';

type SecretLintCoreConfig = Parameters<typeof lintSource>[0]['options']['config'];
type SecretLintCoreResultMessage = Awaited<ReturnType<typeof lintSource>>['messages'][number];

export const SECRETS_TOOL = 'secretlint';
export const SECRETS_CATEGORY = 'shipline/secrets/';

/** Files larger than this are not read (lockfiles and bundles are big; keys and configs are small). */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

export interface SecretScanOptions {
  maxFileBytes?: number;
}

export interface SecretScanResult {
  findings: Finding[];
  filesScanned: number;
  skipped: { gitignored: number; binary: number; large: number };
}

type AwsRule = (typeof recommendedRules)[number];
const AWS_RULE_ID = '@secretlint/secretlint-rule-aws';
const upstreamAws = recommendedRules.find((rule) => rule.meta.id === AWS_RULE_ID)!;

/**
 * An AWS secret access key as the files that hold one write it (`aws_secret_access_key = ...`,
 * `AWS_SECRET_ACCESS_KEY=...`, `"SecretAccessKey": "..."`): secretlint's own pattern, but ended by
 * "no further key character" where secretlint asks for a word boundary. A key whose last character
 * is `/` or `+` (about 3% of real keys) has no word boundary after it, so secretlint misses it.
 */
export const AWS_SECRET_KEY_PATTERN =
  /["']?(?:AWS|aws|Aws)?_?(?:SECRET|secret|Secret)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)["']?\s*(?::|=>|=)\s*["']?([A-Za-z0-9/+=]{40})["']?(?![A-Za-z0-9/+=])/g;

/**
 * secretlint's AWS rule, plus the secret keys it misses (ending in `/` or `+`), reported under the
 * same rule and message, so an ignore entry or a SARIF rule covers every AWS secret key alike.
 */
export const awsRule: AwsRule = {
  ...upstreamAws,
  create(context, options) {
    const upstream = upstreamAws.create(context, options);
    const t = context.createTranslator(upstreamAws.messages);
    return {
      ...upstream,
      file(source) {
        void upstream.file?.(source);
        for (const match of source.content.matchAll(AWS_SECRET_KEY_PATTERN)) {
          const key = match[1]!;
          // Keys ending in a word character are secretlint's own findings already.
          if (/\w$/.test(key)) continue;
          const start = (match.index ?? 0) + match[0].lastIndexOf(key);
          context.report({ message: t('AWSSecretAccessKey', { KEY: key }), range: [start, start + key.length] });
        }
      },
    };
  },
};

/**
 * The recommended secretlint rules, with AWS access key ids reported too (an id next to its secret
 * key is half of a leaked pair, and GitHub's own secret scanning reports it), and the AWS rule
 * completed for secret keys ending in `/` or `+` (`awsRule`).
 */
export function secretlintConfig(): SecretLintCoreConfig {
  return {
    // The preset's rules one by one, the AWS rule replaced (a preset rule cannot be swapped out).
    rules: recommendedRules.map((rule) =>
      rule.meta.id === AWS_RULE_ID ? { id: AWS_RULE_ID, rule: awsRule, options: { enableIDScanRule: true } } : { id: rule.meta.id, rule },
    ),
  };
}

/**
 * Scans the workspace for secrets with secretlint. Every finding is at least `high`. Messages
 * name the kind of secret and where it is, never its value.
 */
export async function scanSecrets(workspace: string, options: SecretScanOptions = {}): Promise<SecretScanResult> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const listing = await listWorkspaceFiles(workspace);
  const config = secretlintConfig();
  const findings: Finding[] = [];
  const skipped = { gitignored: listing.gitignored, binary: 0, large: 0 };
  let filesScanned = 0;
  for (const file of listing.files) {
    const content = await readTextFile(file.absolute, maxBytes);
    if (content === 'large' || content === 'binary') {
      skipped[content]++;
      continue;
    }
    if (content === undefined) continue;
    filesScanned++;
    const result = await lintSource({
      source: { content, filePath: file.absolute, contentType: 'text' },
      options: { config, maskSecrets: true },
    });
    for (const message of result.messages) {
      if (message.type === 'message') findings.push(toFinding(message, file.relative, workspace));
    }
  }
  return { findings, filesScanned, skipped };
}

function toFinding(message: SecretLintCoreResultMessage, relative: string, workspace: string): Finding {
  const id = message.ruleId;
  const startLine = message.loc.start.line;
  const location = { path: relative, startLine };
  const text =
    `Possible secret (${message.messageId}) found by ${id}. Remove it from ` +
    `the repository and revoke it; rewriting history does not un-leak it.`;
  return {
    id,
    tool: SECRETS_TOOL,
    category: SECRETS_CATEGORY,
    severity: 'high',
    level: 'error',
    message: text,
    location,
    source: 'secrets',
    fingerprint: fingerprintOf(id, location, text),
    aliases: [message.messageId],
    rule: {
      shortDescription: `Secret in the workspace (${id.replace(/^@secretlint\/secretlint-rule-/, '')})`,
      ...(message.docsUrl ? { helpUri: message.docsUrl } : {}),
      tags: ['security', 'secret'],
    },
    origin: workspace,
    // Only where and which rule: secretlint's message and data hold (masked) secret material.
    raw: { ruleId: id, messageId: message.messageId, loc: message.loc, range: message.range },
  };
}

/** The file as UTF-8 text, or why it is not scanned. NUL bytes in the first 8000 mean binary, as git decides. */
async function readTextFile(file: string, maxBytes: number): Promise<string | 'large' | 'binary' | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) return 'large';
    const buffer = await handle.readFile();
    if (buffer.subarray(0, 8000).includes(0)) return 'binary';
    return buffer.toString('utf8');
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}
