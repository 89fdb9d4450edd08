import { existsSync, readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { errnoCode, UserError } from './errors.js';
import { describeSyntaxProblem, yamlSyntaxProblem } from './parse-errors.js';

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

/** What a key of the config file looks like (`defaults`, `step-duration`): safe to repeat in errors. */
const SETTING_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

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
    throw new UserError(
      `Input "config": the file ${JSON.stringify(path)} cannot be read ` +
        `(${errnoCode(err) ?? 'read error'}). Accepted: a path to a readable YAML file.`,
    );
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new UserError(
      `Config ${path}: not valid YAML (${describeSyntaxProblem(yamlSyntaxProblem(doc.errors[0]))}). ` +
        `Accepted: a YAML mapping with defaults and environments.`,
    );
  }
  const data = doc.toJS() ?? {};
  if (!isObject(data))
    throw new UserError(`Config ${path}: the top level is not a mapping. Accepted: a YAML mapping with defaults and environments.`);
  for (const key of Object.keys(data)) {
    // A key is named only when it looks like a setting name: the path may name any file, whose
    // contents never belong in an error.
    if (key !== 'defaults' && key !== 'environments')
      throw new UserError(
        `Config ${path}: ${SETTING_NAME.test(key) ? `unknown key ${JSON.stringify(key)}` : 'a key that is not a setting name'} ` +
          `at the top level. Accepted: defaults, environments.`,
      );
  }
  if (data.defaults !== undefined && !isObject(data.defaults))
    throw new UserError(
      `Config ${path}, defaults: is not a mapping. Accepted: a mapping of settings (timeout: 10m) and of action names to settings.`,
    );
  if (data.environments !== undefined) {
    if (!isObject(data.environments))
      throw new UserError(`Config ${path}, environments: is not a mapping. Accepted: a mapping of environment names to settings.`);
    for (const [name, env] of Object.entries(data.environments)) {
      if (!isObject(env))
        throw new UserError(
          `Config ${path}, environments.${name}: is not a mapping. Accepted: a mapping of settings and of action names to settings.`,
        );
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
    candidates.push([
      isObject(env[action]) ? (env[action] as Record<string, unknown>)[input] : undefined,
      `environments.${environment}.${action}.${input}`,
    ]);
    candidates.push([env[input], `environments.${environment}.${input}`]);
  }
  const defaults = config.data.defaults as Record<string, unknown> | undefined;
  if (defaults) {
    candidates.push([
      isObject(defaults[action]) ? (defaults[action] as Record<string, unknown>)[input] : undefined,
      `defaults.${action}.${input}`,
    ]);
    candidates.push([defaults[input], `defaults.${input}`]);
  }
  for (const [value, path] of candidates) {
    if (value !== undefined && value !== null) return { value, path };
  }
  return undefined;
}
