import * as f from '../core/fields.js';

const k8sName = { pattern: /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, form: 'a Kubernetes name (lower-case letters, digits, "-" and ".")' };

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
  deployment: f.string(k8sName),
  namespace: f.string(k8sName),
  container: f.string(k8sName),
  kustomize: f.string({ form: 'a directory with a kustomization.yaml' }),
  'canary-deployment': f.string(k8sName),
  ingress: f.string(k8sName),
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

export type DriverName = 'command' | 'kubernetes' | 'haproxy' | 'local';

export interface DriverSettings {
  driver?: DriverName;
  deployCommand?: string;
  setWeightCommand?: string;
  promoteCommand?: string;
  abortCommand?: string;
  rollbackCommand?: string;
  deployment?: string;
  namespace?: string;
  container?: string;
  kustomize?: string;
  canaryDeployment?: string;
  ingress?: string;
  haproxySocket?: string;
  haproxyBackend?: string;
  stableServer?: string;
  canaryServer?: string;
  appCommand?: string;
  stateDir?: string;
  port?: number;
  healthPath?: string;
  /** Blue-green (deploy and rollback inputs, not every action's): the command that switches slots. */
  switchCommand?: string;
}
