import { OutsideError } from '../core/errors.js';
import type { GitHub } from '../core/github.js';
import { gitHubFailure } from '../core/github-errors.js';
import { cutText, isShipline } from './meaning.js';
import type { DeploymentRecord, NewRecord, RecordPayload, RecordState, RecordStore, RunState, StatusUpdate } from './types.js';

// `databaseId` is a 32-bit GraphQL Int while REST ids are 64-bit: records are read by their node
// `id`, and the REST id is taken from it (see restIdOf), never from `databaseId`.
const HISTORY_QUERY = `query($owner: String!, $repo: String!, $environments: [String!], $first: Int!, $after: String) {
  repository(owner: $owner, name: $repo) {
    deployments(environments: $environments, first: $first, after: $after, orderBy: {field: CREATED_AT, direction: DESC}) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id createdAt commitOid environment payload description
        latestStatus { state description environmentUrl createdAt }
        statuses(first: 30) { nodes { environmentUrl createdAt } }
      }
    }
  }
}`;

interface HistoryNode {
  id: string;
  createdAt: string;
  commitOid: string;
  environment: string;
  payload: string | null;
  description: string | null;
  latestStatus: { state: string; description: string | null; environmentUrl: string | null; createdAt: string } | null;
  statuses?: { nodes: { environmentUrl: string | null; createdAt: string }[] } | null;
}

interface HistoryPage {
  repository: {
    deployments: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: HistoryNode[];
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

/** Reads the unsigned integers of a MessagePack array (the body of GitHub's node ids). */
function msgpackInts(bytes: Buffer): bigint[] | undefined {
  let at = 0;
  const head = bytes[at++];
  if (head === undefined || (head & 0xf0) !== 0x90) return undefined;
  const out: bigint[] = [];
  for (let i = 0; i < (head & 0x0f); i++) {
    const b = bytes[at++];
    if (b === undefined) return undefined;
    const size = b <= 0x7f ? 0 : b === 0xcc ? 1 : b === 0xcd ? 2 : b === 0xce ? 4 : b === 0xcf ? 8 : -1;
    if (size < 0 || at + size > bytes.length) return undefined;
    if (size === 0) out.push(BigInt(b));
    else {
      let v = 0n;
      for (let k = 0; k < size; k++) v = (v << 8n) | BigInt(bytes[at + k]!);
      out.push(v);
      at += size;
    }
  }
  return out;
}

/**
 * The REST id inside a deployment's GraphQL node id: `DE_` + base64url(MessagePack [0, repository
 * id, deployment id]) in GitHub's current format, `base64("010:Deployment<id>")` in the legacy one.
 * Undefined when it is neither (the store then looks the id up through REST).
 */
export function restIdOf(nodeId: string): string | undefined {
  if (nodeId.startsWith('DE_')) {
    const ints = msgpackInts(Buffer.from(nodeId.slice(3), 'base64url'));
    return ints && ints.length >= 2 ? String(ints.at(-1)) : undefined;
  }
  const legacy = /^\d+:Deployment(\d+)$/.exec(Buffer.from(nodeId, 'base64').toString('latin1'));
  return legacy?.[1];
}

/** The newest environment URL among a deployment's statuses (GitHub shows it until another replaces it). */
function carriedUrl(node: HistoryNode): string | undefined {
  if (node.latestStatus?.environmentUrl) return node.latestStatus.environmentUrl;
  const withUrl = (node.statuses?.nodes ?? []).map((s, i) => ({ ...s, i })).filter((s) => s.environmentUrl);
  withUrl.sort((a, b) => (a.createdAt === b.createdAt ? b.i - a.i : a.createdAt < b.createdAt ? 1 : -1));
  return withUrl[0]?.environmentUrl ?? undefined;
}

/**
 * Records kept as GitHub Deployments: written with REST (deployment, then statuses), read with one
 * GraphQL query per 100 records that carries each deployment's latest status, so a history 120
 * records deep costs two calls instead of one per record. A read stops after `foreignPages` pages
 * in a row that hold no shipline record (an environment full of other tools' deployments).
 */
export class GitHubStore implements RecordStore {
  readonly kind = 'github';
  calls = 0;

  constructor(
    private readonly octokit: GitHub,
    private readonly owner: string,
    private readonly repo: string,
    private readonly pageSize = 100,
    private readonly foreignPages = 3,
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
    const res = await this.call(`creating a deployment of ${this.owner}/${this.repo} in ${record.environment}`, () =>
      this.octokit.rest.repos.createDeployment({
        owner: this.owner,
        repo: this.repo,
        ref: record.sha || record.ref,
        environment: record.environment,
        auto_merge: false,
        required_contexts: [],
        payload: record.payload as unknown as Record<string, unknown>,
        description: record.description === undefined ? undefined : cutText(record.description, 140),
        transient_environment: false,
        production_environment: record.productionEnvironment,
      }),
    );
    if (res.status !== 201 || !('id' in res.data)) {
      throw new OutsideError(
        `GitHub did not create the deployment in ${record.environment} ` +
          `(${res.status}: ${JSON.stringify(res.data).slice(0, 200)}). Re-run the job.`,
      );
    }
    return {
      id: String(res.data.id),
      nodeId: res.data.node_id,
      environment: record.environment,
      sha: res.data.sha,
      ref: record.ref,
      createdAt: res.data.created_at,
      payload: record.payload,
      state: 'pending',
    };
  }

  /** A REST id for `id`: itself when numeric, else the deployment whose node id it is. */
  private async restId(id: string): Promise<string> {
    if (/^\d+$/.test(id)) return id;
    const inside = restIdOf(id);
    if (inside) return inside;
    let page = 0;
    for await (const res of this.octokit.paginate.iterator(this.octokit.rest.repos.listDeployments, {
      owner: this.owner,
      repo: this.repo,
      per_page: 100,
    })) {
      this.calls++;
      const found = res.data.find((d) => d.node_id === id);
      if (found) return String(found.id);
      if (++page >= 10) break;
    }
    throw new Error(`no deployment with node id ${id} in ${this.owner}/${this.repo}`);
  }

  async setStatus(id: string, state: RecordState, update: StatusUpdate = {}): Promise<void> {
    const restId = await this.restId(id);
    await this.call(`setting deployment ${restId} of ${this.owner}/${this.repo} to ${state}`, () =>
      this.octokit.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
        owner: this.owner,
        repo: this.repo,
        // A 64-bit id as written: the URL template takes it as text, so no Number() rounding.
        deployment_id: restId as unknown as number,
        state,
        description: update.description === undefined ? undefined : cutText(update.description, 140),
        environment_url: update.environmentUrl,
        log_url: update.logUrl,
        auto_inactive: update.autoInactive,
      }),
    );
  }

