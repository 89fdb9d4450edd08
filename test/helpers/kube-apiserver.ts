/**
 * A small Kubernetes API server for tests: plain HTTP on 127.0.0.1, bearer-token auth, and just
 * what kubectl asks for when it sets an image, annotates, applies, scales, deletes, waits for a
 * rollout and undoes one — discovery, Deployments (with the scale subresource), ReplicaSets and
 * Ingresses, get/list/watch/create/update/patch/delete. A simulated Deployment controller keeps
 * ReplicaSets with revision annotations and, ~200 ms after every change, reports the rollout done
 * (or, for a Deployment switched to `neverReady`, keeps its ready replicas at 0).
 */
import { randomUUID, createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discovery, openApiV2, openApiV3, RESOURCES, type ResourceName } from './kube-discovery.js';
import { applyPatch, isObject, parseSelector, pruneEmpty, pruneNulls } from './kube-patch.js';

export type { ResourceName } from './kube-discovery.js';

// Objects travel as plain JSON; the helper reads the few fields it needs.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type KubeObject = Record<string, any>;

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType?: string;
  body?: unknown;
  status: number;
}

export interface KubeApiServer {
  url: string;
  token: string;
  /** The kubeconfig's namespace (the default for commands without `-n`). */
  namespace: string;
  kubeconfigPath: string;
  /** Environment for kubectl: this kubeconfig and a private HOME for its caches. */
  env(): Record<string, string>;
  requests: LoggedRequest[];
  /** A Deployment that exists and is rolled out (revision 1), as one found in a cluster. */
  addDeployment(d: {
    name: string;
    namespace?: string;
    replicas?: number;
    containers?: Record<string, string>;
    labels?: Record<string, string>;
  }): KubeObject;
  addIngress(i: { name: string; namespace?: string; annotations?: Record<string, string> }): KubeObject;
  /** A Service selecting pods by `selector` (blue-green patches it). */
  addService(svc: { name: string; namespace?: string; selector: Record<string, string> }): KubeObject;
  get(resource: ResourceName, name: string, namespace?: string): KubeObject | undefined;
  list(resource: ResourceName, namespace?: string): KubeObject[];
  /** Keep this Deployment's ready replicas at 0 (its rollouts never finish), or let it recover. */
  neverReady(name: string, on?: boolean): void;
  /** Resolves once every pending controller step has run. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const REVISION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

interface Watcher {
  resource: ResourceName;
  namespace?: string;
  name?: string;
  labels?: Record<string, string>;
  res: ServerResponse;
}

interface WatchEvent {
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resource: ResourceName;
  object: KubeObject;
}

export async function startKubeApiServer(opts: { namespace?: string; controllerDelayMs?: number } = {}): Promise<KubeApiServer> {
  const namespace = opts.namespace ?? 'default';
  const delayMs = opts.controllerDelayMs ?? 200;
  const token = randomUUID();
  const dir = await mkdtemp(join(tmpdir(), 'kube-apiserver-'));
  const store = new Map<string, KubeObject>();
  const history: WatchEvent[] = [];
  const watchers = new Set<Watcher>();
  const timers = new Set<NodeJS.Timeout>();
  const notReady = new Set<string>();
  const requests: LoggedRequest[] = [];
  let rv = 1000;

  const keyOf = (resource: ResourceName, ns: string, name: string) => `${resource}|${ns}|${name}`;
  const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

  function listOf(resource: ResourceName, ns?: string): KubeObject[] {
    return [...store.entries()]
      .filter(([k]) => k.startsWith(`${resource}|`) && (ns === undefined || k.split('|')[1] === ns))
      .map(([, v]) => v)
      .sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)));
  }

  function matches(w: Omit<Watcher, 'res'>, resource: ResourceName, obj: KubeObject): boolean {
    if (w.resource !== resource) return false;
    if (w.namespace !== undefined && obj.metadata.namespace !== w.namespace) return false;
    if (w.name !== undefined && obj.metadata.name !== w.name) return false;
    const labels: Record<string, string> = obj.metadata.labels ?? {};
    return Object.entries(w.labels ?? {}).every(([k, v]) => labels[k] === v);
  }

  function emit(type: WatchEvent['type'], resource: ResourceName, object: KubeObject): void {
    const event: WatchEvent = { rv, type, resource, object: structuredClone(object) };
    history.push(event);
    if (history.length > 2000) history.shift();
    for (const w of watchers) {
      if (matches(w, resource, object)) w.res.write(`${JSON.stringify({ type, object: event.object })}\n`);
    }
  }

  /** Stores an object the way the API server does: metadata kept, generation and status guarded. */
  function save(resource: ResourceName, obj: KubeObject, opts2: { statusWrite?: boolean } = {}): KubeObject {
    const info = RESOURCES[resource];
    const ns = obj.metadata.namespace as string;
    const key = keyOf(resource, ns, obj.metadata.name);
    const old = store.get(key);
    const next = pruneNulls(structuredClone(obj)) as KubeObject;
    next.apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
    next.kind = info.kind;
    next.metadata.uid = old?.metadata.uid ?? randomUUID();
    next.metadata.creationTimestamp = old?.metadata.creationTimestamp ?? now();
    delete next.metadata.managedFields;
    if (!opts2.statusWrite) next.status = old ? structuredClone(old.status ?? {}) : (next.status ?? {});
    if (next.metadata.annotations && Object.keys(next.metadata.annotations).length === 0) delete next.metadata.annotations;
    const specChanged = JSON.stringify(old?.spec) !== JSON.stringify(next.spec);
    next.metadata.generation = (old?.metadata.generation ?? 0) + (specChanged || !old ? 1 : 0);
    if (
      old &&
      JSON.stringify(old) === JSON.stringify({ ...next, metadata: { ...next.metadata, resourceVersion: old.metadata.resourceVersion } })
    ) {
      return old;
    }
    rv += 1;
    next.metadata.resourceVersion = String(rv);
    store.set(key, next);
    emit(old ? 'MODIFIED' : 'ADDED', resource, next);
    if (resource === 'deployments' && !opts2.statusWrite) scheduleSync(ns, next.metadata.name);
    return next;
  }

