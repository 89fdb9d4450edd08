// The GitHub actions a release workflow needs, done on this machine: checkout (the workspace is
// already there), artifacts in a folder of the run, and a SARIF file checked before its "upload".
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import type { Builtin } from './uses.js';

export interface BuiltinContext {
  workspace: string;
  /** The run's artifact folder (shared with the workflows it calls). */
  artifacts: string;
  with: Record<string, string>;
  print: (line: string) => void;
}

const lines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const artifactName = (name: string | undefined) => {
  const n = name?.trim() || 'artifact';
  if (!/^[^\\/":<>|*?\r\n]+$/.test(n)) throw new Error(`artifact name ${JSON.stringify(n)} has a character artifacts may not have`);
  return n;
};

function upload(c: BuiltinContext): void {
  const name = artifactName(c.with.name);
  const paths = lines(c.with.path);
  if (paths.length === 0) throw new Error('upload-artifact: input "path" is required');
  const target = join(c.artifacts, name);
  if (existsSync(target) && c.with.overwrite !== 'true')
    throw new Error(`upload-artifact: an artifact named ${name} was already uploaded in this run`);
  mkdirSync(target, { recursive: true });
  let count = 0;
  for (const p of paths) {
    const source = isAbsolute(p) ? p : resolve(c.workspace, p);
    if (!existsSync(source)) {
      const mode = c.with['if-no-files-found'] || 'warn';
      if (mode === 'error') throw new Error(`upload-artifact: no files found at ${p}`);
      if (mode === 'warn') c.print(`::warning::upload-artifact: no files found at ${p}`);
      continue;
    }
    if (statSync(source).isDirectory()) cpSync(source, target, { recursive: true });
    else cpSync(source, join(target, basename(source)));
    count++;
  }
  c.print(`artifact ${name}: ${count} path(s) kept in ${target}`);
}

function download(c: BuiltinContext): void {
  const into = resolve(c.workspace, c.with.path || '.');
  const names = c.with.name ? [artifactName(c.with.name)] : existsSync(c.artifacts) ? readdirSync(c.artifacts) : [];
  for (const name of names) {
    const source = join(c.artifacts, name);
    if (!existsSync(source)) throw new Error(`download-artifact: no artifact named ${name} in this run`);
    const target = c.with.name ? into : join(into, name);
    mkdirSync(target, { recursive: true });
    cpSync(source, target, { recursive: true });
    c.print(`artifact ${name} -> ${target}`);
  }
}

/** A SARIF log as code scanning accepts it: JSON, version 2.1.0, a runs array. */
export function checkSarif(text: string, file: string): void {
  let log: unknown;
  try {
    log = JSON.parse(text);
  } catch (err) {
    throw new Error(`upload-sarif: ${file} is not JSON: ${(err as Error).message}`);
  }
  const l = log as { version?: unknown; runs?: unknown };
  if (typeof log !== 'object' || log === null || l.version !== '2.1.0')
    throw new Error(`upload-sarif: ${file} is not SARIF 2.1.0 (version ${JSON.stringify(l?.version)})`);
  if (!Array.isArray(l.runs)) throw new Error(`upload-sarif: ${file} has no runs array`);
}

function uploadSarif(c: BuiltinContext): void {
  const given = c.with.sarif_file || '../results';
  const path = resolve(c.workspace, given);
  if (!existsSync(path)) throw new Error(`upload-sarif: no SARIF file at ${given}`);
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => f.endsWith('.sarif'))
        .map((f) => join(path, f))
    : [path];
  if (files.length === 0) throw new Error(`upload-sarif: no .sarif file in ${given}`);
  for (const file of files) {
    checkSarif(readFileSync(file, 'utf8'), file);
    c.print(`SARIF ${file} is valid (not uploaded: this is a local run)`);
  }
}

/** The workspace is the checkout; a `ref:` must be what it has checked out (it is never changed). */
function checkout(c: BuiltinContext): void {
  const ref = c.with.ref?.trim();
  if (ref) {
    const at = (rev: string) => {
      try {
        return execFileSync('git', ['rev-parse', '-q', '--verify', `${rev}^{commit}`], {
          cwd: c.workspace,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        }).trim();
      } catch {
        return undefined;
      }
    };
    const wanted = at(ref);
    if (!wanted) throw new Error(`checkout: ${ref} is not a commit, branch or tag of ${c.workspace}`);
    if (wanted !== at('HEAD'))
      throw new Error(
        `checkout: the workspace is not at ${ref} (${wanted.slice(0, 12)}); check it out first, this runner never changes your checkout`,
      );
  }
  c.print(`checkout: the workspace ${c.workspace} is used as it is${ref ? ` (at ${ref})` : ''}`);
}

export function runBuiltin(name: Builtin, c: BuiltinContext): void {
  if (name === 'checkout') checkout(c);
  else if (name === 'upload-artifact') upload(c);
  else if (name === 'download-artifact') download(c);
  else uploadSarif(c);
}
