import * as f from '../core/fields.js';
import type { Settings } from '../core/fields.js';

/**
 * The one Kubernetes-name rule (RFC 1123), for the inputs and for the kubernetes driver's own check:
 * a label (namespace, container) or a subdomain, dot-separated labels (Deployment, Ingress).
 */
export const KUBERNETES_NAME = {
  label: {
    pattern: /^(?=.{1,63}$)[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/,
    accepted: 'lower-case letters, digits and "-", at most 63 characters',
  },
  subdomain: {
    pattern: /^(?=.{1,253}$)[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/,
    accepted: 'lower-case letters, digits and "-", ".", at most 253 characters',
  },
} as const;

export type KubernetesNameKind = keyof typeof KUBERNETES_NAME;

export const isKubernetesName = (value: string, kind: KubernetesNameKind): boolean => KUBERNETES_NAME[kind].pattern.test(value);

const k8sName = (kind: KubernetesNameKind) => ({
  pattern: KUBERNETES_NAME[kind].pattern,
  form: `a Kubernetes name: ${KUBERNETES_NAME[kind].accepted}`,
});

/**
 * The driver settings, the same inputs on every action that changes an environment
 * (deploy, canary, rollback). Which ones matter depends on `driver`.
 */
export const driverFields = {
  driver: f.oneOf(['command', 'kubernetes', 'haproxy', 'local'] as const),
  // command
  'deploy-command': f.string({ form: 'a shell command' }),
  'set-weight-command': f.string({ form: 'a shell command' }),
  'promote-command': f.string({ form: 'a shell command' }),
  'abort-command': f.string({ form: 'a shell command' }),
  'rollback-command': f.string({ form: 'a shell command' }),
  // kubernetes
  deployment: f.string(k8sName('subdomain')),
  namespace: f.string(k8sName('label')),
  container: f.string(k8sName('label')),
  kustomize: f.string({ form: 'a directory with a kustomization.yaml' }),
  'canary-deployment': f.string(k8sName('subdomain')),
  ingress: f.string(k8sName('subdomain')),
  // haproxy
  'haproxy-socket': f.string({ form: 'a unix socket path or tcp://host:port of the HAProxy admin socket' }),
  'haproxy-backend': f.string({ pattern: /^[A-Za-z0-9_.:-]+$/, form: 'an HAProxy backend name' }),
  'stable-server': f.string({ pattern: /^[A-Za-z0-9_.:-]+$/, form: 'an HAProxy server name' }),
  'canary-server': f.string({ pattern: /^[A-Za-z0-9_.:-]+$/, form: 'an HAProxy server name' }),
  // local
  'app-command': f.string({ form: 'the shell command that starts one version of the app (it reads PORT)' }),
  'state-dir': f.string({ form: 'a directory path' }),
  port: f.int({ min: 1, max: 65535 }),
  'health-path': f.string({ pattern: /^\//, form: 'a path starting with /' }),
};

export type DriverName = Settings<typeof driverFields>['driver'] & string;

/**
 * The driver settings as read from the fields (every one optional: which matter depends on `driver`),
 * and `switch-command` (blue-green; an input of deploy and rollback only, not of every action).
 */
export type DriverSettings = Partial<Settings<typeof driverFields>> & { switchCommand?: string };