  function remove(resource: ResourceName, ns: string, name: string): KubeObject | undefined {
    const key = keyOf(resource, ns, name);
    const old = store.get(key);
    if (!old) return undefined;
    store.delete(key);
    rv += 1;
    emit('DELETED', resource, { ...old, metadata: { ...old.metadata, resourceVersion: String(rv) } });
    if (resource === 'deployments') {
      for (const rs of ownedReplicaSets(old)) remove('replicasets', ns, rs.metadata.name);
    }
    return old;
  }

  function ownedReplicaSets(d: KubeObject): KubeObject[] {
    return listOf('replicasets', d.metadata.namespace).filter((rs) =>
      (rs.metadata.ownerReferences ?? []).some((o: KubeObject) => o.uid === d.metadata.uid && o.controller),
    );
  }

  function scheduleSync(ns: string, name: string): void {
    const t = setTimeout(() => {
      timers.delete(t);
      syncDeployment(ns, name);
    }, delayMs);
    timers.add(t);
  }

  /** The Deployment controller: one ReplicaSet per pod template, revisions, and the status. */
  function syncDeployment(ns: string, name: string): void {
    const d = store.get(keyOf('deployments', ns, name));
    if (!d) return;
    const template = pruneEmpty(structuredClone(d.spec?.template ?? {})) as KubeObject;
    delete template.metadata?.labels?.['pod-template-hash'];
    const hash = createHash('sha256').update(JSON.stringify(template)).digest('hex').slice(0, 10);
    const owned = ownedReplicaSets(d);
    const revisionOf = (rs: KubeObject) => Number(rs.metadata.annotations?.[REVISION] ?? 0);
    const maxRevision = Math.max(0, ...owned.map(revisionOf));
    const replicas = Number(d.spec?.replicas ?? 1);
    let current = owned.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
    const revision = current && revisionOf(current) === maxRevision ? maxRevision : maxRevision + 1;
    const changeCause = d.metadata.annotations?.[CHANGE_CAUSE];
    const podLabels = { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash };
    const ready = notReady.has(name) ? 0 : replicas;
    current = structuredClone(
      current ?? {
        metadata: {
          name: `${name}-${hash}`,
          namespace: ns,
          labels: podLabels,
          ownerReferences: [
            { apiVersion: 'apps/v1', kind: 'Deployment', name, uid: d.metadata.uid, controller: true, blockOwnerDeletion: true },
          ],
        },
        spec: {
          selector: { matchLabels: { ...(d.spec?.selector?.matchLabels ?? {}), 'pod-template-hash': hash } },
          template: { ...template, metadata: { ...(template.metadata ?? {}), labels: podLabels } },
        },
      },
    ) as KubeObject;
    current.metadata.annotations = { ...(current.metadata.annotations ?? {}), [REVISION]: String(revision) };
    if (changeCause !== undefined) current.metadata.annotations[CHANGE_CAUSE] = changeCause;
    current.spec.replicas = replicas;
    current.status = { replicas, readyReplicas: ready, availableReplicas: ready, observedGeneration: 1 };
    save('replicasets', current, { statusWrite: true });
    for (const rs of owned) {
      if (rs.metadata.name === current.metadata.name || rs.spec.replicas === 0) continue;
      save('replicasets', { ...rs, spec: { ...rs.spec, replicas: 0 }, status: { replicas: 0 } }, { statusWrite: true });
    }
    const fresh = store.get(keyOf('deployments', ns, name)) as KubeObject;
    const next = structuredClone(fresh);
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [REVISION]: String(revision) };
    next.status = {
      observedGeneration: fresh.metadata.generation,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: ready,
      availableReplicas: ready,
      ...(replicas - ready > 0 ? { unavailableReplicas: replicas - ready } : {}),
      conditions: [
        {
          type: 'Available',
          status: ready >= replicas ? 'True' : 'False',
          reason: ready >= replicas ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
        },
        { type: 'Progressing', status: 'True', reason: ready >= replicas ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated' },
      ],
    };
    // Only the revision annotation and the status change here: no new generation.
    const key = keyOf('deployments', ns, name);
    if (JSON.stringify(next) === JSON.stringify(fresh)) return;
    rv += 1;
    next.metadata.resourceVersion = String(rv);
    store.set(key, next);
    emit('MODIFIED', 'deployments', next);
  }

