import { OutsideError } from './errors.js';

/** What an Octokit request error carries (`@octokit/request-error`'s RequestError, name `HttpError`). */
interface OctokitRequestError extends Error {
  status: number;
  response?: { data?: unknown };
}

const isRequestError = (err: unknown): err is OctokitRequestError =>
  err instanceof Error && err.name === 'HttpError' && typeof (err as { status?: unknown }).status === 'number';

const isGraphqlError = (err: unknown): err is Error & { errors?: { message?: string }[] } =>
  err instanceof Error && err.name === 'GraphqlResponseError';

/** The first message GitHub gave, one line, short. */
function gitHubSays(err: OctokitRequestError | (Error & { errors?: { message?: string }[] })): string {
  const data = 'response' in err ? (err.response?.data as { message?: unknown } | undefined) : undefined;
  const graphql = 'errors' in err ? err.errors?.[0]?.message : undefined;
  const text = typeof data?.message === 'string' ? data.message : (graphql ?? err.message);
  const line = String(text).split('\n')[0]!.trim();
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

/** The deepest cause of a failed fetch: its system error code (ECONNREFUSED, ENOTFOUND) where there is one. */
function networkCause(err: Error): string {
  let deepest: unknown = err;
  for (let depth = 0; depth < 5 && deepest instanceof Error && deepest.cause !== undefined; depth++) deepest = deepest.cause;
  const code = (deepest as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  return deepest instanceof Error ? deepest.message : err.message;
}

/**
 * Turns a failed GitHub API call into an OutsideError that names GitHub, what shipline was doing
 * (`what`: "reading the deployments of production") and what to do; other errors are returned as
 * they are. The client has already retried 5xx answers and waited out rate limits by then.
 */
export function gitHubFailure(err: unknown, what: string, apiUrl: string): unknown {
  if (isGraphqlError(err)) {
    return new OutsideError(
      `GitHub's GraphQL API at ${apiUrl} answered with an error while ${what}: ${gitHubSays(err)}. ` +
        `Re-run the job; if it persists, check github-token's permissions (deployments: read).`,
      { cause: err },
    );
  }
  if (!isRequestError(err)) return err;
  if (!err.response) {
    // No answer at all: @octokit/request reports a network failure as status 500 without a response.
    const cause = networkCause(err);
    return new OutsideError(
      `GitHub's API at ${apiUrl} could not be reached while ${what} (${cause}). Check ` +
        `GITHUB_API_URL and the runner's network access to GitHub, then re-run the job.`,
      { cause: err },
    );
  }
  const status = err.status;
  if (status >= 500) {
    return new OutsideError(
      `GitHub's API at ${apiUrl} answered ${status} (${gitHubSays(err)}) while ${what}, also when ` +
        `tried again. GitHub may be having an outage (https://www.githubstatus.com): re-run the job later.`,
      { cause: err },
    );
  }
  if (status === 401) {
    return new OutsideError(
      `GitHub's API at ${apiUrl} refused github-token (401 ${gitHubSays(err)}) ` +
        `while ${what}. Give a valid token (the default, \${{ github.token }}, is one).`,
      { cause: err },
    );
  }
  if (status === 403 || status === 404) {
    return new OutsideError(
      `GitHub's API at ${apiUrl} answered ${status} (${gitHubSays(err)}) while ${what}. Check that ` +
        `github-token may read and write deployments (permissions: deployments: write) in this repository.`,
      { cause: err },
    );
  }
  return new OutsideError(`GitHub's API at ${apiUrl} answered ${status} (${gitHubSays(err)}) while ${what}.`, { cause: err });
}
