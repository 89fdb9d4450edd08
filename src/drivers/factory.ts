import { join } from 'node:path';
import { UserError } from '../core/errors.js';
import type { Exec } from '../core/exec.js';
import type { Log } from '../core/run.js';
import { commandDriver, commandTraits, createCommandDriver } from './command.js';
import type { DriverName, DriverSettings } from './fields.js';
import { haproxyDriver, haproxyTraits } from './haproxy/index.js';
import { kubernetesDriver, kubernetesTraits } from './kubernetes/index.js';
import { localDriver, localTraits } from './local/index.js';
import type { Driver, DriverTraits } from './types.js';

/** What the action will ask of the driver, so missing settings fail before anything happens. */
export type DriverUse = 'deploy' | 'canary' | 'rollback';

export interface DriverContext {
  environment: string;
  use: DriverUse;
  log: Log;
  signal?: AbortSignal;
  cwd?: string;
  timeoutMs?: number;
  /** shipline's state folder (the `state-dir` input resolved); drivers that keep state keep it under it. */
  stateRoot: string;
  /** How programs run (the runtime's exec); a child process by default. */
  exec?: Exec;
}

/** `driver:` as given; else a deploy-command alone implies `command`; else the embedded `local`. */
export function driverName(s: DriverSettings): DriverName {
  if (s.driver) return s.driver;
  if (s.deployCommand || s.rollbackCommand) return 'command';
  return 'local';
}

const required = (driver: string, input: string, value: unknown, form: string) => {
  if (value === undefined || value === '') throw new UserError(`Input "${input}" is required by the ${driver} driver. Accepted: ${form}.`);
};

/** What the chosen driver declares (name, URLs, how weights become traffic), without building it. */
export function driverTraits(s: DriverSettings): DriverTraits {
  switch (driverName(s)) {
    case 'command':
      return commandTraits(s);
    case 'kubernetes':
      return kubernetesTraits(s);
    case 'haproxy':
      return haproxyTraits;
    case 'local':
      return localTraits;
  }
}

/**
 * Checks the settings of the chosen driver and builds it with its capabilities; nothing runs yet.
 * Each driver's state lives under `ctx.stateRoot` where it keeps any (the local driver's in `local/`).
 */
export function createDriver(s: DriverSettings, ctx: DriverContext): Driver {
  const name = driverName(s);
  const commandSettings = {
    deployCommand: s.deployCommand,
    setWeightCommand: s.setWeightCommand,
    promoteCommand: s.promoteCommand,
    abortCommand: s.abortCommand,
    rollbackCommand: s.rollbackCommand,
    switchCommand: s.switchCommand,
  };
  switch (name) {
    case 'command': {
      if (ctx.use === 'rollback' && !s.rollbackCommand)
        required('command', 'deploy-command', s.deployCommand, 'a shell command (or rollback-command)');
      // A canary without deploy-command: the new version is already running (at probe-url); only traffic moves.
      if (ctx.use !== 'rollback' && ctx.use !== 'canary') required('command', 'deploy-command', s.deployCommand, 'a shell command');
      if (ctx.use === 'canary') required('command', 'set-weight-command', s.setWeightCommand, 'a shell command that reads SHIPLINE_WEIGHT');
      return commandDriver(commandSettings, ctx.log, ctx.signal, ctx.exec);
    }
    case 'kubernetes': {
      required('kubernetes', 'deployment', s.deployment, 'the name of the Deployment');
      return kubernetesDriver(
        {
          deployment: s.deployment!,
          namespace: s.namespace,
          container: s.container,
          kustomize: s.kustomize,
          canaryDeployment: s.canaryDeployment,
          ingress: s.ingress,
        },
        { log: ctx.log, timeoutMs: ctx.timeoutMs, exec: ctx.exec },
      );
    }
    case 'haproxy': {
      required('haproxy', 'haproxy-socket', s.haproxySocket, 'a unix socket path or tcp://host:port');
      required('haproxy', 'haproxy-backend', s.haproxyBackend, 'an HAProxy backend name');
      required('haproxy', 'stable-server', s.stableServer, 'an HAProxy server name');
      required('haproxy', 'canary-server', s.canaryServer, 'an HAProxy server name');
      required(
        'haproxy',
        'deploy-command',
        s.deployCommand,
        'a shell command that deploys the version to the canary server (HAProxy moves traffic only)',
      );
      return haproxyDriver(
        { haproxySocket: s.haproxySocket!, backend: s.haproxyBackend!, stableServer: s.stableServer!, canaryServer: s.canaryServer! },
        createCommandDriver(commandSettings, ctx.log, ctx.signal, ctx.exec),
      );
    }
    case 'local': {
      required(
        'local',
        'app-command',
        s.appCommand,
        'the shell command that starts one version of the app, e.g. node server.js (it reads PORT)',
      );
      return localDriver(
        {
          command: s.appCommand,
          stateDir: join(ctx.stateRoot, 'local'),
          port: s.port,
          healthPath: s.healthPath,
          cwd: ctx.cwd,
          environment: ctx.environment,
        },
        { log: ctx.log },
      );
    }
  }
}
