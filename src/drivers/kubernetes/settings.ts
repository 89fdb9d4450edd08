/** The kubernetes driver's settings, checked before kubectl runs. */
import { UserError } from '../../core/errors.js';

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

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function canaryName(s: KubernetesSettings): string {
  return s.canaryDeployment ?? `${s.deployment}-canary`;
}

/** Names kubectl will accept, so a typo fails before anything changes (and never reads as a flag). */
export function checkKubernetesSettings(s: KubernetesSettings): void {
  const names: Array<[string, string | undefined, RegExp, number]> = [
    ['deployment', s.deployment, DNS_SUBDOMAIN, 253],
    ['namespace', s.namespace, DNS_LABEL, 63],
    ['container', s.container, DNS_LABEL, 63],
    ['canary-deployment', s.canaryDeployment, DNS_SUBDOMAIN, 253],
    ['ingress', s.ingress, DNS_SUBDOMAIN, 253],
  ];
  for (const [what, value, form, max] of names) {
    if (value === undefined) continue;
    if (!form.test(value) || value.length > max) {
      throw new UserError(
        `Input "${what}": ${what} "${value}" is not a Kubernetes name. Accepted: lower-case letters, digits and "-"${form === DNS_SUBDOMAIN ? ', "."' : ''}, at most ${max} characters.`,
      );
    }
  }
  if (canaryName(s) === s.deployment) {
    throw new UserError(`Input "canary-deployment": canary-deployment is the stable deployment "${s.deployment}". Accepted: another Deployment name, the canary's own (default: ${s.deployment}-canary).`);
  }
  if (s.kustomize !== undefined && s.kustomize.trim() === '') throw new UserError('Input "kustomize": kustomize is empty. Accepted: a directory with a kustomization.yaml.');
}
