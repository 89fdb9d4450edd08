/**
 * The kubectl command lines of the kubernetes driver, each a pure function of the settings.
 * Every line starts with `kubectl`; the namespace flag comes last and only when a namespace is set
 * (otherwise kubectl uses the kubeconfig's).
 */
import type { KubernetesSettings } from './settings.js';

export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
export const CANARY_WEIGHT = 'nginx.ingress.kubernetes.io/canary-weight';

const ns = (s: KubernetesSettings): string[] => (s.namespace ? ['-n', s.namespace] : []);

/** `--timeout` of `rollout status`: whole seconds, rounded up, at least 1. */
export function timeoutFlag(timeoutMs: number): string {
  return `--timeout=${Math.max(1, Math.ceil(timeoutMs / 1000))}s`;
}

export function getDeploymentArgv(s: KubernetesSettings, name: string, opts: { ignoreNotFound?: boolean } = {}): string[] {
  return ['kubectl', 'get', 'deployment', name, '-o', 'json', ...(opts.ignoreNotFound ? ['--ignore-not-found'] : []), ...ns(s)];
}

export function setImageArgv(s: KubernetesSettings, name: string, container: string, image: string): string[] {
  return ['kubectl', 'set', 'image', `deployment/${name}`, `${container}=${image}`, ...ns(s)];
}

export function changeCauseArgv(s: KubernetesSettings, name: string, cause: string): string[] {
  return ['kubectl', 'annotate', `deployment/${name}`, `${CHANGE_CAUSE}=${cause}`, '--overwrite', ...ns(s)];
}

export function rolloutStatusArgv(s: KubernetesSettings, name: string, timeoutMs: number): string[] {
  return ['kubectl', 'rollout', 'status', `deployment/${name}`, timeoutFlag(timeoutMs), ...ns(s)];
}

export function applyKustomizeArgv(s: KubernetesSettings, dir: string): string[] {
  return ['kubectl', 'apply', `--kustomize=${dir}`, ...ns(s)];
}

/** Applies the manifest given on standard input. */
export function applyStdinArgv(s: KubernetesSettings): string[] {
  return ['kubectl', 'apply', '-f', '-', ...ns(s)];
}

export function rolloutUndoArgv(s: KubernetesSettings, name: string, toRevision?: number): string[] {
  return ['kubectl', 'rollout', 'undo', `deployment/${name}`, ...(toRevision ? [`--to-revision=${toRevision}`] : []), ...ns(s)];
}

export function scaleArgv(s: KubernetesSettings, name: string, replicas: number | string): string[] {
  return ['kubectl', 'scale', `deployment/${name}`, `--replicas=${replicas}`, ...ns(s)];
}

export function canaryWeightArgv(s: KubernetesSettings, ingress: string, weight: number | string): string[] {
  return ['kubectl', 'annotate', `ingress/${ingress}`, `${CANARY_WEIGHT}=${weight}`, '--overwrite', ...ns(s)];
}

export function deleteDeploymentArgv(s: KubernetesSettings, name: string): string[] {
  return ['kubectl', 'delete', `deployment/${name}`, '--ignore-not-found', ...ns(s)];
}

/** Change causes shipline writes, so `kubectl rollout history` tells what each revision was. */
export function changeCause(action: 'deploy' | 'rollback' | 'canary' | 'promote', version: string): string {
  return `shipline ${action} ${version}`;
}

/** A command line as a reader would type it: arguments quoted for a POSIX shell where needed. */
export function formatArgv(argv: string[]): string {
  return argv.map((a) => (/^[A-Za-z0-9_\-.,:/@=%+{}]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`)).join(' ');
}
