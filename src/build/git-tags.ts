import { processExec, type Exec } from '../core/exec.js';
import { BuildConfigError, execChecked } from './errors.js';

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/**
 * The tags of the repository at `cwd`, as `git tag --list` prints them. Note that a shallow
 * checkout (actions/checkout's default `fetch-depth: 1`) has no tags: fetch them first
 * (`fetch-tags: true` or `fetch-depth: 0`), or use listRemoteTags.
 */
export async function listGitTags(cwd: string, exec: Exec = processExec): Promise<string[]> {
  const { stdout } = await execChecked(exec, 'git', ['tag', '--list'], { cwd });
  return lines(stdout);
}

/** The tags a remote holds (`git ls-remote --tags --refs REMOTE`), without fetching anything. */
export async function listRemoteTags(cwd: string, remote = 'origin', exec: Exec = processExec): Promise<string[]> {
  if (remote.startsWith('-') || remote.trim() === '') {
    throw new BuildConfigError(`git remote "${remote}" is not a remote name or URL`);
  }
  const { stdout } = await execChecked(exec, 'git', ['ls-remote', '--tags', '--refs', remote], { cwd });
  return lines(stdout)
    .map((line) => line.split('\t')[1] ?? '')
    .filter((ref) => ref.startsWith('refs/tags/'))
    .map((ref) => ref.slice('refs/tags/'.length));
}
