import path from 'node:path';
import type { ScanError, ScanInput } from './errors.js';

export interface ScanErrorContext {
  /** Absolute workspace path: file paths under it are shown relative to it. */
  workspace: string;
}

/**
 * One clear line for a problem the scan library found in what the user gave it, built from the
 * error's parts (input, file, problem), naming the input and the file:
 * `Input "sarif", file reports/trivy.sarif: not valid JSON, ... Accepted: ...`.
 */
export function describeScanError(err: ScanError, context: ScanErrorContext): string {
  const workspace = path.resolve(context.workspace);
  const inWorkspace = (text: string) => text.split(`${workspace}${path.sep}`).join('');
  const head = err.file !== undefined ? `Input "${err.scanInput}", file ${toRelative(err.file, workspace)}` : `Input "${err.scanInput}"`;
  const described = `${head}: ${inWorkspace(err.problem)}`;
  return described.includes('Accepted:') ? described : `${described.replace(/\.?$/, '.')} Accepted: ${ACCEPTED[err.scanInput]}.`;
}

/** The accepted form of each input a scan error can be about. */
const ACCEPTED: Record<ScanInput, string> = {
  sarif: 'paths or globs of SARIF 2.1.0 JSON files, one a line or separated by commas',
  'ignore-file': 'a YAML file with "ignore:", a list of exceptions of id, reason and expires (YYYY-MM-DD), and optionally path',
  'npm-audit': 'auto, true (needs a lockfile and the advisory source) or false',
};

function toRelative(file: string, workspace: string): string {
  const rel = path.relative(workspace, path.resolve(workspace, file));
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
