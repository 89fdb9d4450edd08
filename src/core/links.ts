import type { RunnerContext } from './runner.js';
import { escapeText, raw, type Raw } from './summary.js';

/** Where a repository lives on its server: `https://github.com/acme/shop`. */
export function repoUrl(runner: Pick<RunnerContext, 'serverUrl' | 'repository'>): string | undefined {
  if (!runner.repository) return undefined;
  return `${runner.serverUrl}/${runner.repository.owner}/${runner.repository.repo}`;
}

const SHA = /^[0-9a-f]{7,64}$/i;

/** A commit's page; undefined without a repository or with a value that is not a commit id. */
export function commitUrl(runner: Pick<RunnerContext, 'serverUrl' | 'repository'>, sha: string | undefined): string | undefined {
  const repo = repoUrl(runner);
  return repo && sha && SHA.test(sha) ? `${repo}/commit/${sha}` : undefined;
}

/** The compare view from the previous commit to the new one (`.../compare/<old>...<new>`). */
export function compareUrl(
  runner: Pick<RunnerContext, 'serverUrl' | 'repository'>,
  previous: string | undefined,
  next: string | undefined,
): string | undefined {
  const repo = repoUrl(runner);
  if (!repo || !previous || !next || !SHA.test(previous) || !SHA.test(next) || previous === next) return undefined;
  return `${repo}/compare/${previous}...${next}`;
}

/** Percent-encodes a path segment, with the characters a Markdown link destination reads too. */
const segment = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The environment's deployments page (`.../deployments/<environment>`, the name URL-encoded). */
export function deploymentsUrl(
  runner: Pick<RunnerContext, 'serverUrl' | 'repository'>,
  environment: string | undefined,
): string | undefined {
  const repo = repoUrl(runner);
  return repo && environment ? `${repo}/deployments/${segment(environment)}` : undefined;
}

/** The run's page (`.../actions/runs/<id>`). */
export function runUrl(runner: Pick<RunnerContext, 'serverUrl' | 'repository' | 'runId'>): string | undefined {
  const repo = repoUrl(runner);
  return repo && runner.runId && /^\d+$/.test(runner.runId) ? `${repo}/actions/runs/${runner.runId}` : undefined;
}

/**
 * A Markdown link for a summary: the text escaped, the address in angle brackets with the
 * characters that could end it encoded. Without an address, the text alone (escaped).
 */
export function link(text: string, url: string | undefined): Raw {
  if (!url) return raw(escapeText(text));
  const safe = url.replace(/[<>\s]/g, (c) => encodeURIComponent(c));
  return raw(`[${escapeText(text)}](<${safe}>)`);
}

/** `a1b2c3d` linked to its commit page when the runner names the repository. */
export function commitLink(runner: Pick<RunnerContext, 'serverUrl' | 'repository'>, sha: string): Raw {
  return link(SHA.test(sha) ? sha.slice(0, 7) : sha, commitUrl(runner, sha));
}
