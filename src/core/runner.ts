import { readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** What the runner tells a step about the run, read once from the environment. */
export interface RunnerContext {
  eventName: string;
  ref: string;
  sha: string;
  repository?: { owner: string; repo: string };
  serverUrl: string;
  apiUrl: string;
  runId?: string;
  /** GITHUB_RUN_ATTEMPT: 1, then 2 for the first re-run, ... */
  runAttempt?: string;
  runUrl?: string;
  workspace: string;
  temp: string;
  actor?: string;
  payload: Record<string, unknown>;
}

export function readRunnerContext(env: NodeJS.ProcessEnv = process.env): RunnerContext {
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/$/, '');
  const apiUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, '');
  const [owner, repo] = (env.GITHUB_REPOSITORY || '').split('/');
  const repository = owner && repo ? { owner, repo } : undefined;
  let payload: Record<string, unknown> = {};
  if (env.GITHUB_EVENT_PATH && existsSync(env.GITHUB_EVENT_PATH)) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Record<string, unknown>;
    } catch {
      payload = {};
    }
  }
  const runId = env.GITHUB_RUN_ID || undefined;
  return {
    eventName: env.GITHUB_EVENT_NAME || 'local',
    ref: env.GITHUB_REF || '',
    sha: env.GITHUB_SHA || '',
    repository,
    serverUrl,
    apiUrl,
    runId,
    runAttempt: env.GITHUB_RUN_ATTEMPT || undefined,
    runUrl: repository && runId ? `${serverUrl}/${owner}/${repo}/actions/runs/${runId}` : undefined,
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    temp: env.RUNNER_TEMP || tmpdir(),
    actor: env.GITHUB_ACTOR || undefined,
    payload,
  };
}
