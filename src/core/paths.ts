import path from 'node:path';
import type { RunnerContext } from './runner.js';

const inside = (root: string, file: string) => {
  const rel = path.relative(root, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : undefined;
};

/**
 * A file's path as a person reading a summary wants it: relative to the workspace (`dist/app.tgz`),
 * or named in the runner's temporary folder (`runner temp: shipline/manifest.json`) rather than a
 * long `/tmp` or `/home/runner/work/_temp` path that means nothing outside the job.
 */
export function shownPath(file: string, runner: Pick<RunnerContext, 'workspace' | 'temp'>): string {
  const abs = path.resolve(runner.workspace, file);
  // The workspace first: a workspace inside the temp folder (a test, a local run) still reads relative.
  const inWorkspace = inside(runner.workspace, abs);
  if (inWorkspace) return inWorkspace;
  const inTemp = inside(runner.temp, abs);
  if (inTemp) return `runner temp: ${inTemp}`;
  return file;
}
