// The one GraphQL query shipline sends: a page of an environment's deployments, newest first, each
// with its latest status, so a history can be read in pages of 100 without a call per record.
import { apiError } from './errors.js';
import { parsePayload, type Store } from './store.js';
import type { Reply, RepoIdentity } from './types.js';

const cursor = (offset: number) => Buffer.from(`cursor:${offset}`).toString('base64');
const offsetOf = (after: unknown) => (typeof after === 'string' ? Number(Buffer.from(after, 'base64').toString().split(':')[1]) : 0);

export function graphql(store: Store, body: Record<string, unknown>, identity: RepoIdentity): Reply {
  const query = String(body.query ?? '');
  const vars = (body.variables ?? {}) as Record<string, unknown>;
  if (!/repository\s*\(/.test(query) || !/deployments\s*\(/.test(query)) {
    return { status: 200, body: { errors: [{ message: 'the emulator answers only the deployments query' }] } };
  }
  if (
    String(vars.owner).toLowerCase() !== identity.owner.toLowerCase() ||
    String(vars.repo).toLowerCase() !== identity.repo.toLowerCase()
  ) {
    return {
      status: 200,
      body: {
        data: { repository: null },
        errors: [{ type: 'NOT_FOUND', message: `Could not resolve to a Repository with the name '${vars.owner}/${vars.repo}'.` }],
      },
    };
  }
  const first = Number(vars.first ?? 10);
  if (!Number.isInteger(first) || first < 1 || first > 100) throw apiError(400, 'first must be between 1 and 100');
  const environments = Array.isArray(vars.environments) ? (vars.environments as string[]) : undefined;
  const all = store.allDeployments().filter((d) => !environments || environments.includes(d.environment));
  const start = offsetOf(vars.after);
  const page = all.slice(start, start + first);
  // `databaseId` is a 32-bit Int: GitHub answers a larger id with an error and a null field.
  const errors: { message: string; path: (string | number)[] }[] = [];
  const asksDatabaseId = /\bdatabaseId\b/.test(query);
  const nodes = page.map((d, i) => {
    const latest = store.statusesNewestFirst(d.id)[0];
    const payload = parsePayload(d.payload);
    const fits = d.id <= 2_147_483_647;
    if (asksDatabaseId && !fits)
      errors.push({
        message: `Int cannot represent non 32-bit signed integer value: ${d.id}`,
        path: ['repository', 'deployments', 'nodes', i, 'databaseId'],
      });
    return {
      id: d.node_id,
      ...(asksDatabaseId ? { databaseId: fits ? d.id : null } : {}),
      createdAt: d.created_at,
      commitOid: d.sha,
      environment: d.environment,
      task: d.task,
      description: d.description,
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      state: latest ? (latest.state === 'success' ? 'ACTIVE' : latest.state.toUpperCase()) : 'PENDING',
      latestStatus: latest
        ? {
            state: latest.state.toUpperCase(),
            description: latest.description,
            environmentUrl: latest.environment_url || null,
            logUrl: latest.log_url || null,
            createdAt: latest.created_at,
          }
        : null,
      // GitHub's order of a deployment's statuses is not relied on: oldest first here.
      statuses: {
        nodes: store
          .statusesNewestFirst(d.id)
          .reverse()
          .map((st) => ({ state: st.state.toUpperCase(), environmentUrl: st.environment_url || null, createdAt: st.created_at })),
      },
    };
  });
  const end = start + page.length;
  return {
    status: 200,
    body: {
      data: {
        repository: {
          deployments: {
            totalCount: all.length,
            pageInfo: { hasNextPage: end < all.length, endCursor: page.length ? cursor(end) : null },
            nodes,
          },
        },
      },
      ...(errors.length ? { errors } : {}),
    },
  };
}
