/**
 * The three patch formats kubectl sends (JSON patch, JSON merge patch, strategic merge patch),
 * applied the way the API server does for the fields the fake server stores.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** RFC 7386: objects merge, `null` deletes, everything else (lists too) replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v) as Json;
  }
  return out;
}

/** Lists merged by a key in strategic merge patches (the ones Deployments and Ingresses use). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  ports: 'containerPort',
  volumes: 'name',
  volumeMounts: 'mountPath',
  imagePullSecrets: 'name',
};

/** Strategic merge patch for the keyed lists above; directives other than `$patch` are skipped. */
export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  if (patch.$patch === 'replace') {
    const { $patch: _, ...rest } = patch;
    return rest;
  }
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (v === null) delete out[k];
    else if (Array.isArray(v) && MERGE_KEYS[k] && Array.isArray(out[k])) {
      out[k] = mergeKeyedList(out[k] as Json[], v, MERGE_KEYS[k]);
    } else if (isObject(v)) out[k] = strategicMergePatch(out[k], v) as Json;
    else out[k] = v;
  }
  return out;
}

function mergeKeyedList(base: Json[], patch: Json[], key: string): Json[] {
  const out = [...base];
  for (const item of patch) {
    if (!isObject(item)) continue;
    const at = out.findIndex((b) => isObject(b) && b[key] === item[key]);
    if (item.$patch === 'delete') {
      if (at >= 0) out.splice(at, 1);
    } else if (at >= 0) out[at] = strategicMergePatch(out[at], item) as Json;
    else out.push(strategicMergePatch({}, item) as Json);
  }
  return out;
}

interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'test' | 'move' | 'copy';
  path: string;
  value?: Json;
  from?: string;
}

/** RFC 6902 for add, remove, replace and test. */
export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new Error('a JSON patch must be a list of operations');
  let doc = structuredClone(target) as Json;
  for (const raw of ops as JsonPatchOp[]) {
    const parts = raw.path
      .split('/')
      .slice(1)
      .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
    if (parts.length === 0) {
      if (raw.op === 'test') continue;
      doc = structuredClone(raw.value ?? null);
      continue;
    }
    const last = parts.pop() as string;
    let parent: Json = doc;
    for (const p of parts) {
      const next: Json | undefined = Array.isArray(parent) ? parent[Number(p)] : isObject(parent) ? parent[p] : undefined;
      if (next === undefined) throw new Error(`JSON patch path ${raw.path} does not exist`);
      parent = next;
    }
    if (Array.isArray(parent)) {
      const i = last === '-' ? parent.length : Number(last);
      if (raw.op === 'add') parent.splice(i, 0, structuredClone(raw.value ?? null));
      else if (raw.op === 'replace') parent[i] = structuredClone(raw.value ?? null);
      else if (raw.op === 'remove') parent.splice(i, 1);
      else if (raw.op === 'test' && JSON.stringify(parent[i]) !== JSON.stringify(raw.value)) {
        throw new Error(`JSON patch test failed at ${raw.path}`);
      }
    } else if (isObject(parent)) {
      if (raw.op === 'add' || raw.op === 'replace') parent[last] = structuredClone(raw.value ?? null);
      else if (raw.op === 'remove') delete parent[last];
      else if (raw.op === 'test' && JSON.stringify(parent[last]) !== JSON.stringify(raw.value)) {
        throw new Error(`JSON patch test failed at ${raw.path}`);
      }
    } else throw new Error(`JSON patch path ${raw.path} does not exist`);
    if (raw.op === 'move' || raw.op === 'copy') throw new Error(`JSON patch op ${raw.op} is not supported`);
  }
  return doc;
}

export function applyPatch(contentType: string, target: unknown, patch: unknown): unknown {
  if (contentType.startsWith('application/json-patch+json')) return jsonPatch(target, patch);
  if (contentType.startsWith('application/merge-patch+json')) return mergePatch(target, patch);
  if (contentType.startsWith('application/strategic-merge-patch+json')) return strategicMergePatch(target, patch);
  throw new Error(`unsupported patch type ${contentType}`);
}

export function parseSelector(s: string | undefined, what: string): Record<string, string> | undefined {
  if (!s) return undefined;
  const out: Record<string, string> = {};
  for (const part of s.split(',')) {
    const m = /^([^=!]+)==?(.*)$/.exec(part.trim());
    if (!m) throw new Error(`unsupported ${what} ${s}`);
    out[m[1]] = m[2];
  }
  return out;
}

/** The API server drops null fields (kubectl sends `creationTimestamp: null` in templates). */
export function pruneNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(pruneNulls);
  if (!isObject(v)) return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([, x]) => x !== null)
      .map(([k, x]) => [k, pruneNulls(x)]),
  );
}

/** For comparing pod templates as the controller does: empty objects count as absent. */
export function pruneEmpty(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(pruneEmpty);
  if (!isObject(v)) return v;
  const out = Object.entries(v)
    .map(([k, x]) => [k, pruneEmpty(x)] as const)
    .filter(([, x]) => x !== null && !(isObject(x) && Object.keys(x).length === 0));
  return Object.fromEntries(out);
}
