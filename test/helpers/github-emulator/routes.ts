// The REST routes the emulator serves, each a function of the store and the request.
import { apiError, notFound, validationFailed } from './errors.js';
import { linkHeader, pageRequest, pageSlice } from './pagination.js';
import { newestFirst, nodeId, parsePayload, type Store } from './store.js';
import { DEPLOYMENT_STATES, type Deployment, type DeploymentState, type Reply, type RepoIdentity } from './types.js';

export type { RepoIdentity } from './types.js';
import { graphql } from './graphql.js';

export interface RouteRequest {
  method: string;
  url: URL;
  body: Record<string, unknown>;
}

function optionalString(body: Record<string, unknown>, field: string, resource: string, docs: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw validationFailed(resource, field, `${field} must be a string`, docs);
  return v;
}

function optionalBoolean(body: Record<string, unknown>, field: string, resource: string, docs: string): boolean | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw validationFailed(resource, field, `${field} must be a boolean`, docs);
  return v;
}

const DEPLOYMENT_DOCS = '/deployments/deployments#create-a-deployment';
const STATUS_DOCS = '/deployments/statuses#create-a-deployment-status';

function paged<T>(url: URL, items: readonly T[]): Reply {
  const req = pageRequest(url.searchParams);
  const link = linkHeader(url, items.length, req);
  return { status: 200, body: pageSlice(items, req), headers: link ? { link } : {} };
}

function createDeployment(store: Store, { body }: RouteRequest): Reply {
  const ref = body.ref;
  if (typeof ref !== 'string' || ref === '') {
    throw validationFailed('Deployment', 'ref', 'ref is missing', DEPLOYMENT_DOCS);
  }
  const sha = store.resolveRef(ref);
  if (!sha) throw apiError(422, `No ref found for: ${ref}`, DEPLOYMENT_DOCS);
  const required = body.required_contexts;
  if (required !== undefined && (!Array.isArray(required) || required.some((c) => typeof c !== 'string'))) {
    throw validationFailed('Deployment', 'required_contexts', 'required_contexts must be an array of strings', DEPLOYMENT_DOCS);
  }
  optionalBoolean(body, 'auto_merge', 'Deployment', DEPLOYMENT_DOCS);
  const environment = optionalString(body, 'environment', 'Deployment', DEPLOYMENT_DOCS) ?? 'production';
  const deployment = store.addDeployment({
    sha,
    ref,
    task: optionalString(body, 'task', 'Deployment', DEPLOYMENT_DOCS) ?? 'deploy',
    payload: parsePayload(body.payload),
    environment,
    description: optionalString(body, 'description', 'Deployment', DEPLOYMENT_DOCS) ?? null,
    transient: optionalBoolean(body, 'transient_environment', 'Deployment', DEPLOYMENT_DOCS) ?? false,
    production: optionalBoolean(body, 'production_environment', 'Deployment', DEPLOYMENT_DOCS) ?? environment === 'production',
    createdAt: store.timestamp(),
  });
  return { status: 201, body: deployment };
}

function listDeployments(store: Store, { url }: RouteRequest): Reply {
  const q = url.searchParams;
  const filters = (['sha', 'ref', 'task', 'environment'] as const)
    .map((key) => [key, q.get(key)] as const)
    .filter((pair): pair is readonly [(typeof pair)[0], string] => pair[1] !== null && pair[1] !== '');
  const items = store.allDeployments().filter((d) => filters.every(([key, value]) => d[key] === value));
  return paged(url, items);
}

function deleteDeployment(store: Store, id: number): Reply {
  const { deployment } = store.record(id);
  const sameEnvironment = store.allDeployments().filter((d) => d.environment === deployment.environment);
  if (store.latestState(id) !== 'inactive' && sameEnvironment.length > 1) {
    throw apiError(
      422,
      'We cannot delete an active deployment unless it is the only deployment in a given environment.',
      '/deployments/deployments#delete-a-deployment',
    );
  }
  store.delete(id);
  return { status: 204 };
}

function createStatus(store: Store, id: number, { body }: RouteRequest): Reply {
  const { deployment } = store.record(id);
  const state = body.state;
  if (typeof state !== 'string' || !(DEPLOYMENT_STATES as readonly string[]).includes(state)) {
    throw validationFailed('DeploymentStatus', 'state', 'state is not included in the list', STATUS_DOCS);
  }
  const environment = optionalString(body, 'environment', 'DeploymentStatus', STATUS_DOCS);
  if (environment) deployment.environment = environment;
  const logUrl =
    optionalString(body, 'log_url', 'DeploymentStatus', STATUS_DOCS) ??
    optionalString(body, 'target_url', 'DeploymentStatus', STATUS_DOCS) ??
    '';
  const autoInactive = optionalBoolean(body, 'auto_inactive', 'DeploymentStatus', STATUS_DOCS) ?? true;
  const createdAt = store.timestamp();
  const status = store.addStatus(id, {
    state: state as DeploymentState,
    description: optionalString(body, 'description', 'DeploymentStatus', STATUS_DOCS) ?? '',
    environment: deployment.environment,
    logUrl,
    environmentUrl: optionalString(body, 'environment_url', 'DeploymentStatus', STATUS_DOCS) ?? '',
    createdAt,
  });
  if (state === 'success' && autoInactive) inactivateEarlier(store, deployment, createdAt);
  return { status: 201, body: status };
}

