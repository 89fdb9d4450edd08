import {
  fingerprintOf,
  levelForSeverity,
  parseScore,
  severityFromScore,
  vulnerabilityIds,
  type Finding,
  type FindingLocation,
  type Severity,
} from './finding.js';

export const NPM_AUDIT_TOOL = 'npm audit';
export const NPM_AUDIT_CATEGORY = 'shipline/npm-audit/';

/** One advisory in a package's `via` list of an npm 7+ report (`auditReportVersion: 2`). */
export interface NpmAuditAdvisory {
  source: number;
  name: string;
  dependency?: string;
  title?: string;
  url?: string;
  severity?: string;
  cwe?: string[];
  cvss?: { score?: number; vectorString?: string | null };
  range?: string;
}

export interface NpmAuditVulnerability {
  name: string;
  severity?: string;
  isDirect?: boolean;
  via: (string | NpmAuditAdvisory)[];
  effects?: string[];
  range?: string;
  nodes?: string[];
  fixAvailable?: boolean | { name: string; version: string; isSemVerMajor?: boolean };
}

export interface NpmAuditReport {
  auditReportVersion?: number;
  vulnerabilities: Record<string, NpmAuditVulnerability>;
  metadata?: unknown;
}

/** What `npm audit --json` printed: a report, or npm's account of why there is none. */
export type NpmAuditOutput = { kind: 'report'; report: NpmAuditReport } | { kind: 'error'; message: string };

/**
 * Reads npm's stdout. A report (even with exit code 1, which npm uses for "vulnerabilities found")
 * wins; otherwise npm's error JSON (`{"message", "error": {"code", "summary", "detail"}}`), or the
 * tail of stderr, says what went wrong.
 */
export function classifyNpmAuditOutput(stdout: string, stderr: string, exitCode: number | null): NpmAuditOutput {
  let data: unknown;
  try {
    data = stdout.trim() ? JSON.parse(stdout) : undefined;
  } catch {
    data = undefined;
  }
  if (isObject(data) && isObject(data.vulnerabilities)) {
    return { kind: 'report', report: data as unknown as NpmAuditReport };
  }
  if (isObject(data) && isObject(data.advisories)) {
    return { kind: 'error', message: 'npm printed an npm 6 audit report; npm 7 or later is needed' };
  }
  const parts: string[] = [];
  if (isObject(data)) {
    if (typeof data.message === 'string' && data.message) parts.push(data.message);
    const error = data.error;
    if (isObject(error)) {
      for (const key of ['code', 'summary', 'detail'] as const) {
        const v = error[key];
        if (typeof v === 'string' && v && !parts.includes(v)) parts.push(v);
      }
    }
  }
  if (parts.length === 0) {
    const tail = stderr
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !/^npm (warn|notice) /i.test(l))
      .slice(-3)
      .join(' / ');
    parts.push(tail || `npm audit exited with code ${exitCode ?? 'none'} and printed no report`);
  }
  return { kind: 'error', message: parts.join(': ') };
}

export interface NpmAuditFindingOptions {
  /** Path of the lockfile, relative to the workspace, for the findings' location. */
  lockfilePath: string;
  /** The lockfile's text, to point each finding at its package's line. */
  lockfileText?: string;
}

const LABELS: Record<string, Severity> = { critical: 'critical', high: 'high', moderate: 'medium', low: 'low', info: 'none' };

/**
 * Severity of an advisory: its CVSS score when it has one (the same buckets as SARIF
 * `security-severity`), else npm's label (critical, high, moderate -> medium, low, info -> none);
 * an advisory without either is `high`, as npm itself assumes.
 */
export function advisorySeverity(advisory: Pick<NpmAuditAdvisory, 'severity' | 'cvss'>): { severity: Severity; score?: number } {
  const score = parseScore(advisory.cvss?.score);
  const fromScore = score !== undefined ? severityFromScore(score) : undefined;
  if (fromScore) return { severity: fromScore, score: score! };
  return { severity: LABELS[String(advisory.severity).toLowerCase()] ?? 'high' };
}

/** GHSA id from an advisory URL (https://github.com/advisories/GHSA-xxxx-xxxx-xxxx). */
export function ghsaFromUrl(url: string | undefined): string | undefined {
  return vulnerabilityIds(url).find((id) => id.startsWith('GHSA'));
}

