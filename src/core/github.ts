import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';

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
 * One request at a time, each as soon as the one before has answered. GitHub asks clients to make
 * requests serially and to pause a second between writes only when making a large number of them
 * (REST API best practices); a step makes a handful, so plugin-throttling's default spacing (writes
 * and GraphQL queries 1 s apart, searches 2 s, notification-triggering writes 3 s) only added
 * seconds to every step. The plugin takes its Bottleneck groups from its options: `global` (every
 * request goes through it; the plugin's own allows 10 at once) is read like the other three,
 * though its types list only those.
 */
function serialGroups(): Record<'global' | 'write' | 'search' | 'notifications', Bottleneck.Group> {
  const serial = () => new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });
  return { global: serial(), write: serial(), search: serial(), notifications: serial() };
}

/**
 * The one GitHub client every action uses: requests one at a time without fixed spacing, retries
 * 5xx, waits out primary and secondary rate limits as GitHub's `retry-after`/`x-ratelimit-reset`
 * headers say (a few times), paginates with `octokit.paginate`.
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
      ...serialGroups(),
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
