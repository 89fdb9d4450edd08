import path from 'node:path';

export interface ScanErrorContext {
  /** Absolute workspace path: file paths under it are shown relative to it. */
  workspace: string;
  /** The ignore file as the action resolved it (absolute, or relative to the workspace). */
  ignoreFile: string;
}

/**
 * One clear line for a problem the scan library found in what the user gave it, naming the input
 * and the file: `Input "sarif", file reports/trivy.sarif: not valid JSON, ...`.
 */
export function describeScanError(message: string, context: ScanErrorContext): string {
  const described = nameInput(message, context);
  const input = /^Input "([a-z-]+)"/.exec(described)?.[1];
  const form = input ? ACCEPTED[input] : undefined;
  return form && !described.includes('Accepted:') ? `${described.replace(/\.?$/, '.')} Accepted: ${form}.` : described;
}

/** The accepted form of each input a scan error can be about. */
const ACCEPTED: Record<string, string> = {
  sarif: 'paths or globs of SARIF 2.1.0 JSON files, one a line or separated by commas',
  'ignore-file': 'a YAML file with "ignore:", a list of exceptions of id, reason and expires (YYYY-MM-DD), and optionally path',
  'npm-audit': 'auto, true (needs a lockfile and the advisory source) or false',
};

function nameInput(message: string, context: ScanErrorContext): string {
  const workspace = path.resolve(context.workspace);
  const relative = message.split(`${workspace}${path.sep}`).join('');
  const ignoreFile = toRelative(path.resolve(workspace, context.ignoreFile), workspace);

  for (const input of ['sarif', 'ignore-file'] as const) {
    if (relative.startsWith(`${input}: `)) return `Input "${input}": ${relative.slice(input.length + 2)}`;
  }
  if (relative.startsWith('npm-audit')) return `Input "npm-audit": ${relative}`;
  const colon = relative.indexOf(': ');
  const file = colon === -1 ? '' : relative.slice(0, colon);
  const rest = relative.slice(colon + 2);
  if (file === ignoreFile) return `Input "ignore-file", file ${file}: ${rest}`;
  if (file !== '') return `Input "sarif", file ${file}: ${rest}`;
  return relative;
}

function toRelative(file: string, workspace: string): string {
  const rel = path.relative(workspace, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
