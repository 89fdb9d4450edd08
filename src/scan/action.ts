import { plural } from '../core/plural.js';
import { statSync } from 'node:fs';
import path from 'node:path';
import { commonFields } from '../core/common-fields.js';
import { InputError, UserError } from '../core/errors.js';
import * as f from '../core/fields.js';
import { runAction, type ActionContext, type RunOptions } from '../core/run.js';
import { ScanError } from './errors.js';
import { DEFAULT_IGNORE_FILE, loadIgnoreFile } from './ignore-file.js';
import { runScan, type ScanReport, type ScanSettings } from './run-scan.js';
import { describeScanError } from './scan-error-message.js';
import { readSarifFile } from './sarif.js';
import { resolveSarifPaths } from './sarif-files.js';
import { sarifPatternsField } from './sarif-input.js';
import { locationText, renderScanSummary, shortMessage, sourceText } from './summary.js';

export const fields = {
  sarif: sarifPatternsField(),
  secrets: f.bool({ default: true }),
  'npm-audit': f.oneOf(['auto', 'true', 'false'] as const, { default: 'auto' as const }),
  'severity-threshold': f.oneOf(['critical', 'high', 'medium', 'low', 'none'] as const, { default: 'high' as const }),
  'ignore-file': f.string({ form: 'a path to a YAML file of exceptions (id, reason, expires)' }),
  'fail-on-findings': f.bool({ default: true }),
  'allow-missing': f.bool({ default: false }),
  output: f.string({ form: 'a file path for the merged SARIF' }),
  ...commonFields,
};

type Context = ActionContext<typeof fields>;

/** The merged SARIF's default place: the job's temporary directory, outside the scanned workspace. */
export const DEFAULT_OUTPUT_NAME = 'shipline-scan.sarif';

export function run(opts?: RunOptions): Promise<number> {
  return runAction(
    { name: 'scan', title: 'shipline scan', fields, cancelledOutputs: { result: 'fail' } },
    async (ctx) => {
      const s = ctx.settings;
      const workspace = path.resolve(ctx.runner.workspace);
      const ignoreFile = s.ignoreFile ?? DEFAULT_IGNORE_FILE;
      const settings: ScanSettings = {
        workspace,
        sarif: s.sarif,
        secrets: s.secrets,
        npmAudit: s.npmAudit,
        threshold: s.severityThreshold,
        ignoreFile,
        ignoreFileRequired: s.ignoreFile !== undefined,
        output: s.output ?? path.join(ctx.runner.temp, DEFAULT_OUTPUT_NAME),
      };
      if (settings.sarif.length === 0 && !settings.secrets && settings.npmAudit === 'false')
        throw new UserError(
          'Nothing to scan: "sarif" is empty, "secrets" is false and "npm-audit" is false. Accepted: at least one source.',
        );
      const outputPath = path.resolve(workspace, settings.output);
      if (isDirectory(outputPath))
        throw new UserError(
          `Input "output": ${f.quote(s.output ?? settings.output)} is a directory. Accepted: ${fields.output.form} (reports/scan.sarif).`,
        );
      ctx.summary.heading(ctx.runner.sha ? `Scan of commit ${ctx.runner.sha.slice(0, 7)}` : 'Scan');

      let report: ScanReport;
      try {
        await checkSarifPatterns(settings, s.allowMissing);
        if (s.dryRun) return await dryRun(ctx, settings);
        ctx.log.info(`Scanning: ${describePlan(settings)}.`);
        report = await runScan(settings, { exec: ctx.runtime.exec, now: () => new Date(ctx.runtime.clock.now()) });
      } catch (err) {
        if (err instanceof ScanError) throw new InputError(err.scanInput, describeScanError(err, { workspace }), { cause: err });
        throw err;
      }

      ctx.setOutput('result', report.outputs.result);
      ctx.setOutput('critical', report.outputs.critical);
      ctx.setOutput('high', report.outputs.high);
      ctx.setOutput('medium', report.outputs.medium);
      ctx.setOutput('low', report.outputs.low);
      ctx.setOutput('blocking', report.outputs.blocking);
      ctx.setOutput('sarif', report.outputs.sarif);

      for (const warning of report.warnings) ctx.log.warning(oneLine(warning));
      logReport(ctx, report);
      renderScanSummary(ctx.summary, report, { workspace, ignoreFile, failOnFindings: s.failOnFindings, runner: ctx.runner });

      const { blocking, threshold } = report.policy;
      if (blocking.length === 0) return;
      const named = blocking.slice(0, 5).map((b) => `${b.id} (${b.severity}, ${locationText(b)})`);
      const more = blocking.length > named.length ? ` and ${blocking.length - named.length} more` : '';
      const message =
        `${plural(blocking.length, 'blocking finding')} at or above ${threshold}: ` +
        `${named.join('; ')}${more}. See the job summary and ${report.outputs.sarif}.`;
      if (!s.failOnFindings) {
        ctx.log.warning(`${message} Not failing the step: fail-on-findings is false.`);
        return;
      }
      throw new UserError(message);
    },
    opts,
  );
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false; // ENOTDIR and the like: the write says so, naming the input.
  }
}

