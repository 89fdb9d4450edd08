// The `github` and `runner` contexts of a local run, and the environment every step starts from.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { arch } from 'node:os';
import { basename, join } from 'node:path';
import type { Json } from './expressions.js';
import { systemClock } from '../core/clock.js';

const git = (cwd: string, ...args: string[]): string | undefined => {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
};

/** `v1.2.0` -> refs/tags/v1.2.0 when that tag exists, else refs/heads/<name>; full refs kept. */
export function fullRef(workspace: string, ref: string | undefined): string {
  if (ref?.startsWith('refs/')) return ref;
  if (ref) return git(workspace, 'rev-parse', '-q', '--verify', `refs/tags/${ref}`) ? `refs/tags/${ref}` : `refs/heads/${ref}`;
  const branch = git(workspace, 'symbolic-ref', '-q', 'HEAD');
  return branch ?? 'refs/heads/main';
}

export interface GithubSettings {
  workspace: string;
  event: string;
  ref: string;
  inputs: Record<string, Json>;
  token: string;
  runDir: string;
  workflow: string;
}

/** Variables of the machine a step does not see: a runner starts steps with its own. */
const HOST_ONLY = /^(INPUT_|GITHUB_|RUNNER_|ACTIONS_)|^CI$/;

export function githubContext(s: GithubSettings): { github: Record<string, Json>; runner: Record<string, Json>; env: NodeJS.ProcessEnv } {
  const sha =
    git(s.workspace, 'rev-parse', '-q', '--verify', `${s.ref}^{commit}`) ?? git(s.workspace, 'rev-parse', 'HEAD') ?? '0'.repeat(40);
  const repository = process.env.GITHUB_REPOSITORY || `local/${basename(s.workspace)}`;
  const [owner] = repository.split('/');
  const refName = s.ref.replace(/^refs\/(heads|tags)\//, '');
  const runId = String(systemClock.now());
  const serverUrl = process.env.GITHUB_SERVER_URL || 'https://github.com';
  const apiUrl = process.env.GITHUB_API_URL || 'https://api.github.com';
  const actor = process.env.GITHUB_ACTOR || process.env.USER || 'local';
  const payload: Record<string, Json> = {
    ref: s.ref,
    after: sha,
    repository: {
      full_name: repository,
      name: repository.split('/')[1] ?? repository,
      owner: { login: owner ?? '' },
      default_branch: 'main',
    },
    sender: { login: actor },
  };
  if (s.event === 'workflow_dispatch')
    payload.inputs = Object.fromEntries(Object.entries(s.inputs).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  const eventPath = join(s.runDir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(payload, null, 2));
  const github: Record<string, Json> = {
    event_name: s.event,
    event: payload,
    event_path: eventPath,
    ref: s.ref,
    ref_name: refName,
    ref_type: s.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    sha,
    repository,
    repository_owner: owner ?? '',
    run_id: runId,
    run_number: '1',
    run_attempt: '1',
    actor,
    triggering_actor: actor,
    server_url: serverUrl,
    api_url: apiUrl,
    graphql_url: `${apiUrl}/graphql`,
    workspace: s.workspace,
    workflow: s.workflow,
    token: s.token,
    action: '',
    job: '',
    retention_days: '90',
  };
  const runner = {
    os: 'Linux',
    arch: arch() === 'arm64' ? 'ARM64' : 'X64',
    name: 'shipline-local',
    temp: s.runDir,
    tool_cache: join(s.runDir, 'tool-cache'),
    environment: 'self-hosted',
    debug: '',
  };
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !HOST_ONLY.test(k)));
  Object.assign(env, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: s.workspace,
    GITHUB_EVENT_NAME: s.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REF: s.ref,
    GITHUB_REF_NAME: refName,
    GITHUB_REF_TYPE: github.ref_type,
    GITHUB_SHA: sha,
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: owner,
    GITHUB_RUN_ID: runId,
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: actor,
    GITHUB_TRIGGERING_ACTOR: actor,
    GITHUB_SERVER_URL: serverUrl,
    GITHUB_API_URL: apiUrl,
    GITHUB_GRAPHQL_URL: `${apiUrl}/graphql`,
    GITHUB_WORKFLOW: s.workflow,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: runner.arch,
    RUNNER_NAME: runner.name,
    RUNNER_ENVIRONMENT: 'self-hosted',
    RUNNER_TOOL_CACHE: runner.tool_cache,
  });
  return { github, runner, env };
}
