// The shapes the emulator serves and the API tests drive it with.

export const DEPLOYMENT_STATES = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'] as const;
export type DeploymentState = (typeof DEPLOYMENT_STATES)[number];

export interface Actor {
  login: string;
  id: number;
  node_id: string;
  type: 'Bot' | 'User';
  site_admin: boolean;
}

export interface Deployment {
  url: string;
  id: number;
  node_id: string;
  sha: string;
  ref: string;
  task: string;
  payload: Record<string, unknown> | string;
  original_environment: string;
  environment: string;
  description: string | null;
  creator: Actor;
  created_at: string;
  updated_at: string;
  statuses_url: string;
  repository_url: string;
  transient_environment: boolean;
  production_environment: boolean;
  performed_via_github_app: null;
}

export interface DeploymentStatus {
  url: string;
  id: number;
  node_id: string;
  state: DeploymentState;
  creator: Actor;
  description: string;
  environment: string;
  target_url: string;
  log_url: string;
  environment_url: string;
  created_at: string;
  updated_at: string;
  deployment_url: string;
  repository_url: string;
  performed_via_github_app: null;
}

export interface Tag {
  name: string;
  sha: string;
}

export interface StatusSeed {
  state: DeploymentState;
  description?: string;
  environment_url?: string;
  log_url?: string;
  created_at?: string;
}

export interface DeploymentSeed {
  environment: string;
  sha?: string;
  ref?: string;
  task?: string;
  payload?: Record<string, unknown> | string;
  description?: string | null;
  created_at?: string;
  transient_environment?: boolean;
  production_environment?: boolean;
  /**
   * Written exactly as given, oldest first, stamped with the deployment's created_at unless given;
   * seeding never marks other deployments inactive.
   */
  statuses?: Array<DeploymentState | StatusSeed>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  /** When the request arrived (epoch ms, Date.now() as Octokit reads the rate-limit headers). */
  at: number;
}

export interface FaultMatch {
  method?: string;
  pathPrefix?: string;
}

export interface EmulatorOptions {
  token?: string;
  owner?: string;
  repo?: string;
  defaultBranch?: string;
  /** Branch name -> sha; `defaultBranch` gets a made-up sha when not listed. */
  branches?: Record<string, string>;
  tags?: Tag[];
  /** The first deployment id (GitHub's are 64-bit and already near 2^31). */
  firstDeploymentId?: number;
  /** Clock for created_at/updated_at of records (rate-limit headers use the real clock, as Octokit does). */
  now?: () => Date;
}

export interface GitHubEmulator {
  url: string;
  token: string;
  owner: string;
  repo: string;
  readonly requests: readonly RecordedRequest[];
  calls(method?: string, pathPrefix?: string): number;
  failNext(count: number, options?: { status?: 500 | 502 | 503 | 422 } & FaultMatch): void;
  secondaryRateLimitNext(count: number, retryAfterSeconds?: number, match?: FaultMatch): void;
  primaryRateLimitNext(count: number, resetAfterSeconds?: number, match?: FaultMatch): void;
  seedDeployment(seed: DeploymentSeed): Deployment;
  seedTag(name: string, sha: string): void;
  /** A GitHub Actions run, as GET /repos/{o}/{r}/actions/runs/{id} answers it. */
  seedRun(id: number, run: { status: 'queued' | 'in_progress' | 'completed'; conclusion?: string | null; run_attempt?: number }): void;
  seedBranch(name: string, sha: string): void;
  deployments(environment?: string): Deployment[];
  statuses(deploymentId: number): DeploymentStatus[];
  /** Clears records, tags seeded after start, faults and the request log. */
  reset(): void;
  close(): Promise<void>;
}

/** What a route answers; the server adds GitHub's common headers. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The repository the emulator serves. */
export interface RepoIdentity {
  owner: string;
  repo: string;
  defaultBranch: string;
}
