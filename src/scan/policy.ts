import { matchesPathPattern } from './path-pattern.js';
import { isExpired, type IgnoreEntry } from './ignore-file.js';
import { SEVERITIES, severityRank, type Finding, type FindingSource, type Severity } from './finding.js';

export interface PolicyOptions {
  /** Findings at or above this severity block; `none` blocks nothing. */
  threshold: Severity;
  exceptions?: readonly IgnoreEntry[];
  /** The clock, for expiry. */
  now?: () => Date;
}

export interface ExceptionUse {
  exception: IgnoreEntry;
  /** Findings the exception matched (for an expired one: would have matched). */
  matched: number;
}

export interface PolicyResult {
  result: 'pass' | 'fail';
  threshold: Severity;
  /** Findings still in force (not covered by an exception), by severity. */
  counts: Record<Severity, number>;
  /** Findings still in force, by source. */
  countsBySource: Record<FindingSource, number>;
  /** Findings still in force, highest severity first. */
  active: Finding[];
  /** Findings in force at or above the threshold. */
  blocking: Finding[];
  ignored: { finding: Finding; exception: IgnoreEntry }[];
  /** Exceptions that covered at least one finding. */
  applied: ExceptionUse[];
  /** Exceptions past their date: they cover nothing and should be renewed or removed. */
  expired: ExceptionUse[];
  /** Exceptions in date that matched no finding. */
  unused: IgnoreEntry[];
}

/** Whether a severity blocks at a threshold. */
export function blocks(severity: Severity, threshold: Severity): boolean {
  return threshold !== 'none' && severityRank(severity) >= severityRank(threshold);
}

/** Whether an exception names this finding (id or CVE/GHSA alias) at this place (its `path`, if any). */
export function exceptionMatches(entry: IgnoreEntry, finding: Finding): boolean {
  const id = entry.id.toLowerCase();
  const named = finding.id.toLowerCase() === id || (finding.aliases ?? []).some((a) => a.toLowerCase() === id);
  if (!named) return false;
  if (entry.path === undefined) return true;
  return finding.location !== undefined && matchesPathPattern(entry.path, finding.location.path);
}

export function evaluatePolicy(findings: readonly Finding[], options: PolicyOptions): PolicyResult {
  const now = (options.now ?? (() => new Date()))();
  const exceptions = options.exceptions ?? [];
  const live = exceptions.filter((e) => !isExpired(e, now));
  const stale = exceptions.filter((e) => isExpired(e, now));
  const appliedCount = new Map<IgnoreEntry, number>();
  const staleCount = new Map<IgnoreEntry, number>(stale.map((e) => [e, 0]));

  const active: Finding[] = [];
  const ignored: PolicyResult['ignored'] = [];
  for (const finding of findings) {
    const exception = live.find((e) => exceptionMatches(e, finding));
    for (const e of stale) if (exceptionMatches(e, finding)) staleCount.set(e, staleCount.get(e)! + 1);
    if (exception) {
      ignored.push({ finding, exception });
      appliedCount.set(exception, (appliedCount.get(exception) ?? 0) + 1);
    } else {
      active.push(finding);
    }
  }
  active.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));

  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const countsBySource: Record<FindingSource, number> = { sarif: 0, secrets: 0, 'npm-audit': 0 };
  for (const f of active) {
    counts[f.severity]++;
    countsBySource[f.source]++;
  }
  const blocking = active.filter((f) => blocks(f.severity, options.threshold));
  return {
    result: blocking.length ? 'fail' : 'pass',
    threshold: options.threshold,
    counts,
    countsBySource,
    active,
    blocking,
    ignored,
    applied: live.filter((e) => appliedCount.has(e)).map((e) => ({ exception: e, matched: appliedCount.get(e)! })),
    expired: stale.map((e) => ({ exception: e, matched: staleCount.get(e)! })),
    unused: live.filter((e) => !appliedCount.has(e)),
  };
}
