import path from 'node:path';
import { LocalDriverError } from './errors.js';

/** Settings of the local driver, as the actions pass them (all but `command` optional). */
export interface LocalDriverSettings {
  /** The app's start command, run through `/bin/sh -c`; values reach it only as env vars. */
  command?: string;
  /** Where state and logs live; default `$SHIPLINE_STATE_DIR`, else `.shipline/local` in `cwd`. */
  stateDir?: string;
  /** The environment's public port; default: a free port picked on first deploy, then kept. */
  port?: number;
  /** Path answered with 2xx once a version is ready; default `/health`. */
  healthPath?: string;
  /** Working directory of the app's command; default the process's. */
  cwd?: string;
  /** The environment that `setWeight`, `promote` and `abort` act on (they take none). */
  environment?: string;
  /** Extra environment variables for the app (e.g. `APP_ERROR_RATE` for a bad canary). */
  env?: Record<string, string>;
  /**
   * The script node runs, with `--shipline-local-proxy`, to start the proxy; default
   * `process.argv[1]`, i.e. the running bundle, whose entry hands that flag to `runLocalProxy`.
   */
  proxyEntry?: string;
  /** How long a stopped process may take to exit on SIGTERM before SIGKILL; default 5000 ms. */
  stopGraceMs?: number;
}

export interface ResolvedLocalSettings {
  command?: string;
  stateDir: string;
  port?: number;
  healthPath: string;
  cwd: string;
  environment?: string;
  env: Record<string, string>;
  proxyEntry: string;
  stopGraceMs: number;
}

export interface SettingsContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The running script (`process.argv[1]`). */
  script: string;
}

/** Fills in defaults and checks the values; pure given its context. */
export function resolveLocalSettings(settings: LocalDriverSettings, context: SettingsContext): ResolvedLocalSettings {
  const cwd = path.resolve(context.cwd, settings.cwd ?? '.');
  const stateDir = path.resolve(cwd, settings.stateDir ?? (context.env.SHIPLINE_STATE_DIR || path.join('.shipline', 'local')));
  if (settings.port !== undefined && !(Number.isInteger(settings.port) && settings.port >= 1 && settings.port <= 65535)) {
    throw new LocalDriverError('settings', `local driver: port ${settings.port} is not a port number (1-65535)`);
  }
  const healthPath = settings.healthPath ?? '/health';
  if (!healthPath.startsWith('/')) {
    throw new LocalDriverError('settings', `local driver: health path "${healthPath}" must start with "/"`);
  }
  const command = settings.command?.trim() ? settings.command : undefined;
  return {
    ...(command !== undefined ? { command } : {}),
    stateDir,
    ...(settings.port !== undefined ? { port: settings.port } : {}),
    healthPath,
    cwd,
    ...(settings.environment !== undefined ? { environment: settings.environment } : {}),
    env: { ...settings.env },
    proxyEntry: path.resolve(cwd, settings.proxyEntry ?? context.script),
    stopGraceMs: settings.stopGraceMs ?? 5000,
  };
}

/** The command, or a clear refusal: starting a version needs one. */
export function requireCommand(settings: ResolvedLocalSettings): string {
  if (!settings.command) {
    throw new LocalDriverError(
      'settings',
      'local driver: no start command; set `command` to the shell command that starts the app ' +
        '(it gets PORT, SHIPLINE_VERSION, SHIPLINE_ENVIRONMENT and SHIPLINE_ARTIFACT as environment variables)',
    );
  }
  return settings.command;
}
