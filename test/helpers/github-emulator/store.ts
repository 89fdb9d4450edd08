// The emulator's records: deployments with their statuses, branches and tags, and how refs resolve.
import { notFound, validationFailed } from './errors.js';
import type { Actor, Deployment, DeploymentSeed, DeploymentState, DeploymentStatus, StatusSeed, Tag } from './types.js';

export const SHA_RE = /^[0-9a-f]{40}$/i;
export const BOT: Actor = { login: 'github-actions[bot]', id: 41898282, node_id: 'MDM6Qm90NDE4OTgyODI=', type: 'Bot', site_admin: false };

export function timestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function nodeId(prefix: string, id: number): string {
  return Buffer.from(`${prefix}${id}`).toString('base64').replace(/=+$/, '');
}

/** MessagePack of an array of unsigned integers (what GitHub's current node ids carry). */
function msgpackUints(values: readonly number[]): Buffer {
  const parts: number[] = [0x90 | values.length];
  for (const v of values) {
    if (v <= 0x7f) parts.push(v);
    else if (v <= 0xffff) parts.push(0xcd, v >> 8, v & 0xff);
    else if (v <= 0xffffffff) parts.push(0xce, ...[24, 16, 8, 0].map((s) => Math.floor(v / 2 ** s) & 0xff));
    else parts.push(0xcf, ...[56, 48, 40, 32, 24, 16, 8, 0].map((s) => Number((BigInt(v) >> BigInt(s)) & 0xffn)));
  }
  return Buffer.from(parts);
}

/** A node id in GitHub's current format: `DE_` + base64url(MessagePack [0, repository id, id]). */
export function deploymentNodeId(id: number, repositoryId = 1): string {
  return `DE_${msgpackUints([0, repositoryId, id]).toString('base64url')}`;
}

