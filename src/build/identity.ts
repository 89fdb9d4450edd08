/** What is being built: the commit checked out and the version it gets. */
import { plural } from '../core/plural.js';
import { UserError } from '../core/errors.js';
import type { RunnerContext } from '../core/runner.js';
import type { BuildSettings, Ctx } from './context.js';
import type { Exec } from '../core/exec.js';
import { userFacing } from './produce.js';
import { readExistingTags } from './tag-source.js';
import { resolveVersion, type ResolvedVersion } from './version.js';

const COMMIT = /^[0-9a-f]{7,64}$/;

/**
 * The commit built: HEAD of the workspace, the commit actually checked out (a hotfix checks out
 * the ref it was given, while GITHUB_SHA stays the head of the branch it was dispatched on); else
 * GITHUB_SHA, for a workspace that is not a git checkout.
 */
export async function commitOf(runner: RunnerContext, exec: Exec, log: Ctx['log']): Promise<string> {
  const event = runner.sha.trim().toLowerCase();
  const head = await exec
    .argv('git', ['rev-parse', '--verify', '-q', 'HEAD'], { cwd: runner.workspace, onLine: null })
    .catch(() => undefined);
  const checkedOut = head?.code === 0 ? head.stdout.trim().toLowerCase() : '';
  if (COMMIT.test(checkedOut)) {
    if (COMMIT.test(event) && event !== checkedOut)
      log.info(`Building ${checkedOut}, the commit checked out in the workspace (the event's GITHUB_SHA is ${event}).`);
    return checkedOut;
  }
  if (!event) throw new UserError('GITHUB_SHA is not set and the workspace is not a git repository, so the commit being built is unknown.');
  if (!COMMIT.test(event)) throw new UserError(`GITHUB_SHA ${JSON.stringify(event)} is not a commit id (7 to 64 hexadecimal characters).`);
  return event;
}

export async function resolveBuildVersion(
  s: BuildSettings,
  runner: RunnerContext,
  commit: string,
  exec: Exec,
  log: Ctx['log'],
): Promise<{ resolved: ResolvedVersion; tagSource?: string }> {
  const input = { eventName: runner.eventName, ref: runner.ref, sha: commit, payload: runner.payload, override: s.version };
  const what = s.version ? 'Input "version"' : 'Cannot compute the version';
  const first = await userFacing(what, async () => resolveVersion({ ...input, existingTags: [] }));
  // Only a release's floating tags (X.Y, X, latest) depend on the other tags: read them only then.
  if (first.channel !== 'release') return { resolved: first };
  const existing = await readExistingTags(runner.workspace, exec);
  if (existing.warning) log.warning(existing.warning);
  const resolved = await userFacing(what, async () => resolveVersion({ ...input, existingTags: existing.tags }));
  return { resolved, tagSource: `${existing.source}, ${plural(existing.tags.length, 'tag')}` };
}
