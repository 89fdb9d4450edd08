import path from 'node:path';
import { errnoCode, UserError } from '../core/errors.js';
import type { Finding, Severity } from './finding.js';
import { loadIgnoreFile } from './ignore-file.js';
import { dedupeFindings, writeMergedSarif, type MergedFinding } from './merge.js';
import { runNpmAudit, type NpmAuditMode, type NpmAuditResult } from './npm-audit.js';
import { evaluatePolicy, type PolicyResult } from './policy.js';
import type { Exec } from '../core/exec.js';
import { readSarifFile } from './sarif.js';
import { resolveSarifPaths } from './sarif-files.js';
import { scanSecrets, type SecretScanResult } from './secrets.js';

/** The scan action's settings, already validated. Relative paths are relative to `workspace`. */
export interface ScanSettings {
  workspace: string;
  /** `sarif:` paths, directories or globs. */
  sarif: string[];
  secrets: boolean;
  npmAudit: NpmAuditMode;
  /** Directory of the npm package to audit. Default: the workspace. */
  npmAuditDirectory?: string;
  /** Registry for npm audit (default: npm's own configuration). */
  registry?: string;
  threshold: Severity;
  ignoreFile: string;
  /** The user named the ignore file: then it must exist. */
  ignoreFileRequired?: boolean;
  /** Where the merged SARIF is written. */
  output: string;
}

export interface ScanSeams {
  now?: () => Date;
  exec?: Exec;
  /** Extra environment for npm. */
  env?: NodeJS.ProcessEnv;
}

export interface ScanOutputs {
  result: 'pass' | 'fail';
  critical: number;
  high: number;
  medium: number;
  low: number;
  blocking: number;
  sarif: string;
}

export interface ScanReport {
  outputs: ScanOutputs;
  policy: PolicyResult;
  /** Every finding after de-duplication, exceptions not yet applied. */
  findings: MergedFinding[];
  sarifFiles: string[];
  /** Results the tools themselves marked suppressed. */
  toolSuppressed: number;
  secrets?: Omit<SecretScanResult, 'findings'>;
  npmAudit: NpmAuditResult;
  /** Things the summary must show as warnings (globs that matched nothing, an audit that could not run, expired exceptions). */
  warnings: string[];
}

/**
 * Runs the scan: reads the ignore file first (a bad one stops everything before any work), then the
 * SARIF files, the secret scan and npm audit; de-duplicates; applies the policy; writes the merged
 * SARIF (accepted findings marked as suppressed) and returns what the action reports.
 */
export async function runScan(settings: ScanSettings, seams: ScanSeams = {}): Promise<ScanReport> {
  const workspace = path.resolve(settings.workspace);
  const exceptions = await loadIgnoreFile(path.resolve(workspace, settings.ignoreFile), { required: settings.ignoreFileRequired ?? false });
  const warnings: string[] = [];

  const collected: Finding[] = [];
  const { files, unmatched } = await resolveSarifPaths(settings.sarif, workspace);
  for (const pattern of unmatched) warnings.push(`sarif: ${pattern} matched no file`);
  let toolSuppressed = 0;
  for (const file of files) {
    const read = await readSarifFile(file, { workspace });
    collected.push(...read.findings);
    toolSuppressed += read.suppressed;
  }

  let secrets: ScanReport['secrets'];
  if (settings.secrets) {
    const { findings, ...rest } = await scanSecrets(workspace);
    collected.push(...findings);
    secrets = rest;
  }

  const npmAudit = await runNpmAudit({
    cwd: path.resolve(workspace, settings.npmAuditDirectory ?? '.'),
    workspace,
    mode: settings.npmAudit,
    ...(settings.registry ? { registry: settings.registry } : {}),
    ...(seams.exec ? { exec: seams.exec } : {}),
    ...(seams.env ? { env: seams.env } : {}),
  });
  if (npmAudit.ran) collected.push(...npmAudit.findings);
  else if (npmAudit.warning) warnings.push(npmAudit.warning);

  const findings = dedupeFindings(collected);
  const policy = evaluatePolicy(findings, { threshold: settings.threshold, exceptions, ...(seams.now ? { now: seams.now } : {}) });
  for (const { exception } of policy.expired) {
    warnings.push(
      `${settings.ignoreFile}: exception ignore[${exception.index}] for ` +
        `${exception.id} expired on ${exception.expires}; it no longer applies`,
    );
  }

  const output = path.resolve(workspace, settings.output);
  const accepted = new Map(policy.ignored.map(({ finding, exception }) => [finding.fingerprint, exception.reason]));
  try {
    await writeMergedSarif(output, findings, { workspace, accepted });
  } catch (err) {
    const code = errnoCode(err);
    if (!code) throw err;
    throw new UserError(
      `Input "output": the merged SARIF cannot be written to ${output} (${code}). Accepted: a file path in a writable directory.`,
    );
  }

  return {
    outputs: {
      result: policy.result,
      critical: policy.counts.critical,
      high: policy.counts.high,
      medium: policy.counts.medium,
      low: policy.counts.low,
      blocking: policy.blocking.length,
      sarif: output,
    },
    policy,
    findings,
    sarifFiles: files,
    toolSuppressed,
    ...(secrets ? { secrets } : {}),
    npmAudit,
    warnings,
  };
}
