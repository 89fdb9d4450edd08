import { OutsideError } from '../core/errors.js';
import type { GitHub } from '../core/github.js';
import { gitHubFailure } from '../core/github-errors.js';
import type { DeploymentRecord, NewRecord, RecordPayload, RecordState, RecordStore, StatusUpdate } from './types.js';

const HISTORY_QUERY = `query($owner: String!, $repo: String!, $environments: [String!], $first: Int!, $after: String) {
  repository(owner: $owner, name: $repo) {
    deployments(environments: $environments, first: $first, after: $after, orderBy: {field: CREATED_AT, direction: DESC}) {
      pageInfo { hasNextPage endCursor }
      nodes {
        databaseId createdAt commitOid environment payload description
        latestStatus { state description environmentUrl createdAt }
      }
    }
  }
}`;

interface HistoryPage {
  repository: {
    deployments: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: {
        databaseId: number;
        createdAt: string;
        commitOid: string;
        environment: string;
        payload: string | null;
        description: string | null;
        latestStatus: { state: string; description: string | null; environmentUrl: string | null; createdAt: string } | null;
      }[];
    };
  } | null;
}

function parsePayload(text: string | null): RecordPayload {
  if (!text) return { version: '' };
  try {
    const value = JSON.parse(text) as unknown;
    // GitHub stores a payload sent as a JSON string as that string; read through one level.
    const data = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
    if (data && typeof data === 'object' && !Array.isArray(data)) {
      const payload = data as RecordPayload;
      return { ...payload, version: typeof payload.version === 'string' ? payload.version : '' };
    }
  } catch {
    /* a payload another tool wrote: no version */
  }
  return { version: '' };
}

/**
 * Records kept as GitHub Deployments: written with REST (deployment, then statuses), read with one
 * GraphQL query per 100 records that carries each deployment's latest status, so a history 120
 * records deep costs two calls instead of one per record.
 */
export class GitHubStore implements RecordStore {
  readonly kind = 'github';
  calls = 0;

  constructor(
    private readonly octokit: GitHub,
    private readonly owner: string,
    private readonly repo: string,
    private readonly pageSize = 100,
  ) {}

  get where(): string {
    return `${this.owner}/${this.repo} deployments`;
  }

  /** One API call; a failure (after the client's retries) names GitHub and what was being done. */
  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    this.calls++;
    try {
      return await fn();
    } catch (err) {
      throw gitHubFailure(err, what, this.octokit.request.endpoint.DEFAULTS.baseUrl);
    }
  }

  async create(record: NewRecord): Promise<DeploymentRecord> {
    const res = await this.call(`creating a deployment of ${this.owner}/${this.repo} in ${record.environment}`, () => this.octokit.rest.repos.createDeployment({
      owner: this.owner,
      repo: this.repo,
      ref: record.sha || record.ref,
      environment: record.environment,
      auto_merge: false,
      required_contexts: [],
      payload: record.payload as unknown as Record<string, unknown>,
      description: record.description?.slice(0, 140),
      transient_environment: false,
      production_environment: record.productionEnvironment,
    }));
    if (res.status !== 201 || !('id' in res.data)) {
      throw new OutsideError(`GitHub did not create the deployment in ${record.environment} (${res.status}: ${JSON.stringify(res.data).slice(0, 200)}). Re-run the job.`);
    }
    return {
      id: String(res.data.id),
      environment: record.environment,
      sha: res.data.sha,
      ref: record.ref,
      createdAt: res.data.created_at,
      payload: record.payload,
      state: 'pending',
    };
  }

  async setStatus(id: string, state: RecordState, update: StatusUpdate = {}): Promise<void> {
    await this.call(`setting deployment ${id} of ${this.owner}/${this.repo} to ${state}`, () => this.octokit.rest.repos.createDeploymentStatus({
      owner: this.owner,
      repo: this.repo,
      deployment_id: Number(id),
      state,
      description: update.description?.slice(0, 140),
      environment_url: update.environmentUrl,
      log_url: update.logUrl,
      auto_inactive: update.autoInactive,
    }));
  }

  async *history(environment: string): AsyncIterable<DeploymentRecord> {
    let after: string | null = null;
    for (;;) {
      const page: HistoryPage = await this.call(`reading the deployments of ${this.owner}/${this.repo} in ${environment}`, () =>
        this.octokit.graphql<HistoryPage>(HISTORY_QUERY, {
          owner: this.owner,
          repo: this.repo,
          environments: [environment],
          first: this.pageSize,
          after,
        }),
      );
      const deployments = page.repository?.deployments;
      if (!deployments) return;
      for (const node of deployments.nodes) {
        yield {
          id: String(node.databaseId),
          environment: node.environment,
          sha: node.commitOid,
          ref: '',
          createdAt: node.createdAt,
          payload: parsePayload(node.payload),
          state: (node.latestStatus?.state.toLowerCase() ?? 'pending') as RecordState,
          statusDescription: node.latestStatus?.description ?? undefined,
          environmentUrl: node.latestStatus?.environmentUrl ?? undefined,
          stateAt: node.latestStatus?.createdAt,
        };
      }
      if (!deployments.pageInfo.hasNextPage || !deployments.pageInfo.endCursor) return;
      after = deployments.pageInfo.endCursor;
    }
  }
}