/**
 * GitHub's auto_inactive, as its REST description says: "Adds a new inactive status to all prior
 * non-transient, non-production environment deployments with the same repository and environment
 * name as the created status's deployment. An inactive status is only added to deployments that
 * had a success state."
 */
function inactivateEarlier(store: Store, current: Deployment, createdAt: string): void {
  for (const other of store.allDeployments()) {
    if (other.id === current.id || other.environment !== current.environment || other.transient_environment || other.production_environment)
      continue;
    if (newestFirst(other, current) < 0) continue; // created after the current one
    if (store.latestState(other.id) !== 'success') continue;
    store.addStatus(other.id, {
      state: 'inactive',
      description: '',
      environment: other.environment,
      logUrl: '',
      environmentUrl: '',
      createdAt,
    });
  }
}

function repository(store: Store, owner: string, repo: string, defaultBranch: string): Reply {
  return {
    status: 200,
    body: {
      id: 1,
      node_id: nodeId('R_', 1),
      name: repo,
      full_name: `${owner}/${repo}`,
      private: false,
      owner: { login: owner, id: 2, node_id: nodeId('O_', 2), type: 'Organization', site_admin: false },
      html_url: `https://github.com/${owner}/${repo}`,
      url: store.repositoryUrl,
      deployments_url: `${store.repositoryUrl}/deployments`,
      tags_url: `${store.repositoryUrl}/tags`,
      default_branch: defaultBranch,
      permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
    },
  };
}

function listTags(store: Store, owner: string, repo: string, url: URL): Reply {
  const items = store.tags.map((t) => ({
    name: t.name,
    commit: { sha: t.sha, url: `${store.repositoryUrl}/commits/${t.sha}` },
    zipball_url: `${store.repositoryUrl}/zipball/refs/tags/${t.name}`,
    tarball_url: `${store.repositoryUrl}/tarball/refs/tags/${t.name}`,
    node_id: nodeId(`REF_${owner}/${repo}:`, store.tags.indexOf(t)),
  }));
  return paged(url, items);
}

function matchingRefs(store: Store, prefix: string, url: URL): Reply {
  const refs = [
    ...[...store.branches].map(([name, sha]) => ({ ref: `refs/heads/${name}`, sha })),
    ...store.tags.map((t) => ({ ref: `refs/tags/${t.name}`, sha: t.sha })),
  ]
    .filter((r) => r.ref.startsWith(`refs/${prefix}`))
    .sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0))
    .map((r, i) => ({
      ref: r.ref,
      node_id: nodeId('REF_', i),
      url: `${store.repositoryUrl}/git/${r.ref}`,
      object: { sha: r.sha, type: 'commit', url: `${store.repositoryUrl}/git/commits/${r.sha}` },
    }));
  return paged(url, refs);
}

export function route(store: Store, ctx: RouteRequest, { owner, repo, defaultBranch }: RepoIdentity): Reply {
  if (ctx.url.pathname === '/graphql' && ctx.method === 'POST') return graphql(store, ctx.body, { owner, repo, defaultBranch });
  const segments = ctx.url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (segments[0] !== 'repos' || segments.length < 3) throw notFound();
  if (segments[1]!.toLowerCase() !== owner.toLowerCase() || segments[2]!.toLowerCase() !== repo.toLowerCase()) throw notFound();
  const rest = segments.slice(3);
  const m = ctx.method;
  const [a, b, c, d] = rest;
  const deploymentId = (): number => {
    const id = Number(b);
    if (!Number.isInteger(id) || !store.has(id)) throw notFound();
    return id;
  };

  if (rest.length === 0 && m === 'GET') return repository(store, owner, repo, defaultBranch);
  if (a === 'deployments') {
    if (rest.length === 1 && m === 'POST') return createDeployment(store, ctx);
    if (rest.length === 1 && m === 'GET') return listDeployments(store, ctx);
    if (rest.length === 2 && m === 'GET') return { status: 200, body: store.record(deploymentId()).deployment };
    if (rest.length === 2 && m === 'DELETE') return deleteDeployment(store, deploymentId());
    if (c === 'statuses' && rest.length === 3 && m === 'POST') return createStatus(store, deploymentId(), ctx);
    if (c === 'statuses' && rest.length === 3 && m === 'GET') return paged(ctx.url, store.statusesNewestFirst(deploymentId()));
    if (c === 'statuses' && rest.length === 4 && m === 'GET') {
      const status = store.record(deploymentId()).statuses.find((s) => String(s.id) === d);
      if (!status) throw notFound();
      return { status: 200, body: status };
    }
  }
  if (a === 'actions' && b === 'runs' && rest.length === 3 && m === 'GET') {
    const run = store.runs.get(Number(c));
    if (!run) throw notFound();
    return { status: 200, body: { id: Number(c), ...run, html_url: `https://github.com/${owner}/${repo}/actions/runs/${c}` } };
  }
  if (a === 'tags' && rest.length === 1 && m === 'GET') return listTags(store, owner, repo, ctx.url);
  if (a === 'git' && b === 'matching-refs' && rest.length >= 3 && m === 'GET') return matchingRefs(store, rest.slice(2).join('/'), ctx.url);
  throw notFound();
}