/** One finding per advisory and package; packages that are vulnerable only through a dependency are left to that dependency's finding. */
export function npmAuditFindings(report: NpmAuditReport, options: NpmAuditFindingOptions): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const lockfile = options.lockfileText ? parseLockfile(options.lockfileText) : undefined;
  for (const [key, vuln] of Object.entries(report.vulnerabilities)) {
    if (!isObject(vuln) || !Array.isArray(vuln.via)) continue;
    const name = typeof vuln.name === 'string' ? vuln.name : key;
    for (const advisory of vuln.via) {
      if (!isObject(advisory)) continue;
      const id = ghsaFromUrl(advisory.url) ?? `npm-advisory-${advisory.source}`;
      if (seen.has(`${id}\u0000${name}`)) continue;
      seen.add(`${id}\u0000${name}`);
      const { severity, score } = advisorySeverity(advisory);
      const node = Array.isArray(vuln.nodes) ? vuln.nodes[0] : undefined;
      const location: FindingLocation = { path: options.lockfilePath };
      const line = lockfile && node ? lockfile.lines.get(node) : undefined;
      if (line) location.startLine = line;
      const versions = lockfile ? installedVersions(lockfile, vuln.nodes ?? []) : [];
      const message = describe(name, versions, advisory, vuln.fixAvailable);
      const finding: Finding = {
        id,
        tool: NPM_AUDIT_TOOL,
        category: NPM_AUDIT_CATEGORY,
        severity,
        level: levelForSeverity(severity),
        message,
        location,
        source: 'npm-audit',
        fingerprint: fingerprintOf(id, location, message),
        rule: {
          shortDescription: advisory.title ?? id,
          ...(advisory.url ? { helpUri: advisory.url } : {}),
          tags: ['security', 'dependency', ...(advisory.cwe ?? []).map((c) => `external/cwe/${c.toLowerCase()}`)],
        },
        origin: options.lockfilePath,
        raw: { package: name, advisory },
      };
      if (score !== undefined) finding.score = score;
      const aliases = vulnerabilityIds(id, advisory.url);
      if (aliases.length) finding.aliases = aliases;
      findings.push(finding);
    }
  }
  return findings;
}

function describe(name: string, versions: string[], advisory: NpmAuditAdvisory, fix: NpmAuditVulnerability['fixAvailable']): string {
  const installed = versions.length ? `${name}@${versions.join(', ')}` : name;
  const range = advisory.range ? ` (vulnerable: ${advisory.range})` : '';
  let remedy: string;
  if (fix === true) remedy = 'Fix: npm audit fix.';
  else if (isObject(fix)) remedy = `Fix: ${fix.name}@${fix.version}${fix.isSemVerMajor ? ' (semver-major)' : ''}.`;
  else remedy = 'No fix available.';
  return `${installed}: ${advisory.title ?? 'vulnerable dependency'}${range}. ${remedy}`;
}

interface LockfileIndex {
  /** 1-based line of each `"node_modules/..."` key. */
  lines: Map<string, number>;
  versions: Map<string, string>;
}

function parseLockfile(text: string): LockfileIndex {
  const lines = new Map<string, number>();
  text.split('\n').forEach((line, i) => {
    const m = /^\s*"((?:[^"\\]|\\.)*node_modules\/(?:[^"\\]|\\.)*)"\s*:\s*\{/.exec(line);
    if (m && !lines.has(m[1]!)) lines.set(m[1]!, i + 1);
  });
  const versions = new Map<string, string>();
  try {
    const data = JSON.parse(text) as { packages?: Record<string, { version?: string }> };
    for (const [key, pkg] of Object.entries(data.packages ?? {})) {
      if (pkg && typeof pkg.version === 'string') versions.set(key, pkg.version);
    }
  } catch {
    // A lockfile npm could audit is JSON; without versions the messages just name the package.
  }
  return { lines, versions };
}

function installedVersions(lockfile: LockfileIndex, nodes: readonly string[]): string[] {
  return [...new Set(nodes.map((n) => lockfile.versions.get(n)).filter((v): v is string => Boolean(v)))];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- outside JSON, each field checked where it is read
function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
