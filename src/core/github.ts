import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export type GitHub = InstanceType<typeof Octokit>;

const ShiplineOctokit = Octokit.plugin(retry, throttling);

export interface GitHubOptions {
  token: string;
  /** Defaults to `GITHUB_API_URL`, as on GitHub Enterprise Server. */
  baseUrl?: string;
  /** How many times a rate-limited or failed request is tried again. */
  retries?: number;
  warn?: (message: string) => void;
}

/**
 * The one GitHub client every action uses: retries 5xx, waits out primary and secondary rate
 * limits as GitHub's `retry-after`/`x-ratelimit-reset` headers say (a few times), paginates with
 * `octokit.paginate`.
 */
export function createGitHub(opts: GitHubOptions): GitHub {
  const retries = opts.retries ?? 3;
  const warn = opts.warn ?? (() => undefined);
  return new ShiplineOctokit({
    auth: opts.token,
    baseUrl: (opts.baseUrl || process.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, ''),
    userAgent: 'shipline',
    // plugin-retry backs off on 5xx; 403 and 429 are left to plugin-throttling, which waits as
    // GitHub's retry-after and x-ratelimit-reset say; other 4xx are answers, not faults.
    retry: { retries, doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451] },
    throttle: {
      onRateLimit: (retryAfter: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
        warn(`GitHub rate limit hit on ${options.method} ${options.url}; retrying in ${retryAfter}s`);
        return retryCount < retries && retryAfter <= 120;
      },
      onSecondaryRateLimit: (retryAfter: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
        warn(`GitHub secondary rate limit on ${options.method} ${options.url}; retrying in ${retryAfter}s`);
        return retryCount < retries && retryAfter <= 120;
      },
    },
  });
}
