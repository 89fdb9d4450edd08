import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LocalDriverError } from './errors.js';

/** One running version of the app. */
export interface ProcessRecord {
  version: string;
  artifact?: string;
  pid: number;
  port: number;
  startedAt: string;
  /** Its stdout and stderr. */
  log: string;
  /** Blue-green: the slot it runs on (a version deployed by rolling has none: blue when live). */
  slot?: 'blue' | 'green';
}

/** The weighted proxy of an environment: `pid` answers on `controlPort` (loopback). */
export interface ProxyRecord {
  pid: number;
  controlPort: number;
  startedAt: string;
}

/** Everything a later step needs to find an environment again: `<stateDir>/<env>/state.json`. */
export interface EnvironmentState {
  schema: 1;
  environment: string;
  publicPort: number;
  proxy: ProxyRecord | null;
  stable: ProcessRecord | null;
  canary: ProcessRecord | null;
  /** The canary's share of traffic in percent. */
  weight: number;
  /** Grows with every write, so the proxy can tell which routes it has applied. */
  revision: number;
  updatedAt: string;
}

/** What the proxy writes once it listens: `<stateDir>/<env>/proxy.json`. */
export interface ProxyReady {
  pid: number;
  port: number;
  controlPort: number;
}

export interface EnvironmentPaths {
  dir: string;
  stateFile: string;
  proxyFile: string;
  proxyLog: string;
  logDir: string;
}

const SAFE = /^[A-Za-z0-9._-]+$/;

/**
 * A directory name for an environment: the name itself when it is plain, else a sanitised form
 * with a short hash, so `my env` and `my_env` never share a directory.
 */
export function environmentDirName(environment: string): string {
  if (SAFE.test(environment) && environment !== '.' && environment !== '..') return environment;
  const hash = createHash('sha256').update(environment).digest('hex').slice(0, 8);
  return `${environment.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_')}-${hash}`;
}

export function environmentPaths(stateDir: string, environment: string): EnvironmentPaths {
  const dir = path.join(stateDir, environmentDirName(environment));
  return {
    dir,
    stateFile: path.join(dir, 'state.json'),
    proxyFile: path.join(dir, 'proxy.json'),
    proxyLog: path.join(dir, 'proxy.log'),
    logDir: path.join(dir, 'logs'),
  };
}

export function emptyState(environment: string, publicPort: number): EnvironmentState {
  return {
    schema: 1,
    environment,
    publicPort,
    proxy: null,
    stable: null,
    canary: null,
    weight: 0,
    revision: 0,
    updatedAt: new Date(0).toISOString(),
  };
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(where: string, problem: string): never {
  throw new LocalDriverError('state', `local driver: state file ${where}: ${problem}`);
}

function port(value: unknown, where: string): number {
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 65535) fail(where, 'is not a port');
  return value as number;
}

function pid(value: unknown, where: string): number {
  if (!Number.isInteger(value) || (value as number) < 1) fail(where, 'is not a process id');
  return value as number;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string') fail(where, 'is not a string');
  return value;
}

function processRecord(value: unknown, where: string): ProcessRecord | null {
  if (value === null) return null;
  if (!isObject(value)) fail(where, 'is not an object or null');
  const record: ProcessRecord = {
    version: text(value.version, `${where}.version`),
    pid: pid(value.pid, `${where}.pid`),
    port: port(value.port, `${where}.port`),
    startedAt: text(value.startedAt, `${where}.startedAt`),
    log: text(value.log, `${where}.log`),
  };
  if (value.artifact !== undefined) record.artifact = text(value.artifact, `${where}.artifact`);
  if (value.slot !== undefined) {
    if (value.slot !== 'blue' && value.slot !== 'green') fail(`${where}.slot`, 'is not "blue" or "green"');
    record.slot = value.slot;
  }
  return record;
}

function proxyRecord(value: unknown, where: string): ProxyRecord | null {
  if (value === null) return null;
  if (!isObject(value)) fail(where, 'is not an object or null');
  return {
    pid: pid(value.pid, `${where}.pid`),
    controlPort: port(value.controlPort, `${where}.controlPort`),
    startedAt: text(value.startedAt, `${where}.startedAt`),
  };
}

/** Checks a parsed state file field by field; errors name the field (`stable.port`). */
export function parseState(value: unknown): EnvironmentState {
  if (!isObject(value)) fail('', 'is not a JSON object');
  if (value.schema !== 1) fail('schema', `is ${JSON.stringify(value.schema)}, expected 1`);
  const weight = value.weight;
  if (typeof weight !== 'number' || !(weight >= 0 && weight <= 100)) fail('weight', 'is not a number from 0 to 100');
  if (!Number.isInteger(value.revision) || (value.revision as number) < 0) fail('revision', 'is not a count');
  return {
    schema: 1,
    environment: text(value.environment, 'environment'),
    publicPort: port(value.publicPort, 'publicPort'),
    proxy: proxyRecord(value.proxy ?? null, 'proxy'),
    stable: processRecord(value.stable ?? null, 'stable'),
    canary: processRecord(value.canary ?? null, 'canary'),
    weight,
    revision: value.revision as number,
    updatedAt: text(value.updatedAt, 'updatedAt'),
  };
}

function readJson(file: string): unknown | undefined {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    return JSON.parse(raw);
  } catch {
    throw new LocalDriverError('state', `local driver: ${file} is not valid JSON; remove it to start over`);
  }
}

/** The environment's state, or null when nothing was ever deployed there. */
export function readState(file: string): EnvironmentState | null {
  const json = readJson(file);
  if (json === undefined) return null;
  try {
    return parseState(json);
  } catch (err) {
    if (err instanceof LocalDriverError) {
      throw new LocalDriverError('state', `${err.message} (in ${file}; remove it to start over)`);
    }
    throw err;
  }
}

/** Writes JSON so a reader sees the old file or the new one, never half of one. */
export function writeJsonAtomic(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.writeFileSync(temp, JSON.stringify(value, null, 2) + '\n');
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

/** Saves a new revision of the state and returns it. */
export function writeState(file: string, state: EnvironmentState, now: Date = new Date()): EnvironmentState {
  const next: EnvironmentState = { ...state, revision: state.revision + 1, updatedAt: now.toISOString() };
  writeJsonAtomic(file, next);
  return next;
}

export function readProxyReady(file: string): ProxyReady | null {
  const json = readJson(file);
  if (!isObject(json)) return null;
  const { pid: p, port: q, controlPort: c } = json;
  if (!Number.isInteger(p) || !Number.isInteger(q) || !Number.isInteger(c)) return null;
  return { pid: p as number, port: q as number, controlPort: c as number };
}
