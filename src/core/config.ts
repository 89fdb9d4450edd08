import { existsSync, readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { UserError } from './errors.js';

/**
 * The shipline config file (`.github/shipline.yml`): the same settings as the inputs, so workflows
 * stay short. Layout:
 *
 *   defaults:                 # every action, every environment
 *     timeout: 10m
 *     smoke: { attempts: 5 }  # one action, every environment
 *   environments:
 *     production:
 *       driver: haproxy       # every action in production
 *       canary:               # one action in production
 *         steps: [5, 25, 50, 100]
 *
 * An input given in the workflow wins over all of these; then the most specific config entry.
 */
export const DEFAULT_CONFIG_PATH = '.github/shipline.yml';

export interface ConfigFile {
  path: string;
  data: Record<string, unknown>;
}

/** A value from the config file and the dotted path it came from, for error messages. */
export interface ConfigValue {
  value: unknown;
  path: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Loads the config: an explicit path must exist; the default path is used only when it exists.
 */
export function loadConfig(explicitPath: string | undefined, cwd = process.cwd()): ConfigFile | undefined {
  const path = explicitPath || DEFAULT_CONFIG_PATH;
  const full = path.startsWith('/') ? path : `${cwd}/${path}`;
  if (!existsSync(full)) {
    if (explicitPath)
      throw new UserError(`Input "config": the file ${JSON.stringify(path)} does not exist. Accepted: a path to a YAML file.`);
    return undefined;
  }
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (err) {
    throw new UserError(`Config ${path}: cannot be read (${(err as Error).message}).`);
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new UserError(`Config ${path}: not valid YAML (${doc.errors[0]!.message.split('\n')[0]}).`);
  }
  const data = doc.toJS() ?? {};
  if (!isObject(data)) throw new UserError(`Config ${path}: the top level must be a mapping with defaults and environments.`);
  for (const key of Object.keys(data)) {
    if (key !== 'defaults' && key !== 'environments')
      throw new UserError(`Config ${path}: unknown key ${JSON.stringify(key)} at the top level. Accepted: defaults, environments.`);
  }
  if (data.defaults !== undefined && !isObject(data.defaults))
    throw new UserError(`Config ${path}, defaults: must be a mapping of settings.`);
  if (data.environments !== undefined) {
    if (!isObject(data.environments)) throw new UserError(`Config ${path}, environments: must be a mapping of environment names.`);
    for (const [name, env] of Object.entries(data.environments)) {
      if (!isObject(env)) throw new UserError(`Config ${path}, environments.${name}: must be a mapping of settings.`);
    }
  }
  return { path, data };
}

/** The most specific config value for one input of one action in one environment. */
export function lookupConfig(
  config: ConfigFile | undefined,
  action: string,
  input: string,
  environment: string | undefined,
): ConfigValue | undefined {
  if (!config) return undefined;
  const candidates: [unknown, string][] = [];
  const envs = config.data.environments as Record<string, Record<string, unknown>> | undefined;
  if (environment && envs?.[environment]) {
    const env = envs[environment]!;
    candidates.push([isObject(env[action]) ? (env[action] as Record<string, unknown>)[input] : undefined, `environments.${environment}.${action}.${input}`]);
    candidates.push([env[input], `environments.${environment}.${input}`]);
  }
  const defaults = config.data.defaults as Record<string, unknown> | undefined;
  if (defaults) {
    candidates.push([isObject(defaults[action]) ? (defaults[action] as Record<string, unknown>)[input] : undefined, `defaults.${action}.${input}`]);
    candidates.push([defaults[input], `defaults.${input}`]);
  }
  for (const [value, path] of candidates) {
    if (value !== undefined && value !== null) return { value, path };
  }
  return undefined;
}
