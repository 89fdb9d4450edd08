import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { severityFromLevel, severityRank, type Finding, type Severity } from './finding.js';
import { writeSarifLog } from './sarif-writer.js';
import { SARIF_SCHEMA, type SarifLog, type SarifReportingDescriptor, type SarifResult, type SarifRun } from './sarif-types.js';

/** A finding after de-duplication: the strongest report, and every tool that reported it. */
export interface MergedFinding extends Finding {
  tools: string[];
}

/**
 * One finding per rule and location (the fingerprint), whichever tools reported it: the one with the
 * highest severity (then the highest score) is kept, the names of all the tools are recorded, and
 * CVE/GHSA aliases are pooled. Order follows the first report of each finding.
 */
export function dedupeFindings(findings: readonly Finding[]): MergedFinding[] {
  const byKey = new Map<string, MergedFinding>();
  for (const finding of findings) {
    const seen = byKey.get(finding.fingerprint);
    if (!seen) {
      byKey.set(finding.fingerprint, { ...finding, tools: [finding.tool] });
      continue;
    }
    const tools = seen.tools.includes(finding.tool) ? seen.tools : [...seen.tools, finding.tool];
    const aliases = [...new Set([...(seen.aliases ?? []), ...(finding.aliases ?? [])])];
    const winner = stronger(finding, seen) ? finding : seen;
    const merged: MergedFinding = { ...winner, tools };
    if (aliases.length) merged.aliases = aliases;
    byKey.set(finding.fingerprint, merged);
  }
  return [...byKey.values()];
}

function stronger(candidate: Finding, current: Finding): boolean {
  const diff = severityRank(candidate.severity) - severityRank(current.severity);
  if (diff !== 0) return diff > 0;
  return (candidate.score ?? -1) > (current.score ?? -1);
}

export interface MergedSarifOptions {
  /**
   * Location given to findings that have none, because code scanning refuses a whole upload when
   * one result lacks a location. Default: the file the finding came from, else `.github`.
   */
  fallbackUri?: string;
  /** Makes `origin` paths relative, for the fallback location. */
  workspace?: string;
  /**
   * Findings the team accepted (fingerprint -> reason): written with an accepted external
   * suppression and its justification, so code scanning shows them as dismissed, not open.
   */
  accepted?: ReadonlyMap<string, string>;
}

/**
 * One SARIF 2.1.0 log with one run per tool and category (code scanning refuses two runs with the
 * same tool and category in one upload), each rule described once with its `security-severity`,
 * each result with its level, so github/codeql-action/upload-sarif shows the same severities.
 */
export function buildMergedSarif(findings: readonly Finding[], options: MergedSarifOptions = {}): SarifLog {
  const runs = new Map<string, { run: SarifRun; ruleIndex: Map<string, number> }>();
  for (const finding of findings) {
    const key = JSON.stringify([finding.tool, finding.category ?? null]);
    let entry = runs.get(key);
    if (!entry) {
      const run: SarifRun = { tool: { driver: { name: finding.tool, rules: [] } }, results: [] };
      if (finding.category) run.automationDetails = { id: finding.category };
      entry = { run, ruleIndex: new Map() };
      runs.set(key, entry);
    }
    const rules = entry.run.tool.driver.rules!;
    let index = entry.ruleIndex.get(finding.id);
    if (index === undefined) {
      index = rules.length;
      rules.push(ruleFor(finding));
      entry.ruleIndex.set(finding.id, index);
    } else {
      raiseRuleScore(rules[index]!, writtenScore(finding));
    }
    entry.run.results!.push(resultFor(finding, index, options));
  }
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [...runs.values()].map((e) => e.run) };
}

/** Writes the merged SARIF to `file` (creating its directory) and returns the log written. */
export async function writeMergedSarif(file: string, findings: readonly Finding[], options: MergedSarifOptions = {}): Promise<SarifLog> {
  const log = buildMergedSarif(findings, options);
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeSarifLog(file, log);
  return log;
}

