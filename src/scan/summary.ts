import path from 'node:path';
import { commitLink } from '../core/links.js';
import { shownPath } from '../core/paths.js';
import { plural } from '../core/plural.js';
import type { RunnerContext } from '../core/runner.js';
import { raw, Summary, type Cell } from '../core/summary.js';
import { severityRank, type Finding, type Severity } from './finding.js';
import type { MergedFinding } from './merge.js';
import type { ScanReport } from './run-scan.js';

/** Rows shown before a list is folded away or cut (the job summary is limited to 1 MiB). */
export const INLINE_ROWS = 25;
export const MAX_ROWS = 200;

export interface ScanSummaryOptions {
  workspace: string;
  ignoreFile: string;
  failOnFindings: boolean;
  /** For the commit link and for paths shown relative to the workspace or the runner's temp folder. */
  runner?: Pick<RunnerContext, 'serverUrl' | 'repository' | 'sha' | 'workspace' | 'temp'>;
}

const SHOWN: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
const MARK: Record<Severity, string> = { critical: '🟥 critical', high: '🟧 high', medium: '🟨 medium', low: '🟦 low', none: '⬜ none' };

/** The verdict line: what the scan decided, and what it could not check. */
export function scanVerdict(report: ScanReport, failOnFindings: boolean): { status: 'pass' | 'fail'; text: string } {
  const { policy } = report;
  const auditMissed = !report.npmAudit.ran && report.npmAudit.reason === 'unavailable';
  const caveat = auditMissed ? '; npm audit did NOT run, so dependencies were not audited' : '';
  if (policy.result === 'fail') {
    const how = failOnFindings ? '' : ' (reported only: fail-on-findings is false)';
    return { status: 'fail', text: `${plural(policy.blocking.length, 'blocking finding')} at or above ${policy.threshold}${how}${caveat}` };
  }
  const total = policy.active.length;
  const text =
    policy.threshold === 'none'
      ? `Nothing blocks (severity-threshold: none); ${plural(total, 'finding')} reported${caveat}`
      : `No finding at or above ${policy.threshold}; ${plural(total, 'finding')} below it${caveat}`;
  return { status: 'pass', text };
}

/** `path:line`, or a dash when the finding has no location. */
export function locationText(finding: Finding): string {
  if (!finding.location) return '—';
  return finding.location.startLine ? `${finding.location.path}:${finding.location.startLine}` : finding.location.path;
}

/** Who reported a finding: every tool after de-duplication. */
export function sourceText(finding: Finding): string {
  const tools = (finding as Partial<MergedFinding>).tools ?? [finding.tool];
  return tools.join(', ');
}

/** The first line of a message, cut to a readable length. */
export function shortMessage(message: string, max = 160): string {
  const line =
    message
      .split(/\r?\n/)
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Findings in force by source (tool) and severity, with a total row. */
export function countsBySourceRows(findings: readonly Finding[]): Cell[][] {
  const bySource = new Map<string, Record<Severity, number>>();
  const zero = (): Record<Severity, number> => ({ none: 0, low: 0, medium: 0, high: 0, critical: 0 });
  const total = zero();
  for (const f of findings) {
    const key = f.source === 'sarif' ? f.tool : f.source === 'secrets' ? `secret scan (${f.tool})` : f.tool;
    const counts = bySource.get(key) ?? zero();
    counts[f.severity]++;
    total[f.severity]++;
    bySource.set(key, counts);
  }
  const withNone = total.none > 0;
  const row = (name: Cell, c: Record<Severity, number>): Cell[] => {
    const cells: Cell[] = [name, ...SHOWN.map((s) => c[s])];
    if (withNone) cells.push(c.none);
    cells.push(Object.values(c).reduce((a, b) => a + b, 0));
    return cells;
  };
  const rows = [...bySource.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, c]) => row(name, c));
  rows.push(row(raw('**total**'), total));
  return rows;
}

function findingRows(findings: readonly Finding[]): Cell[][] {
  return findings.map((f) => [raw(MARK[f.severity]), f.id, locationText(f), sourceText(f), shortMessage(f.message)]);
}

const FINDING_HEADERS = ['severity', 'rule', 'location', 'source', 'message'];

function findingTable(findings: readonly Finding[]): Summary {
  const shown = findings.slice(0, MAX_ROWS);
  const part = new Summary().table(FINDING_HEADERS, findingRows(shown));
  if (findings.length > shown.length) part.text(`… and ${findings.length - shown.length} more, all in the merged SARIF.`);
  return part;
}

/**
 * Writes the scan's job summary: the verdict, warnings, counts by source and severity, the blocking
 * findings first, the other findings folded, the exceptions applied and expired, and the sources.
 * Every text that came from a tool or a file goes through the Summary's escaping.
 */
