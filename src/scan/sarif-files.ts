import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { ScanError } from './errors.js';

export interface ResolvedSarifPaths {
  /** Absolute paths of the SARIF files to read, sorted, without duplicates. */
  files: string[];
  /** Glob patterns that matched no file (the caller decides whether that is a warning). */
  unmatched: string[];
}

/**
 * Turns the `sarif:` input (paths, directories or globs, relative to `cwd`) into files.
 * A plain path that does not exist is an error; a directory means every `*.sarif` file under it,
 * as github/codeql-action/upload-sarif reads a directory.
 */
export async function resolveSarifPaths(patterns: readonly string[], cwd: string): Promise<ResolvedSarifPaths> {
  const files = new Set<string>();
  const unmatched: string[] = [];
  for (const raw of patterns) {
    const pattern = raw.trim();
    if (!pattern) continue;
    if (isDynamicPattern(pattern)) {
      const found = await glob(pattern, { cwd, absolute: true, dot: true, onlyFiles: true, expandDirectories: false });
      if (found.length === 0) unmatched.push(pattern);
      for (const f of found) files.add(path.normalize(f));
      continue;
    }
    const absolute = path.resolve(cwd, pattern);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new ScanError('sarif', `${pattern} does not exist (looked in ${cwd})`);
    if (info.isDirectory()) {
      const found = await glob('**/*.sarif', { cwd: absolute, absolute: true, dot: true, onlyFiles: true });
      if (found.length === 0) unmatched.push(pattern);
      for (const f of found) files.add(path.normalize(f));
    } else {
      files.add(absolute);
    }
  }
  return { files: [...files].sort(), unmatched };
}