/** Every `sarif:` glob must match a file unless allow-missing: a scanner that did not run is not a pass. */
async function checkSarifPatterns(settings: ScanSettings, allowMissing: boolean): Promise<void> {
  const { unmatched } = await resolveSarifPaths(settings.sarif, settings.workspace);
  if (unmatched.length === 0 || allowMissing) return;
  const list = unmatched.map((p) => JSON.stringify(p)).join(', ');
  throw new UserError(
    `Input "sarif": ${list} matched no file in ${settings.workspace}. Accepted: paths or globs ` +
      `of SARIF files that exist; set allow-missing: true when a scanner may not have produced one.`,
  );
}

/** Validates every file the scan would read and says what it would do; scans and writes nothing. */
async function dryRun(ctx: Context, settings: ScanSettings): Promise<void> {
  await loadIgnoreFile(path.resolve(settings.workspace, settings.ignoreFile), { required: settings.ignoreFileRequired ?? false });
  const { files } = await resolveSarifPaths(settings.sarif, settings.workspace);
  const rows: [string, number][] = [];
  for (const file of files) {
    const read = await readSarifFile(file, { workspace: settings.workspace });
    rows.push([path.relative(settings.workspace, file) || file, read.findings.length]);
  }
  const plan = `Dry run: would ${describePlan(settings, files.length)}; nothing was scanned or written.`;
  ctx.summary.verdict('info', plan);
  ctx.summary.table(['SARIF file', 'results'], rows);
  ctx.log.info(plan);
}

/** What the scan reads and does, in one line. */
function describePlan(settings: ScanSettings, sarifFiles?: number): string {
  const sources = [
    sarifFiles === undefined ? `SARIF from ${plural(settings.sarif.length, 'pattern')}` : plural(sarifFiles, 'SARIF file'),
    settings.secrets ? 'a secret scan of the workspace' : undefined,
    settings.npmAudit === 'false' ? undefined : `npm audit (${settings.npmAudit})`,
  ].filter(Boolean);
  return `read ${sources.join(', ')}, judge at threshold ${settings.threshold} and write ${settings.output}`;
}

/** The log's account: counts, then each blocking finding on one line (tool text never starts a line). */
function logReport(ctx: Context, report: ScanReport): void {
  const o = report.outputs;
  ctx.log.info(
    `Findings in force: ${o.critical} critical, ${o.high} high, ${o.medium} ` +
      `medium, ${o.low} low; ${o.blocking} blocking at ${report.policy.threshold}.`,
  );
  for (const b of report.policy.blocking.slice(0, 100)) {
    ctx.log.info(
      `  BLOCKING ${b.severity} ${oneLine(b.id)} at ${oneLine(locationText(b))} [${oneLine(sourceText(b))}]: ${shortMessage(b.message)}`,
    );
  }
  if (report.policy.blocking.length > 100)
    ctx.log.info(`  ... and ${plural(report.policy.blocking.length - 100, 'more blocking finding')}`);
  ctx.log.info(`Merged SARIF: ${o.sarif}`);
}

const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ');