export function renderScanSummary(summary: Summary, report: ScanReport, options: ScanSummaryOptions): Summary {
  const { policy } = report;
  const verdict = scanVerdict(report, options.failOnFindings);
  summary.verdict(verdict.status, verdict.text);
  if (options.runner?.sha) summary.facts([['commit', commitLink(options.runner, options.runner.sha)]]);

  if (report.warnings.length > 0) {
    summary.heading('⚠️ Warnings', 3);
    summary.list(report.warnings);
  }

  summary.heading('Findings by source', 3);
  if (policy.active.length === 0) summary.text('No finding in force.');
  else {
    const headers = ['source', ...SHOWN];
    if (policy.counts.none > 0) headers.push('none');
    headers.push('total');
    summary.table(headers, countsBySourceRows(policy.active));
  }
  summary.text(
    `Threshold: ${policy.threshold}. Accepted by exceptions: ${policy.ignored.length}. ` +
      `Suppressed by the tools themselves: ${report.toolSuppressed}.`,
  );

  if (policy.blocking.length > 0) {
    summary.heading(`Blocking findings (${policy.blocking.length})`, 3);
    const inline = policy.blocking.slice(0, INLINE_ROWS);
    summary.table(FINDING_HEADERS, findingRows(inline));
    const rest = policy.blocking.slice(INLINE_ROWS);
    if (rest.length > 0) summary.details(`${plural(rest.length, 'more blocking finding')}`, findingTable(rest));
  }

  const blocking = new Set(policy.blocking);
  const others = policy.active.filter((f) => !blocking.has(f));
  if (others.length > 0) {
    const sorted = [...others].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
    summary.details(`${plural(others.length, 'finding')} below the threshold`, findingTable(sorted));
  }

  renderExceptions(summary, report, options);
  renderSources(summary, report, options);
  return summary;
}

function renderExceptions(summary: Summary, report: ScanReport, options: ScanSummaryOptions): void {
  const { policy } = report;
  if (policy.applied.length === 0 && policy.expired.length === 0 && policy.unused.length === 0) return;
  summary.heading(`Exceptions (${options.ignoreFile})`, 3);
  if (policy.applied.length > 0) {
    summary.text('Applied:');
    summary.table(
      ['id', 'path', 'reason', 'expires', 'findings accepted'],
      policy.applied.map(({ exception, matched }) => [
        exception.id,
        exception.path ?? 'any',
        exception.reason,
        exception.expires ?? 'never',
        matched,
      ]),
    );
  }
  if (policy.expired.length > 0) {
    summary.text('Expired (no longer applied; renew or remove them):');
    summary.table(
      ['id', 'expired after', 'reason', 'findings it would cover'],
      policy.expired.map(({ exception, matched }) => [exception.id, exception.expires, exception.reason, matched]),
    );
  }
  if (policy.unused.length > 0) {
    const unused = new Summary().table(
      ['id', 'path', 'reason', 'expires'],
      policy.unused.map((e) => [e.id, e.path ?? 'any', e.reason, e.expires ?? 'never']),
    );
    summary.details(`${policy.unused.length === 1 ? '1 exception' : `${policy.unused.length} exceptions`} matched no finding`, unused);
  }
}

function renderSources(summary: Summary, report: ScanReport, options: ScanSummaryOptions): void {
  const rel = (file: string) => {
    const r = path.relative(options.workspace, file);
    return r && !r.startsWith('..') && !path.isAbsolute(r) ? r : file;
  };
  // The merged SARIF defaults to the runner's temp folder: named there, not by its /tmp path.
  const shown = (file: string) =>
    options.runner ? shownPath(file, { workspace: options.workspace, temp: options.runner.temp }) : rel(file);
  const audit = report.npmAudit;
  const facts: [string, Cell][] = [
    ['SARIF files', report.sarifFiles.length === 0 ? 'none' : report.sarifFiles.length],
    [
      'secret scan',
      report.secrets
        ? `${plural(report.secrets.filesScanned, 'file')} scanned; skipped ${report.secrets.skipped.gitignored} ` +
          `git-ignored, ${report.secrets.skipped.binary} binary, ${report.secrets.skipped.large} large`
        : 'off (secrets: false)',
    ],
    [
      'npm audit',
      audit.ran ? `ran on ${rel(audit.lockfile)}: ${plural(audit.findings.length, 'advisory finding')}` : `did not run: ${audit.note}`,
    ],
    ['merged SARIF', shown(report.outputs.sarif)],
  ];
  const body = new Summary().facts(facts);
  if (report.sarifFiles.length > 0) body.list(report.sarifFiles.slice(0, MAX_ROWS).map(rel));
  summary.details('Sources', body);
}
