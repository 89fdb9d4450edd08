import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScanError } from './errors.js';
import { describeSyntaxProblem, jsonSyntaxProblem } from '../core/parse-errors.js';
import {
  fingerprintOf,
  parseScore,
  severityFromLevel,
  severityFromScore,
  vulnerabilityIds,
  type Finding,
  type FindingLocation,
  type FindingRule,
  type FindingSource,
  type SarifLevel,
} from './finding.js';
import type { SarifLog, SarifMessage, SarifReportingDescriptor, SarifResult, SarifRun, SarifToolComponent } from './sarif-types.js';

export interface SarifReadOptions {
  /** Absolute file URIs and paths under this directory become workspace-relative paths. */
  workspace?: string;
  /** Source recorded on each finding (shipline's own merged SARIF keeps 'sarif'). */
  source?: FindingSource;
}

export interface SarifReadResult {
  file: string;
  findings: Finding[];
  /** Results the tool itself marked suppressed (accepted suppressions), not counted as findings. */
  suppressed: number;
}

/** Reads one SARIF 2.1.0 file into findings. Errors name the file. */
export async function readSarifFile(file: string, options: SarifReadOptions = {}): Promise<SarifReadResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ScanError('sarif', `cannot read SARIF file (${(err as NodeJS.ErrnoException).code ?? String(err)})`, file);
  }
  return parseSarif(text, file, options);
}

/** Parses SARIF text; `file` is only used in messages and as the findings' origin. */
export function parseSarif(text: string, file: string, options: SarifReadOptions = {}): SarifReadResult {
  const log = toSarifLog(text, file);
  const findings: Finding[] = [];
  let suppressed = 0;
  log.runs.forEach((run, runIndex) => {
    if (!isObject(run) || !isObject(run.tool) || !isObject(run.tool.driver)) {
      throw new ScanError('sarif', `runs[${runIndex}] has no tool.driver, so it is not valid SARIF 2.1.0`, file);
    }
    const results = Array.isArray(run.results) ? run.results : [];
    for (const result of results) {
      if (!isObject(result)) continue;
      if (result.kind === 'pass' || result.kind === 'notApplicable') continue;
      if (isSuppressed(result)) {
        suppressed++;
        continue;
      }
      findings.push(toFinding(run, result, file, options));
    }
  });
  return { file, findings, suppressed };
}

function toSarifLog(text: string, file: string): SarifLog {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    // Where and what, never the file's text: the path may name any file.
    throw new ScanError(
      'sarif',
      `not valid JSON, so not a SARIF file (${describeSyntaxProblem(jsonSyntaxProblem(err, text.replace(/^\uFEFF/, '')))})`,
      file,
    );
  }
  if (!isObject(data) || !('version' in data) || !Array.isArray(data.runs)) {
    throw new ScanError('sarif', `JSON but not SARIF: expected an object with "version": "2.1.0" and a "runs" array`, file);
  }
  if (data.version !== '2.1.0') {
    throw new ScanError('sarif', `SARIF version ${JSON.stringify(data.version)} is not supported; expected "2.1.0"`, file);
  }
  return data as unknown as SarifLog;
}

function toFinding(run: SarifRun, result: SarifResult, file: string, options: SarifReadOptions): Finding {
  const rule = findRule(run, result);
  const id = result.ruleId ?? result.rule?.id ?? rule?.id ?? 'unknown-rule';
  const level = levelOf(result, rule);
  const score = parseScore(result.properties?.['security-severity']) ?? parseScore(rule?.properties?.['security-severity']);
  const severity = (score !== undefined ? severityFromScore(score) : undefined) ?? severityFromLevel(level);
  const message = messageOf(result.message, rule) ?? id;
  const location = locationOf(run, result, options.workspace);
  const category = typeof run.automationDetails?.id === 'string' && run.automationDetails.id ? run.automationDetails.id : undefined;
  const aliases = vulnerabilityIds(id, rule?.name, rule?.helpUri);
  const finding: Finding = {
    id,
    tool: typeof run.tool.driver.name === 'string' && run.tool.driver.name ? run.tool.driver.name : 'unknown tool',
    severity,
    level,
    message,
    source: options.source ?? 'sarif',
    fingerprint: fingerprintOf(id, location, message),
    origin: file,
    raw: result,
  };
  if (category) finding.category = category;
  if (score !== undefined) finding.score = score;
  if (location) finding.location = location;
  if (aliases.length) finding.aliases = aliases;
  if (rule) finding.rule = describeRule(rule);
  return finding;
}

