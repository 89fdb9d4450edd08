/**
 * Pure functions over Deployments as `kubectl get -o json` prints them: which container to set,
 * the canary's manifest made from the stable Deployment, and the replica split for a weight.
 */
import { UserError } from '../../core/errors.js';

/** The fields of a Deployment the driver reads; everything else is carried along untouched. */
export interface DeploymentObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [k: string]: unknown;
  };
  spec: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string>; [k: string]: unknown };
    template: {
      metadata?: { labels?: Record<string, string>; [k: string]: unknown };
      spec: { containers: Array<{ name: string; image?: string; [k: string]: unknown }>; [k: string]: unknown };
    };
    [k: string]: unknown;
  };
  status?: { replicas?: number; readyReplicas?: number; availableReplicas?: number; updatedReplicas?: number };
}

/** The label that tells canary pods from stable ones (the Service selects both). */
export const TRACK_LABEL = 'track';
export const VERSION_ANNOTATION = 'shipline/version';
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

export function parseDeployment(json: string, name: string): DeploymentObject {
  let d: unknown;
  try {
    d = JSON.parse(json);
  } catch {
    throw new UserError(`kubectl printed no JSON for deployment/${name}`);
  }
  const o = d as DeploymentObject;
  if (o?.kind !== 'Deployment' || !Array.isArray(o.spec?.template?.spec?.containers)) {
    throw new UserError(`deployment/${name} as kubectl printed it has no pod template with containers`);
  }
  return o;
}

/** The container whose image the driver sets: the one named, or the Deployment's only one. */
export function containerOf(d: DeploymentObject, wanted?: string): string {
  const names = d.spec.template.spec.containers.map((c) => c.name);
  if (wanted !== undefined) {
    if (!names.includes(wanted)) {
      throw new UserError(`deployment/${d.metadata.name} has no container "${wanted}" (containers: ${names.join(', ')})`);
    }
    return wanted;
  }
  if (names.length !== 1) {
    throw new UserError(
      `deployment/${d.metadata.name} has ${names.length} containers (${names.join(', ')}): set container to the one to update`,
    );
  }
  return names[0]!;
}

export function imageOf(d: DeploymentObject, container: string): string {
  const image = d.spec.template.spec.containers.find((c) => c.name === container)?.image;
  if (!image) throw new UserError(`deployment/${d.metadata.name} has no image for container "${container}"`);
  return image;
}

export function replicasOf(d: DeploymentObject | undefined): number {
  return d ? (d.spec.replicas ?? 1) : 0;
}

/** What sets a Deployment made from another apart: its name, extra labels, image and version. */
export interface DerivedDeployment {
  name: string;
  /** Added to the labels, the selector and the pod template's labels, so its pods are its own. */
  labels: Record<string, string>;
  container: string;
  image: string;
  version: string;
  replicas: number;
  changeCause: string;
}

/** A Deployment made from `base`: its spec with the new image, its own name, and `labels` added. */
export function derivedManifest(base: DeploymentObject, opts: DerivedDeployment): DeploymentObject {
  const spec = structuredClone(base.spec);
  const label = opts.labels;
  spec.replicas = opts.replicas;
  spec.selector = { ...(spec.selector ?? {}), matchLabels: { ...(spec.selector?.matchLabels ?? {}), ...label } };
  spec.template.metadata = { ...(spec.template.metadata ?? {}), labels: { ...(spec.template.metadata?.labels ?? {}), ...label } };
  spec.template.spec.containers = spec.template.spec.containers.map((c) => (c.name === opts.container ? { ...c, image: opts.image } : c));
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: opts.name,
      ...(base.metadata.namespace ? { namespace: base.metadata.namespace } : {}),
      labels: { ...(base.metadata.labels ?? {}), ...label },
      annotations: { [VERSION_ANNOTATION]: opts.version, 'kubernetes.io/change-cause': opts.changeCause },
    },
    spec,
  };
}

/**
 * The canary Deployment: a copy of the stable one's spec with the new image, its own name, and
 * `track: canary` added to its labels and selector, so its pods are its own while a Service that
 * selects the app's labels reaches both.
 */
export function canaryManifest(stable: DeploymentObject, opts: Omit<DerivedDeployment, 'labels'>): DeploymentObject {
  return derivedManifest(stable, { ...opts, labels: { [TRACK_LABEL]: 'canary' } });
}

export interface ReplicaSplit {
  canary: number;
  stable: number;
  /** The canary's real share of the replicas, in percent (two decimals). */
  effectiveWeight: number;
}

/** canary = round(total × weight / 100), at least 1 when weight > 0; stable gets the rest. */
export function splitReplicas(total: number, weight: number): ReplicaSplit {
  if (!Number.isInteger(total) || total < 1) {
    throw new UserError(`a replica canary needs at least 1 replica in all, found ${total}`);
  }
  if (!(weight >= 0 && weight <= 100)) throw new UserError(`canary weight ${weight} is outside 0-100`);
  const canary = weight > 0 ? Math.min(total, Math.max(1, Math.round((total * weight) / 100))) : 0;
  return { canary, stable: total - canary, effectiveWeight: Math.round((canary / total) * 10_000) / 100 };
}
