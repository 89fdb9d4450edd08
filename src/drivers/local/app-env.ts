import { userCommandEnv } from '../../core/exec.js';

/** What the app is started with: its values go in env vars, never into the command text. */
export interface AppLaunch {
  version: string;
  environment: string;
  artifact?: string;
  port: number;
}

/** The app's environment: the parent's (minus credentials), the extras, then shipline's values. */
export function appEnvironment(parent: NodeJS.ProcessEnv, extra: Record<string, string>, launch: AppLaunch): Record<string, string> {
  const env = userCommandEnv(parent) as Record<string, string>;
  Object.assign(env, extra);
  env.PORT = String(launch.port);
  env.SHIPLINE_VERSION = launch.version;
  env.SHIPLINE_ENVIRONMENT = launch.environment;
  env.SHIPLINE_ARTIFACT = launch.artifact ?? '';
  return env;
}