/**
 * The rule a result refers to, looked up the way GitHub code scanning does: by `rule.index` /
 * `ruleIndex` in the tool component named by `rule.toolComponent.index` (the driver when absent),
 * then by id across the driver and every extension (CodeQL keeps its rules in extensions).
 */
export function findRule(run: SarifRun, result: SarifResult): SarifReportingDescriptor | undefined {
  const driver = run.tool.driver;
  const extensions: SarifToolComponent[] = Array.isArray(run.tool.extensions) ? run.tool.extensions : [];
  const id = result.ruleId ?? result.rule?.id;
  const componentIndex = result.rule?.toolComponent?.index;
  const component = componentIndex === undefined ? driver : extensions[componentIndex];
  const index = result.rule?.index ?? result.ruleIndex;
  if (component && typeof index === 'number' && index >= 0) {
    const candidate = rulesOf(component)[index];
    if (candidate && (id === undefined || candidate.id === id)) return candidate;
  }
  if (id === undefined) return undefined;
  for (const c of [driver, ...extensions]) {
    const match = rulesOf(c).find((r) => r.id === id);
    if (match) return match;
  }
  return undefined;
}

function rulesOf(component: SarifToolComponent | undefined): SarifReportingDescriptor[] {
  return component && Array.isArray(component.rules) ? component.rules.filter(isObject) : [];
}

const LEVELS: readonly SarifLevel[] = ['error', 'warning', 'note', 'none'];

function levelOf(result: SarifResult, rule: SarifReportingDescriptor | undefined): SarifLevel {
  const explicit = result.level ?? rule?.defaultConfiguration?.level;
  return LEVELS.includes(explicit as SarifLevel) ? (explicit as SarifLevel) : 'warning';
}

function messageOf(message: SarifMessage | undefined, rule: SarifReportingDescriptor | undefined): string | undefined {
  if (message?.text) return message.text;
  if (message?.markdown) return message.markdown;
  if (message?.id && rule?.messageStrings?.[message.id]?.text) {
    const args = message.arguments ?? [];
    return rule.messageStrings[message.id]!.text!.replace(/\{(\d+)\}/g, (whole, n: string) => args[Number(n)] ?? whole);
  }
  return rule?.shortDescription?.text ?? rule?.fullDescription?.text;
}

function locationOf(run: SarifRun, result: SarifResult, workspace: string | undefined): FindingLocation | undefined {
  const physical = Array.isArray(result.locations) ? result.locations[0]?.physicalLocation : undefined;
  const artifact = physical?.artifactLocation;
  let uri = artifact?.uri;
  if (!uri && typeof artifact?.index === 'number') uri = run.artifacts?.[artifact.index]?.location?.uri;
  const filePath = uri ? normalisePath(uri, workspace) : undefined;
  if (!filePath) return undefined;
  const startLine = physical?.region?.startLine;
  return typeof startLine === 'number' && startLine > 0 ? { path: filePath, startLine } : { path: filePath };
}

/** A SARIF artifact URI as a workspace-relative path with forward slashes. */
export function normalisePath(uri: string, workspace?: string): string | undefined {
  let p = uri.trim();
  if (!p) return undefined;
  if (/^file:/i.test(p)) {
    try {
      p = fileURLToPath(p);
    } catch {
      p = safeDecode(p.replace(/^file:\/*/i, '/'));
    }
  } else {
    p = safeDecode(p);
  }
  if (workspace && path.isAbsolute(p)) {
    const rel = path.relative(workspace, p);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) p = rel;
  }
  p = p.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  return p || undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function describeRule(rule: SarifReportingDescriptor): FindingRule {
  const out: FindingRule = {};
  if (rule.name) out.name = rule.name;
  if (rule.shortDescription?.text) out.shortDescription = rule.shortDescription.text;
  if (rule.fullDescription?.text) out.fullDescription = rule.fullDescription.text;
  if (rule.helpUri) out.helpUri = rule.helpUri;
  if (rule.help && (rule.help.text || rule.help.markdown)) {
    out.help = {};
    if (rule.help.text) out.help.text = rule.help.text;
    if (rule.help.markdown) out.help.markdown = rule.help.markdown;
  }
  const tags = rule.properties?.tags;
  if (Array.isArray(tags)) out.tags = tags.filter((t): t is string => typeof t === 'string');
  return out;
}

function isSuppressed(result: SarifResult): boolean {
  if (!Array.isArray(result.suppressions) || result.suppressions.length === 0) return false;
  return result.suppressions.some((s) => isObject(s) && (s.status === undefined || s.status === 'accepted'));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- outside JSON, each field checked where it is read
function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