export function fakeSha(seed: string): string {
  let out = '';
  let h = 2166136261;
  while (out.length < 40) {
    for (const ch of `${seed}:${out.length}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
}

export function newestFirst<T extends { created_at: string; id: number }>(a: T, b: T): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? 1 : -1;
  return b.id - a.id;
}

export function parsePayload(payload: unknown): Record<string, unknown> | string {
  if (payload === undefined || payload === null || payload === '') return {};
  if (typeof payload === 'string') {
    try {
      const parsed: unknown = JSON.parse(payload);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // not JSON: kept as the string it is
    }
    return payload;
  }
  if (typeof payload === 'object' && !Array.isArray(payload)) return payload as Record<string, unknown>;
  throw validationFailed('Deployment', 'payload', 'payload must be an object or a string', '/deployments/deployments#create-a-deployment');
}

export class Store {
  private deploymentRecords = new Map<number, { deployment: Deployment; statuses: DeploymentStatus[] }>();
  private nextDeploymentId: number;
  /** GitHub Actions runs by id, for GET /repos/{o}/{r}/actions/runs/{id}. */
  runs = new Map<number, { status: string; conclusion: string | null; run_attempt: number }>();
  private nextStatusId = 1;
  branches = new Map<string, string>();
  tags: Tag[] = [];

  constructor(
    private readonly apiUrl: string,
    private readonly repoPath: string,
    private readonly now: () => Date,
    private readonly firstDeploymentId = 1,
  ) {
    this.nextDeploymentId = firstDeploymentId;
  }

  get repositoryUrl(): string {
    return `${this.apiUrl}/repos/${this.repoPath}`;
  }

  clear(): void {
    this.deploymentRecords.clear();
    this.runs.clear();
    this.nextDeploymentId = this.firstDeploymentId;
    this.nextStatusId = 1;
  }

  resolveRef(ref: string): string | undefined {
    if (SHA_RE.test(ref)) return ref.toLowerCase();
    const name = ref.replace(/^refs\//, '');
    const branch = this.branches.get(name.replace(/^heads\//, ''));
    if (branch && !name.startsWith('tags/')) return branch;
    const tag = this.tags.find((t) => t.name === name.replace(/^tags\//, ''));
    if (tag && !name.startsWith('heads/')) return tag.sha;
    return undefined;
  }

  addDeployment(fields: {
    sha: string;
    ref: string;
    task: string;
    payload: Record<string, unknown> | string;
    environment: string;
    description: string | null;
    transient: boolean;
    production: boolean;
    createdAt: string;
  }): Deployment {
    const id = this.nextDeploymentId++;
    const url = `${this.repositoryUrl}/deployments/${id}`;
    const deployment: Deployment = {
      url,
      id,
      node_id: deploymentNodeId(id),
      sha: fields.sha,
      ref: fields.ref,
      task: fields.task,
      payload: fields.payload,
      original_environment: fields.environment,
      environment: fields.environment,
      description: fields.description,
      creator: BOT,
      created_at: fields.createdAt,
      updated_at: fields.createdAt,
      statuses_url: `${url}/statuses`,
      repository_url: this.repositoryUrl,
      transient_environment: fields.transient,
      production_environment: fields.production,
      performed_via_github_app: null,
    };
    this.deploymentRecords.set(id, { deployment, statuses: [] });
    return deployment;
  }

  addStatus(
    deploymentId: number,
    fields: { state: DeploymentState; description: string; environment: string; logUrl: string; environmentUrl: string; createdAt: string },
  ): DeploymentStatus {
    const record = this.record(deploymentId);
    const id = this.nextStatusId++;
    const status: DeploymentStatus = {
      url: `${record.deployment.url}/statuses/${id}`,
      id,
      node_id: nodeId('DES_', id),
      state: fields.state,
      creator: BOT,
      description: fields.description,
      environment: fields.environment,
      target_url: fields.logUrl,
      log_url: fields.logUrl,
      environment_url: fields.environmentUrl,
      created_at: fields.createdAt,
      updated_at: fields.createdAt,
      deployment_url: record.deployment.url,
      repository_url: this.repositoryUrl,
      performed_via_github_app: null,
    };
    record.statuses.push(status);
    record.deployment.updated_at = fields.createdAt;
    return status;
  }

  record(id: number): { deployment: Deployment; statuses: DeploymentStatus[] } {
    const record = this.deploymentRecords.get(id);
    if (!record) throw notFound();
    return record;
  }

  has(id: number): boolean {
    return this.deploymentRecords.has(id);
  }

  delete(id: number): void {
    this.deploymentRecords.delete(id);
  }

  latestState(id: number): DeploymentState | undefined {
    const list = this.statusesNewestFirst(id);
    return list[0]?.state;
  }

  allDeployments(): Deployment[] {
    return [...this.deploymentRecords.values()].map((r) => r.deployment).sort(newestFirst);
  }

  /** Statuses in reverse order of writing (GitHub orders them by id), whatever their timestamps. */
  statusesNewestFirst(id: number): DeploymentStatus[] {
    return [...this.record(id).statuses].reverse();
  }

  timestamp(): string {
    return timestamp(this.now());
  }

  /** Writes a deployment and its statuses exactly as described, with no side effects on others. */
  seed(seed: DeploymentSeed): Deployment {
    const createdAt = seed.created_at ? timestamp(new Date(seed.created_at)) : this.timestamp();
    const sha =
      seed.sha ?? (seed.ref ? this.resolveRef(seed.ref) : undefined) ?? fakeSha(`seed:${seed.environment}:${this.nextDeploymentId}`);
    const deployment = this.addDeployment({
      sha,
      ref: seed.ref ?? sha,
      task: seed.task ?? 'deploy',
      payload: parsePayload(seed.payload),
      environment: seed.environment,
      description: seed.description ?? null,
      transient: seed.transient_environment ?? false,
      production: seed.production_environment ?? seed.environment === 'production',
      createdAt,
    });
    for (const entry of seed.statuses ?? []) {
      const s: StatusSeed = typeof entry === 'string' ? { state: entry } : entry;
      this.addStatus(deployment.id, {
        state: s.state,
        description: s.description ?? '',
        environment: deployment.environment,
        logUrl: s.log_url ?? '',
        environmentUrl: s.environment_url ?? '',
        createdAt: s.created_at ? timestamp(new Date(s.created_at)) : createdAt,
      });
    }
    return deployment;
  }
}
