import { createHash } from 'node:crypto';

/** Severities, lowest to highest. */
export const SEVERITIES = ['none', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type FindingSource = 'sarif' | 'secrets' | 'npm-audit';
export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export interface FindingLocation {
  /** Path relative to the workspace, with forward slashes (or the tool's own URI when it is not a file). */
  path: string;
  startLine?: number;
}

/** Descriptive fields of the rule behind a finding, kept so the merged SARIF can describe it again. */
export interface FindingRule {
  name?: string;
  shortDescription?: string;
  fullDescription?: string;
  helpUri?: string;
  help?: { text?: string; markdown?: string };
  tags?: string[];
}

export interface Finding {
  /** Rule id (a CVE or GHSA id for vulnerability scanners). */
  id: string;
  /** Tool that reported it (SARIF `tool.driver.name`). */
  tool: string;
  /** SARIF `automationDetails.id` of the run, when it had one. */
  category?: string;
  severity: Severity;
  /** Numeric `security-severity` (0-10) when one was given. */
  score?: number;
  /** SARIF level of the result (explicit, or the rule's default). */
  level: SarifLevel;
  message: string;
  location?: FindingLocation;
  source: FindingSource;
  /** Stable identity of "this rule at this place": equal fingerprints are the same finding. */
  fingerprint: string;
  /** CVE / GHSA ids named by the finding, so an exception may name either. */
  aliases?: string[];
  rule?: FindingRule;
  /** Where the finding was read from (a SARIF file path, a lockfile, a workspace). */
  origin?: string;
  /** The tool's own record (for SARIF: the result object). Never holds a secret value. */
  raw: unknown;
}

const RANK: Record<Severity, number> = { none: 0, low: 1, medium: 2, high: 3, critical: 4 };

export function severityRank(severity: Severity): number {
  return RANK[severity];
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** SARIF `security-severity` score buckets, as GitHub code scanning reads them. */
export function severityFromScore(score: number): Severity | undefined {
  if (!Number.isFinite(score) || score <= 0) return undefined;
  if (score >= 9.0) return 'critical';
  if (score >= 7.0) return 'high';
  if (score >= 4.0) return 'medium';
  return 'low';
}

export function severityFromLevel(level: SarifLevel): Severity {
  switch (level) {
    case 'error':
      return 'high';
    case 'warning':
      return 'medium';
    case 'note':
      return 'low';
    default:
      return 'none';
  }
}

/** The SARIF level that says the same as a severity (used when writing findings that have no level). */
export function levelForSeverity(severity: Severity): SarifLevel {
  switch (severity) {
    case 'critical':
    case 'high':
      return 'error';
    case 'medium':
      return 'warning';
    case 'low':
      return 'note';
    default:
      return 'none';
  }
}

/**
 * Parses a `security-severity` value: a string like "9.8" or a number. Anything else
 * (missing, "high", NaN, out of 0..10) is no score.
 */
export function parseScore(value: unknown): number | undefined {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) n = Number(value);
  else return undefined;
  return Number.isFinite(n) && n >= 0 && n <= 10 ? n : undefined;
}

export function highestSeverity(a: Severity, b: Severity): Severity {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Identity of "rule `id` at `location`"; results without a location are told apart by message. */
export function fingerprintOf(id: string, location: FindingLocation | undefined, message: string): string {
  const where = location ? `${location.path}:${location.startLine ?? ''}` : `-:${message}`;
  return createHash('sha256').update(`${id}\u0000${where}`).digest('hex').slice(0, 32);
}

const ALIAS_PATTERN = /\b(CVE-\d{4}-\d{4,}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3})\b/gi;

/** CVE and GHSA ids mentioned in the given texts, upper-cased CVE / lower-cased GHSA body as GitHub writes them. */
export function vulnerabilityIds(...texts: (string | undefined)[]): string[] {
  const ids = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const m of text.matchAll(ALIAS_PATTERN)) {
      const id = m[1]!;
      ids.add(id.toUpperCase().startsWith('CVE') ? id.toUpperCase() : `GHSA${id.slice(4).toLowerCase()}`);
    }
  }
  return [...ids];
}
