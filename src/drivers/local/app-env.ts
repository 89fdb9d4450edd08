/** What the app is started with: its values go in env vars, never into the command text. */
export interface AppLaunch {
  version: string;
  environment: string;
  artifact?: string;
  port: number;
}

/**
 * Variables never handed to the app: action inputs (`INPUT_GITHUB-TOKEN` holds a token) and the
 * runner's own credentials.
 */
const WITHHELD = /^(INPUT_|ACTIONS_RUNTIME_|ACTIONS_ID_TOKEN_|ACTIONS_CACHE_|ACTIONS_RESULTS_)|^GITHUB_TOKEN$/;

/** The app's environment: the parent's (minus credentials), the extras, then shipline's values. */
export function appEnvironment(
  parent: NodeJS.ProcessEnv,
  extra: Record<string, string>,
  launch: AppLaunch,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value !== undefined && !WITHHELD.test(name)) env[name] = value;
  }
  Object.assign(env, extra);
  env.PORT = String(launch.port);
  env.SHIPLINE_VERSION = launch.version;
  env.SHIPLINE_ENVIRONMENT = launch.environment;
  env.SHIPLINE_ARTIFACT = launch.artifact ?? '';
  return env;
}