  async runState(runId: string): Promise<RunState | undefined> {
    if (!/^\d+$/.test(runId)) return undefined;
    this.calls++;
    try {
      const res = await this.octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', {
        owner: this.owner,
        repo: this.repo,
        run_id: runId as unknown as number,
      });
      return { status: String(res.data.status), conclusion: res.data.conclusion, attempt: res.data.run_attempt ?? 1 };
    } catch {
      // 404 is also what a token without `actions: read` gets: not knowing is not "ended".
      return undefined;
    }
  }

  async *history(environment: string): AsyncIterable<DeploymentRecord> {
    let after: string | null = null;
    let foreignInARow = 0;
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
      let ours = false;
      for (const node of deployments.nodes) {
        const record: DeploymentRecord = {
          id: restIdOf(node.id) ?? node.id,
          nodeId: node.id,
          environment: node.environment,
          sha: node.commitOid,
          ref: '',
          createdAt: node.createdAt,
          payload: parsePayload(node.payload),
          state: (node.latestStatus?.state.toLowerCase() ?? 'pending') as RecordState,
          statusDescription: node.latestStatus?.description ?? undefined,
          environmentUrl: carriedUrl(node),
          stateAt: node.latestStatus?.createdAt,
        };
        if (isShipline(record)) ours = true;
        yield record;
      }
      foreignInARow = ours ? 0 : foreignInARow + 1;
      if (foreignInARow >= this.foreignPages) return;
      if (!deployments.pageInfo.hasNextPage || !deployments.pageInfo.endCursor) return;
      after = deployments.pageInfo.endCursor;
    }
  }
}