  function status(res: ServerResponse, code: number, reason: string, message: string): void {
    send(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
  }

  function send(res: ServerResponse, code: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  function scaleOf(d: KubeObject): KubeObject {
    const selector = Object.entries(d.spec?.selector?.matchLabels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: d.metadata.name,
        namespace: d.metadata.namespace,
        uid: d.metadata.uid,
        resourceVersion: d.metadata.resourceVersion,
        creationTimestamp: d.metadata.creationTimestamp,
      },
      spec: { replicas: d.spec?.replicas ?? 1 },
      status: { replicas: d.status?.replicas ?? 0, selector },
    };
  }

  function serveWatch(res: ServerResponse, w: Omit<Watcher, 'res'>, q: Record<string, string>): void {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders(); // as the API server does: kubectl waits for the headers before it can cancel
    const write = (type: string, object: KubeObject) => res.write(`${JSON.stringify({ type, object })}\n`);
    const from = Number(q.resourceVersion ?? 0);
    if (q.sendInitialEvents === 'true' || !from) {
      for (const obj of listOf(w.resource, w.namespace)) if (matches(w, w.resource, obj)) write('ADDED', obj);
      if (q.sendInitialEvents === 'true') {
        const kind = RESOURCES[w.resource].kind;
        write('BOOKMARK', {
          kind,
          apiVersion: 'v1',
          metadata: { resourceVersion: String(rv), annotations: { 'k8s.io/initial-events-end': 'true' } },
        });
      }
    } else {
      for (const e of history) if (e.rv > from && matches(w, e.resource, e.object)) write(e.type, e.object);
    }
    const watcher: Watcher = { ...w, res };
    watchers.add(watcher);
    const end = () => {
      watchers.delete(watcher);
      clearTimeout(timer);
      if (!res.writableEnded) res.end();
    };
    const timer = setTimeout(end, Math.min(Number(q.timeoutSeconds ?? 300), 300) * 1000);
    res.on('close', end);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, entry: LoggedRequest): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const q = entry.query;
    // kubectl sends no credentials over plain HTTP, so a missing token is fine; a wrong one is not.
    const auth = req.headers.authorization;
    if (auth !== undefined && auth !== `Bearer ${token}`) return status(res, 401, 'Unauthorized', 'Unauthorized');
    if (req.method === 'GET' && url.pathname === '/openapi/v2') {
      const doc = openApiV2(String(req.headers.accept ?? ''));
      res.writeHead(200, { 'Content-Type': doc.contentType, 'Content-Length': doc.body.length });
      res.end(doc.body);
      return;
    }
    const found = req.method === 'GET' ? (discovery(url.pathname) ?? openApiV3(url.pathname)) : undefined;
    if (found) return send(res, 200, found);
    const nsMatch = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && nsMatch) {
      return send(res, 200, {
        kind: 'Namespace',
        apiVersion: 'v1',
        metadata: { name: nsMatch[1] },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      });
    }
    const m = /^\/(?:api\/v1|apis\/([^/]+)\/v1)\/(?:namespaces\/([^/]+)\/)?([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(url.pathname);
    const resource = m?.[3] as ResourceName | undefined;
    if (!m || !resource || !(resource in RESOURCES) || RESOURCES[resource].group !== (m[1] ?? '')) {
      return status(res, 404, 'NotFound', `the server could not find the requested resource (${req.method} ${url.pathname})`);
    }
    const info = RESOURCES[resource];
    const ns = m[2];
    const name = m[4];
    const sub = m[5];
    const body = entry.body;
    const notFound = () => status(res, 404, 'NotFound', `${resource}.${info.group} "${name}" not found`);
    if (!name) {
      if (req.method === 'GET') {
        const w = {
          resource,
          namespace: ns,
          name: parseSelector(q.fieldSelector, 'field selector')?.['metadata.name'],
          labels: parseSelector(q.labelSelector, 'label selector'),
        };
        if (q.watch === 'true' || q.watch === '1') return serveWatch(res, w, q);
        const items = listOf(resource, ns).filter((o) => matches(w, resource, o));
        return send(res, 200, {
          kind: `${info.kind}List`,
          apiVersion: `${info.group}/${info.version}`,
          metadata: { resourceVersion: String(rv) },
          items,
        });
      }
      if (req.method === 'POST' && ns && isObject(body)) {
        const obj = body as KubeObject;
        obj.metadata = { ...(obj.metadata ?? {}), namespace: ns };
        if (store.has(keyOf(resource, ns, obj.metadata.name))) {
          return status(res, 409, 'AlreadyExists', `${resource}.${info.group} "${obj.metadata.name}" already exists`);
        }
        if (q.dryRun) return send(res, 201, obj);
        return send(res, 201, save(resource, obj));
      }
      return status(res, 405, 'MethodNotAllowed', `${req.method} is not allowed here`);
    }
    if (!ns) return status(res, 404, 'NotFound', 'namespaced resources need a namespace');
    const current = store.get(keyOf(resource, ns, name));
    if (sub && !(sub === 'scale' && resource !== 'ingresses') && sub !== 'status') {
      return status(res, 404, 'NotFound', `no subresource ${sub}`);
    }
    if (req.method === 'DELETE') {
      const gone = remove(resource, ns, name);
      if (!gone) return notFound();
      return send(res, 200, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Success',
        details: { name, group: info.group, kind: resource, uid: gone.metadata.uid },
      });
    }
    if (!current) return notFound();
    if (sub === 'scale') {
      let scale = scaleOf(current);
      if (req.method === 'PATCH') scale = applyPatch(req.headers['content-type'] ?? '', scale, body) as KubeObject;
      else if (req.method === 'PUT') scale = body as KubeObject;
      if (req.method !== 'GET') {
        const replicas = Number(scale.spec?.replicas);
        if (!Number.isInteger(replicas) || replicas < 0) return status(res, 422, 'Invalid', `invalid replicas ${scale.spec?.replicas}`);
        save(resource, { ...current, spec: { ...current.spec, replicas } });
      }
      return send(res, 200, scaleOf(store.get(keyOf(resource, ns, name)) as KubeObject));
    }
    if (req.method === 'GET') return send(res, 200, current);
    let next: KubeObject;
    if (req.method === 'PUT') next = body as KubeObject;
    else if (req.method === 'PATCH') next = applyPatch(req.headers['content-type'] ?? '', current, body) as KubeObject;
    else return status(res, 405, 'MethodNotAllowed', `${req.method} is not allowed here`);
    if (next?.metadata?.name !== name) return status(res, 422, 'Invalid', 'metadata.name may not change');
    next.metadata.namespace = ns;
    if (resource === 'deployments' && JSON.stringify(next.spec?.selector) !== JSON.stringify(current.spec?.selector)) {
      return status(res, 422, 'Invalid', `Deployment.apps "${name}" is invalid: spec.selector: field is immutable`);
    }
    if (q.dryRun) return send(res, 200, next);
    return send(res, 200, save(resource, next, { statusWrite: sub === 'status' }));
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text || undefined;
      try {
        if (text) body = JSON.parse(text);
      } catch {
        // kept as text
      }
      const entry: LoggedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        contentType: req.headers['content-type'],
        body,
        status: 0,
      };
      requests.push(entry);
      if (requests.length > 5000) requests.shift();
      const origWriteHead = res.writeHead.bind(res);
      res.writeHead = ((code: number, ...rest: unknown[]) => {
        entry.status = code;
        return (origWriteHead as (...a: unknown[]) => ServerResponse)(code, ...rest);
      }) as typeof res.writeHead;
      handle(req, res, entry).catch((err: Error) => {
        if (!res.headersSent) status(res, 422, 'Invalid', err.message);
        else res.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const kubeconfigPath = join(dir, 'kubeconfig');
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'fake', cluster: { server: url } }],
    users: [{ name: 'fake', user: { token } }],
    contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'fake', namespace } }],
    'current-context': 'fake',
  };
  await writeFile(kubeconfigPath, JSON.stringify(kubeconfig, null, 2));

  return {
    url,
    token,
    namespace,
    kubeconfigPath,
    requests,
    env: () => ({ KUBECONFIG: kubeconfigPath, HOME: dir, KUBECACHEDIR: join(dir, 'cache') }),
    addDeployment({
      name,
      namespace: ns = namespace,
      replicas = 2,
      containers = { app: 'registry.example/app:1' },
      labels = { app: name },
    }) {
      save('deployments', {
        metadata: { name, namespace: ns, labels },
        spec: {
          replicas,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: { containers: Object.entries(containers).map(([cname, image]) => ({ name: cname, image })) },
          },
        },
      });
      syncDeployment(ns, name); // an existing Deployment: rolled out already, revision 1
      return structuredClone(store.get(keyOf('deployments', ns, name)) as KubeObject);
    },
    addIngress({ name, namespace: ns = namespace, annotations = {} }) {
      return save('ingresses', {
        metadata: { name, namespace: ns, annotations },
        spec: {
          ingressClassName: 'nginx',
          rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { number: 80 } } } }] } }],
        },
      });
    },
    addService({ name, namespace: ns = namespace, selector }) {
      return save('services', {
        metadata: { name, namespace: ns },
        spec: { type: 'ClusterIP', selector, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] },
      });
    },
    get: (resource, name, ns = namespace) => structuredClone(store.get(keyOf(resource, ns, name))),
    list: (resource, ns) => structuredClone(listOf(resource, ns)),
    neverReady(name, on = true) {
      if (on) notReady.add(name);
      else notReady.delete(name);
      for (const d of listOf('deployments')) if (d.metadata.name === name) scheduleSync(d.metadata.namespace, name);
    },
    async settled() {
      while (timers.size > 0) await new Promise((r) => setTimeout(r, delayMs / 4));
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const w of watchers) w.res.end();
      watchers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
