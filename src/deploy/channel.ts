import { resolveVersion } from '../build/version.js';
import type { RunnerContext } from '../core/runner.js';

/**
 * The channel of a deploy given no build manifest: the build action's rule for an explicit
 * version (push to a branch -> staging, dispatch -> hotfix, pull request -> preview, a tag ->
 * release or prerelease). Undefined where no rule applies (a local run).
 */
export function channelOf(runner: RunnerContext, version: string): string | undefined {
  if (!runner.ref) return undefined;
  try {
    return resolveVersion({
      eventName: runner.eventName,
      ref: runner.ref,
      sha: runner.sha,
      payload: runner.payload,
      existingTags: [],
      override: version,
    }).channel;
  } catch {
    return undefined;
  }
}
