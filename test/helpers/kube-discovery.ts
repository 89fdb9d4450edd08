/**
 * What the fake API server says about itself: the resources it serves, discovery documents, and
 * just enough OpenAPI for kubectl (1.20 to 1.32) to apply manifests.
 */

export type ResourceName = 'deployments' | 'replicasets' | 'ingresses' | 'services';

export interface ResourceInfo {
  group: string;
  version: string;
  kind: string;
  shortNames: string[];
}

export const RESOURCES: Record<ResourceName, ResourceInfo> = {
  deployments: { group: 'apps', version: 'v1', kind: 'Deployment', shortNames: ['deploy'] },
  replicasets: { group: 'apps', version: 'v1', kind: 'ReplicaSet', shortNames: ['rs'] },
  ingresses: { group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', shortNames: ['ing'] },
  // The core group (`/api/v1`): Services, whose selector a blue-green switch patches.
  services: { group: '', version: 'v1', kind: 'Service', shortNames: ['svc'] },
};

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export function discovery(path: string): unknown {
  if (path === '/version') {
    return {
      major: '1',
      minor: '32',
      gitVersion: 'v1.32.0',
      platform: 'linux/amd64',
      goVersion: 'go1.23.0',
      compiler: 'gc',
      gitCommit: '0',
      gitTreeState: 'clean',
      buildDate: '2024-12-11T00:00:00Z',
    };
  }
  if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
  if (path === '/api/v1') {
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: 'v1',
      resources: [
        { name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace', verbs: ['get', 'list'], shortNames: ['ns'] },
        { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list'], shortNames: ['po'] },
        { name: 'services', singularName: 'service', namespaced: true, kind: 'Service', verbs: ALL_VERBS, shortNames: ['svc'] },
      ],
    };
  }
  const groups = [...new Set(Object.values(RESOURCES).map((r) => r.group))].filter((g) => g !== '');
  if (path === '/apis') {
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: groups.map((g) => ({
        name: g,
        versions: [{ groupVersion: `${g}/v1`, version: 'v1' }],
        preferredVersion: { groupVersion: `${g}/v1`, version: 'v1' },
      })),
    };
  }
  for (const g of groups) {
    if (path === `/apis/${g}`) {
      return {
        kind: 'APIGroup',
        apiVersion: 'v1',
        name: g,
        versions: [{ groupVersion: `${g}/v1`, version: 'v1' }],
        preferredVersion: { groupVersion: `${g}/v1`, version: 'v1' },
      };
    }
    if (path === `/apis/${g}/v1`) {
      const resources = (Object.entries(RESOURCES) as [ResourceName, ResourceInfo][])
        .filter(([, r]) => r.group === g)
        .flatMap(([name, r]) => {
          const singularName = r.kind.toLowerCase();
          const list: unknown[] = [
            { name, singularName, namespaced: true, kind: r.kind, verbs: ALL_VERBS, shortNames: r.shortNames, categories: ['all'] },
            { name: `${name}/status`, singularName: '', namespaced: true, kind: r.kind, verbs: ['get', 'patch', 'update'] },
          ];
          if (name !== 'ingresses') {
            list.push({
              name: `${name}/scale`,
              singularName: '',
              namespaced: true,
              group: 'autoscaling',
              version: 'v1',
              kind: 'Scale',
              verbs: ['get', 'patch', 'update'],
            });
          }
          return list;
        });
      return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: `${g}/v1`, resources };
    }
  }
  return undefined;
}

/**
 * OpenAPI v3 just deep enough for kubectl to see that the server validates fields itself
 * (`fieldValidation` on PATCH), so `kubectl apply` validates on the server and computes its
 * patches from its built-in types.
 */
export function openApiV3(path: string): unknown {
  const groups = [...new Set(Object.values(RESOURCES).map((r) => r.group))].filter((g) => g !== '');
  if (path === '/openapi/v3') {
    return { paths: Object.fromEntries(groups.map((g) => [`apis/${g}/v1`, { serverRelativeURL: `/openapi/v3/apis/${g}/v1?hash=0` }])) };
  }
  const g = groups.find((x) => path === `/openapi/v3/apis/${x}/v1`);
  if (!g) return undefined;
  const paths = Object.fromEntries(
    (Object.entries(RESOURCES) as [ResourceName, ResourceInfo][])
      .filter(([, r]) => r.group === g)
      .map(([name, r]) => [
        `/apis/${g}/v1/namespaces/{namespace}/${name}/{name}`,
        {
          patch: {
            'x-kubernetes-action': 'patch',
            'x-kubernetes-group-version-kind': { group: g, version: 'v1', kind: r.kind },
            parameters: [{ name: 'fieldValidation', in: 'query', schema: { type: 'string' } }],
          },
        },
      ]),
  );
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths };
}

/**
 * OpenAPI v2 without definitions. Older kubectl (1.20) asks for it as protobuf to validate
 * manifests on the client and skips kinds it finds no schema for; the protobuf body is the
 * message `Document { swagger: "2.0" }` (field 1, a string), encoded by hand.
 */
export function openApiV2(accept: string): { contentType: string; body: Buffer } {
  if (accept.includes('protobuf')) {
    return { contentType: 'application/octet-stream', body: Buffer.from([0x0a, 0x03, ...Buffer.from('2.0')]) };
  }
  const json = { swagger: '2.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths: {} };
  return { contentType: 'application/json', body: Buffer.from(JSON.stringify(json)) };
}
