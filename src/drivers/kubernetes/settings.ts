/** The kubernetes driver's settings, checked before kubectl runs. */
import { UserError } from '../../core/errors.js';
import { isKubernetesName, KUBERNETES_NAME, type KubernetesNameKind } from '../fields.js';

export interface KubernetesSettings {
  /** The stable Deployment. */
  deployment: string;
  /** Default: the kubeconfig's namespace. */
  namespace?: string;
  /** Default: the Deployment's only container. */
  container?: string;
  /** A directory for `kubectl apply -k`, instead of setting the image. */
  kustomize?: string;
  /** The canary Deployment; default `<deployment>-canary`. */
  canaryDeployment?: string;
  /** An NGINX canary Ingress whose `canary-weight` annotation follows the canary's weight. */
  ingress?: string;
}

export function canaryName(s: KubernetesSettings): string {
  return s.canaryDeployment ?? `${s.deployment}-canary`;
}

/** Names kubectl will accept, so a typo fails before anything changes (and never reads as a flag). */
export function checkKubernetesSettings(s: KubernetesSettings): void {
  const names: Array<[string, string | undefined, KubernetesNameKind]> = [
    ['deployment', s.deployment, 'subdomain'],
    ['namespace', s.namespace, 'label'],
    ['container', s.container, 'label'],
    ['canary-deployment', s.canaryDeployment, 'subdomain'],
    ['ingress', s.ingress, 'subdomain'],
  ];
  for (const [what, value, kind] of names) {
    if (value === undefined) continue;
    if (!isKubernetesName(value, kind)) {
      throw new UserError(`Input "${what}": ${what} "${value}" is not a Kubernetes name. Accepted: ${KUBERNETES_NAME[kind].accepted}.`);
    }
  }
  if (canaryName(s) === s.deployment) {
    throw new UserError(
      `Input "canary-deployment": canary-deployment is the stable deployment "${s.deployment}". ` +
        `Accepted: another Deployment name, the canary's own (default: ${s.deployment}-canary).`,
    );
  }
  if (s.kustomize !== undefined && s.kustomize.trim() === '')
    throw new UserError('Input "kustomize": kustomize is empty. Accepted: a directory with a kustomization.yaml.');
}
