import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ignore from 'ignore';

/** Directories never scanned, at any depth. */
export const ALWAYS_SKIPPED_DIRS: readonly string[] = ['.git', 'node_modules', 'dist'];

export interface WorkspaceFile {
  /** Absolute path. */
  absolute: string;
  /** Path relative to the workspace root, forward slashes. */
  relative: string;
}

export interface WorkspaceListing {
  files: WorkspaceFile[];
  /** Files and directories left out because a .gitignore (or .git/info/exclude) names them. */
  gitignored: number;
}

interface Matcher {
  /** Directory of the .gitignore, relative to the root ('' for the root). */
  base: string;
  rules: ignore.Ignore;
}

/**
 * Every regular file under `root` that git would not ignore: .gitignore files are read in every
 * directory (a deeper file can re-include what a higher one ignored, as in git), plus
 * .git/info/exclude; `.git`, `node_modules` and `dist` are skipped wherever they are; symbolic links
 * are not followed.
 */
export async function listWorkspaceFiles(root: string, skipDirs: readonly string[] = ALWAYS_SKIPPED_DIRS): Promise<WorkspaceListing> {
  const absoluteRoot = path.resolve(root);
  const files: WorkspaceFile[] = [];
  let gitignored = 0;
  const skip = new Set(skipDirs);
  const rootMatchers: Matcher[] = [];
  const exclude = await readText(path.join(absoluteRoot, '.git', 'info', 'exclude'));
  if (exclude) rootMatchers.push({ base: '', rules: ignore().add(exclude) });

  async function walk(dir: string, relDir: string, inherited: Matcher[]): Promise<void> {
    const matchers = [...inherited];
    const gitignore = await readText(path.join(dir, '.gitignore'));
    if (gitignore) matchers.push({ base: relDir, rules: ignore().add(gitignore) });
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const relative = relDir ? `${relDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (skip.has(entry.name)) continue;
        if (isIgnored(matchers, relative, true)) {
          gitignored++;
          continue;
        }
        await walk(path.join(dir, entry.name), relative, matchers);
      } else if (entry.isFile()) {
        if (isIgnored(matchers, relative, false)) {
          gitignored++;
          continue;
        }
        files.push({ absolute: path.join(dir, entry.name), relative });
      }
    }
  }

  await walk(absoluteRoot, '', rootMatchers);
  return { files, gitignored };
}

/** Git's rule: the deepest .gitignore with an opinion wins, and within one file the last matching line. */
function isIgnored(matchers: readonly Matcher[], relative: string, isDir: boolean): boolean {
  let ignored = false;
  for (const m of matchers) {
    const local = m.base ? relative.slice(m.base.length + 1) : relative;
    const verdict = m.rules.test(isDir ? `${local}/` : local);
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
