import { isAbsolute, join } from 'node:path';
import { createGitHub } from '../core/github.js';
import type { RunnerContext } from '../core/runner.js';
import type { Runtime } from '../core/runtime.js';
import { GitHubStore } from './github.js';
import { LedgerStore } from './ledger.js';
import type { RecordStore } from './types.js';

/** Where shipline keeps local state: the `state-dir` input, `SHIPLINE_STATE_DIR`, or `.shipline`. */
export function stateRoot(input: string | undefined, runner: RunnerContext, env = process.env): string {
  const dir = input || env.SHIPLINE_STATE_DIR || '.shipline';
  return isAbsolute(dir) ? dir : join(runner.workspace, dir);
}

/**
 * GitHub Deployments when there is a token and a repository; otherwise the local ledger in the
 * state directory (local runs and the demo), with the same records and meaning.
 */
export function openRecords(opts: {
  token?: string;
  runner: RunnerContext;
  stateDir: string;
  runtime: Pick<Runtime, 'github' | 'log' | 'clock'>;
}): RecordStore {
  const { github = createGitHub, log } = opts.runtime;
  // An expression the runner did not expand (`${{ github.token }}` outside Actions) is no token.
  if (opts.token?.includes('${{')) {
    log.warning('github-token holds an unexpanded expression; keeping the records in the local ledger');
    opts.token = undefined;
  }
  if (opts.token && opts.runner.repository) {
    const octokit = github({ token: opts.token, baseUrl: opts.runner.apiUrl, warn: log.warning });
    return new GitHubStore(octokit, opts.runner.repository.owner, opts.runner.repository.repo);
  }
  return new LedgerStore(join(opts.stateDir, 'deployments.json'), () => new Date(opts.runtime.clock.now()));
}
