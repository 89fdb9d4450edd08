import { errorMessage } from '../core/errors.js';
import type { Exec } from '../core/exec.js';
import { listGitTags, listRemoteTags } from './git-tags.js';

/** The repository's existing tags and where they were read, said in the summary. */
export interface ExistingTags {
  tags: string[];
  source: string;
  /** Set when the tags could not be read where they should have been. */
  warning?: string;
}

/** git never waits for a password on a terminal: a step has none. */
function noPrompt(exec: Exec): Exec {
  return {
    argv: (command, args, options = {}) => exec.argv(command, args, { ...options, env: { ...options.env, GIT_TERMINAL_PROMPT: '0' } }),
    shell: (command, options = {}) => exec.shell(command, { ...options, env: { ...options.env, GIT_TERMINAL_PROMPT: '0' } }),
  };
}

/**
 * The tags that decide whether a release takes `X.Y`, `X` and `latest`. A shallow checkout (the
 * default of actions/checkout) has none locally, so the remote `origin` is asked when there is
 * one (`git ls-remote --tags origin`, nothing fetched); else the local `git tag`.
 */
export async function readExistingTags(cwd: string, exec: Exec): Promise<ExistingTags> {
  const git = noPrompt(exec);
  const origin = await git.argv('git', ['remote', 'get-url', 'origin'], { cwd, onLine: null });
  let remoteProblem: string | undefined;
  if (origin.code === 0) {
    try {
      return { tags: await listRemoteTags(cwd, 'origin', git), source: 'git ls-remote --tags origin' };
    } catch (error) {
      remoteProblem = errorMessage(error).split('\n').slice(-1)[0];
    }
  }
  try {
    const tags = await listGitTags(cwd, git);
    const source = remoteProblem ? 'local git tag (git ls-remote --tags origin failed)' : 'local git tag (no remote origin)';
    return {
      tags,
      source,
      ...(remoteProblem
        ? { warning: `Could not list the tags of origin (${remoteProblem}); using the local tags, which a shallow checkout may lack.` }
        : {}),
    };
  } catch (error) {
    return {
      tags: [],
      source: 'none (the workspace is not a git repository)',
      warning:
        `Could not read the repository's tags (${errorMessage(error).split('\n').slice(-1)[0]}); ` +
        `the release is treated as the highest one.`,
    };
  }
}