function ruleFor(finding: Finding): SarifReportingDescriptor {
  const rule: SarifReportingDescriptor = { id: finding.id };
  const info = finding.rule;
  if (info?.name) rule.name = info.name;
  rule.shortDescription = { text: info?.shortDescription ?? finding.id };
  if (info?.fullDescription) rule.fullDescription = { text: info.fullDescription };
  if (info?.help) rule.help = { ...info.help };
  if (info?.helpUri) rule.helpUri = info.helpUri;
  const properties: Record<string, unknown> = {};
  const tags = new Set(info?.tags ?? []);
  const score = writtenScore(finding);
  if (finding.source !== 'sarif' || score !== undefined) tags.add('security');
  if (tags.size) properties.tags = [...tags];
  if (score !== undefined) properties['security-severity'] = formatScore(score);
  if (Object.keys(properties).length) rule.properties = properties;
  return rule;
}

/** Several results of one rule: the rule carries the highest score (each result keeps its own). */
function raiseRuleScore(rule: SarifReportingDescriptor, score: number | undefined): void {
  if (score === undefined) return;
  const current = Number(rule.properties?.['security-severity'] ?? -1);
  if (score > current) {
    rule.properties = { ...rule.properties, 'security-severity': formatScore(score) };
    const tags = new Set((rule.properties.tags as string[] | undefined) ?? []);
    tags.add('security');
    rule.properties.tags = [...tags];
  }
}

function resultFor(finding: Finding, ruleIndex: number, options: MergedSarifOptions): SarifResult {
  const result: SarifResult = {
    ruleId: finding.id,
    ruleIndex,
    level: finding.level,
    message: { text: finding.message },
  };
  const where = finding.location ?? { path: fallbackPath(finding, options) };
  const region = where.startLine ? { region: { startLine: where.startLine } } : {};
  result.locations = [{ physicalLocation: { artifactLocation: { uri: toUri(where.path) }, ...region } }];
  const original = finding.raw as SarifResult | undefined;
  if (finding.source === 'sarif' && original?.partialFingerprints && finding.location) {
    result.partialFingerprints = { ...original.partialFingerprints };
  }
  const properties: Record<string, unknown> = { 'shipline-severity': finding.severity, 'shipline-source': finding.source };
  const score = writtenScore(finding);
  if (score !== undefined) properties['security-severity'] = formatScore(score);
  const tools = (finding as Partial<MergedFinding>).tools;
  if (tools && tools.length > 1) properties['shipline-tools'] = tools;
  if (finding.aliases?.length) properties['shipline-aliases'] = finding.aliases;
  result.properties = properties;
  const reason = options.accepted?.get(finding.fingerprint);
  if (reason !== undefined) result.suppressions = [{ kind: 'external', status: 'accepted', justification: reason }];
  return result;
}

function fallbackPath(finding: Finding, options: MergedSarifOptions): string {
  if (options.fallbackUri) return options.fallbackUri;
  if (finding.origin) {
    const rel = options.workspace ? path.relative(options.workspace, path.resolve(options.workspace, finding.origin)) : finding.origin;
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
  }
  return '.github';
}

/** A path as a SARIF URI reference: segments percent-encoded, slashes kept. */
function toUri(p: string): string {
  return p
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** Lowest score of each bucket, for findings whose severity their level alone cannot say. */
const BUCKET_FLOOR: Record<Severity, number | undefined> = { critical: 9.0, high: 7.0, medium: 4.0, low: 0.1, none: undefined };

/**
 * The score to write: the finding's own, else (an advisory rated `critical` with no CVSS score, say)
 * the bottom of its bucket when the level would read back as another severity.
 */
function writtenScore(finding: Finding): number | undefined {
  if (finding.score !== undefined) return finding.score;
  return severityFromLevel(finding.level) === finding.severity ? undefined : BUCKET_FLOOR[finding.severity];
}

/** security-severity is written as a string, exactly as read, so it reads back to the same bucket. */
function formatScore(score: number): string {
  return Number.isInteger(score) ? score.toFixed(1) : String(score);
}
