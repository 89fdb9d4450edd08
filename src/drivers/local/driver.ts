import fs from 'node:fs';
import { UserError } from '../../core/errors.js';
import { silentLog, type Log } from '../../core/runtime.js';
import type { CanaryRequest, DeployOutcome, DeployRequest, Driver, DriverMethods, DriverTraits, TrafficState } from '../types.js';
import { LocalDriverError } from './errors.js';
import { launchVersion } from './launch.js';
import { planLocalCanary, planLocalDeploy, planLocalTraffic } from './plan.js';
import { queryProxy, reloadProxy, startProxyProcess, waitForDrain } from './proxy-control.js';
import { freePort, isProcessAlive, stopProcessGroup } from './processes.js';
import { resolveLocalSettings, type LocalDriverSettings, type ResolvedLocalSettings } from './settings.js';
import {
  emptyState,
  environmentPaths,
  readState,
  writeState,
  type EnvironmentPaths,
  type EnvironmentState,
  type ProcessRecord,
} from './state.js';
import { readLocalStatus, type LocalStatus } from './status.js';
import { createLocalSlots } from './slots.js';

export interface LocalDriverSeams {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** The running script, started again with LOCAL_PROXY_FLAG for the proxy (`process.argv[1]`). */
  script?: string;
  now?: () => Date;
  /** Progress lines (started, switched, stopped), at info level; the actions pass their log. */
  log?: Log;
}

export interface LocalDriver extends DriverMethods {
  readonly settings: ResolvedLocalSettings;
  startCanary(req: CanaryRequest): Promise<DeployOutcome>;
  setWeight(weight: number): Promise<TrafficState>;
  promote(): Promise<void>;
  abort(): Promise<void>;
  rollback(req: DeployRequest): Promise<DeployOutcome>;
  planTraffic(weights: number[]): string[];
  planCanary(req: CanaryRequest): string[];
  /** What runs in the environment now, checked against the live processes. */
  status(environment?: string): Promise<LocalStatus>;
  /** Stops the proxy and every version of the environment and forgets its state (logs stay). */
  stop(environment?: string): Promise<{ stopped: number[] }>;
}

/** What the local driver declares: it knows every URL (the proxy's, each version's). */
export const localTraits: DriverTraits = {
  name: 'local',
  reportsUrls: true,
  startsCanary: true,
  share: (weight) => `${weight}% (local proxy)`,
};

/** The local driver with its capabilities; a later run finds a canary again through its state. */
export function localDriver(input: LocalDriverSettings, seams: LocalDriverSeams = {}): Driver {
  const d = createLocalDriver(input, seams);
  return {
    name: d.name,
    traits: localTraits,
    deployer: { deploy: d.deploy, rollback: d.rollback },
    plan: { deploy: d.planDeploy, canary: d.planCanary, traffic: d.planTraffic },
    traffic: { startCanary: d.startCanary, setWeight: d.setWeight, promote: d.promote, abort: d.abort },
    status: { reattach: (environment) => reattach(d, environment) },
    slots: d.slots,
  };
}

/** The canary's and stable's URLs read again from the state; refuses when either process is gone. */
async function reattach(d: LocalDriver, environment: string): Promise<Record<string, string>> {
  const status = await d.status(environment);
  if (!status.canary?.alive)
    throw new UserError(`The paused canary in ${environment} no longer runs (its process is gone): it cannot be promoted.`);
  if (!status.stable?.alive)
    throw new UserError(
      `The stable version in ${environment} no longer runs (its process is gone): the canary cannot be judged against it.`,
    );
  return { 'canary-url': `http://127.0.0.1:${status.canary.port}`, 'stable-url': `http://127.0.0.1:${status.stable.port}` };
}

const describe = (record: ProcessRecord) => `${record.version} (pid ${record.pid}, port ${record.port})`;

export function createLocalDriver(input: LocalDriverSettings, seams: LocalDriverSeams = {}): LocalDriver {
  const parentEnv = seams.env ?? process.env;
  const settings = resolveLocalSettings(input, {
    env: parentEnv,
    cwd: seams.cwd ?? process.cwd(),
    script: seams.script ?? process.argv[1] ?? '',
  });
  const now = seams.now ?? (() => new Date());
  const log = seams.log ?? silentLog;
  let environment = settings.environment;

  function target(name?: string): string {
    if (name !== undefined) environment = name;
    if (environment === undefined) {
      throw new LocalDriverError('settings', 'local driver: no environment given; set `environment` in the driver settings');
    }
    return environment;
  }

  const pathsOf = (name: string) => environmentPaths(settings.stateDir, name);
  const save = (paths: EnvironmentPaths, state: EnvironmentState) => writeState(paths.stateFile, state, now());
  const url = (state: EnvironmentState) => `http://127.0.0.1:${state.publicPort}`;

  /** Stops a version the proxy no longer routes to, once the requests it still serves are done. */
  async function stopRecord(record: ProcessRecord | null, what: string, proxy?: EnvironmentState['proxy']): Promise<void> {
    if (!record) return;
    if (proxy && !(await waitForDrain(proxy.controlPort, proxy.pid, record.port, settings.stopGraceMs))) {
      log.info(`${what} ${describe(record)} still had requests under way after ${settings.stopGraceMs} ms`);
    }
    const gone = await stopProcessGroup(record.pid, settings.stopGraceMs);
    log.info(gone ? `stopped ${what} ${describe(record)}` : `could not stop ${what} ${describe(record)}`);
  }

  /** Makes sure the proxy serves the state just written; starts (or restarts) it if needed. */
  async function applyRoutes(paths: EnvironmentPaths, state: EnvironmentState): Promise<EnvironmentState> {
    const proxy = state.proxy;
    if (proxy && isProcessAlive(proxy.pid)) {
      const view = await queryProxy(proxy.controlPort, proxy.pid);
      if (view) {
        await reloadProxy(proxy.controlPort, state.revision);
        return state;
      }
      log.info(`proxy pid ${proxy.pid} does not answer; starting a new one`);
      await stopProcessGroup(proxy.pid, 1000);
    }
    const ready = await startProxyProcess(settings.proxyEntry, paths, {
      cwd: settings.cwd,
      env: Object.fromEntries(Object.entries(parentEnv).filter((e): e is [string, string] => e[1] !== undefined)),
    });
    log.info(`started the proxy on ${url(state)} (pid ${ready.pid})`);
    const next = save(paths, { ...state, proxy: { pid: ready.pid, controlPort: ready.controlPort, startedAt: now().toISOString() } });
    await reloadProxy(ready.controlPort, next.revision);
    return next;
  }

  /** The environment's state, with the public port settled (and a proxy on an old port stopped). */
  async function loadState(name: string, paths: EnvironmentPaths): Promise<EnvironmentState> {
    const state = readState(paths.stateFile);
    if (!state) return emptyState(name, settings.port ?? (await freePort()));
    if (settings.port !== undefined && settings.port !== state.publicPort) {
      if (state.proxy) await stopProcessGroup(state.proxy.pid, 1000);
      return { ...state, publicPort: settings.port, proxy: null };
    }
    return state;
  }

  async function deploy(req: DeployRequest): Promise<DeployOutcome> {
    const name = target(req.environment);
    const paths = pathsOf(name);
    let state = await loadState(name, paths);
    const previous = { stable: state.stable, canary: state.canary };
    const record = await launchVersion(
      settings,
      paths.logDir,
      {
        environment: name,
        version: req.version,
        timeoutMs: req.timeoutMs,
        role: 'version',
        ...(req.artifact !== undefined ? { artifact: req.artifact } : {}),
        ...(previous.stable ? { stillServing: `version ${previous.stable.version}` } : {}),
      },
      parentEnv,
      now,
    );
    log.info(`started ${describe(record)}; healthy`);
    try {
      state = save(paths, { ...state, stable: record, canary: null, weight: 0 });
      state = await applyRoutes(paths, state);
    } catch (err) {
      save(paths, { ...state, ...previous });
      await stopRecord(record, 'new version');
      throw err;
    }
    log.info(`all traffic of ${url(state)} goes to ${record.version}`);
    if (previous.stable) await stopRecord(previous.stable, 'previous version', state.proxy);
    if (previous.canary) await stopRecord(previous.canary, 'canary', state.proxy);
    return {
      url: url(state),
      details: {
        version: record.version,
        pid: record.pid,
        port: record.port,
        log: record.log,
        'proxy-pid': state.proxy?.pid ?? 0,
        ...(previous.stable ? { 'previous-version': previous.stable.version } : {}),
      },
    };
  }

  async function removeCanary(paths: EnvironmentPaths, state: EnvironmentState): Promise<EnvironmentState> {
    const canary = state.canary;
    let next = save(paths, { ...state, canary: null, weight: 0 });
    if (next.stable) next = await applyRoutes(paths, next);
    await stopRecord(canary, 'canary', next.proxy);
    return next;
  }

  async function startCanary(req: CanaryRequest): Promise<DeployOutcome> {
    const name = target(req.environment);
    const paths = pathsOf(name);
    let state = readState(paths.stateFile);
    if (!state?.stable) {
      throw new LocalDriverError(
        'no-stable',
        `local driver: no version is deployed in ${name}; deploy one before starting a canary beside it`,
      );
    }
    if (state.canary) state = await removeCanary(paths, state);
    const stable = state.stable!;
    const record = await launchVersion(
      settings,
      paths.logDir,
      {
        environment: name,
        version: req.version,
        timeoutMs: req.timeoutMs,
        role: 'canary',
        stillServing: `stable ${stable.version}`,
        ...(req.artifact !== undefined ? { artifact: req.artifact } : {}),
      },
      parentEnv,
      now,
    );
    log.info(`started canary ${describe(record)}; healthy; 0% of traffic`);
    try {
      state = await applyRoutes(paths, save(paths, { ...state, canary: record, weight: 0 }));
    } catch (err) {
      save(paths, { ...state, canary: null, weight: 0 });
      await stopRecord(record, 'canary');
      throw err;
    }
    return {
      url: url(state),
      details: {
        version: record.version,
        pid: record.pid,
        port: record.port,
        log: record.log,
        'canary-url': `http://127.0.0.1:${record.port}`,
        'stable-url': `http://127.0.0.1:${stable.port}`,
        'stable-version': stable.version,
      },
    };
  }

  async function setWeight(weight: number): Promise<TrafficState> {
    if (!Number.isFinite(weight) || weight < 0 || weight > 100) {
      throw new LocalDriverError('settings', `local driver: weight ${weight} is not a percentage from 0 to 100`);
    }
    const name = target();
    const paths = pathsOf(name);
    const state = readState(paths.stateFile);
    if (!state?.canary) {
      if (weight === 0) return { weight: 0, note: 'no canary runs' };
      throw new LocalDriverError('no-canary', `local driver: no canary runs in ${name}; start one before moving traffic to it`);
    }
    const next = await applyRoutes(paths, save(paths, { ...state, weight }));
    const view = next.proxy ? await queryProxy(next.proxy.controlPort, next.proxy.pid) : null;
    log.info(`canary ${state.canary.version} now takes ${view?.weight ?? weight}% of ${url(next)}`);
    return { weight: view?.weight ?? weight };
  }

  async function promote(): Promise<void> {
    const name = target();
    const paths = pathsOf(name);
    const state = readState(paths.stateFile);
    if (!state?.canary) throw new LocalDriverError('no-canary', `local driver: no canary runs in ${name}; nothing to promote`);
    const old = state.stable;
    const next = await applyRoutes(paths, save(paths, { ...state, stable: state.canary, canary: null, weight: 0 }));
    log.info(`promoted ${describe(state.canary)}: all traffic of ${url(next)}`);
    await stopRecord(old, 'previous stable', next.proxy);
  }

  async function abort(): Promise<void> {
    const name = target();
    const paths = pathsOf(name);
    const state = readState(paths.stateFile);
    if (!state) return;
    if (state.canary) {
      const canary = state.canary;
      await removeCanary(paths, state);
      log.info(`aborted canary ${canary.version}: all traffic back to ${state.stable?.version ?? 'nothing'}`);
    } else if (state.weight !== 0) {
      save(paths, { ...state, weight: 0 });
    }
  }

  async function stop(name?: string): Promise<{ stopped: number[] }> {
    const env = target(name);
    const paths = pathsOf(env);
    const state = readState(paths.stateFile);
    if (!state) return { stopped: [] };
    const records = [state.proxy, state.canary, state.stable].filter((r): r is NonNullable<typeof r> => r !== null);
    const stopped: number[] = [];
    await Promise.all(
      records.map(async (record) => {
        if (await stopProcessGroup(record.pid, settings.stopGraceMs)) stopped.push(record.pid);
      }),
    );
    fs.rmSync(paths.stateFile, { force: true });
    fs.rmSync(paths.proxyFile, { force: true });
    log.info(`stopped everything in ${env} (pids ${stopped.join(', ') || 'none'})`);
    return { stopped };
  }

  const stateFor = (name: string) => readState(pathsOf(name).stateFile);

  return {
    name: 'local',
    settings,
    planDeploy: (req) => planLocalDeploy(settings, stateFor(req.environment), req),
    planCanary: (req) => planLocalCanary(settings, stateFor(req.environment), req),
    planTraffic: (weights) => planLocalTraffic(settings, environment ? stateFor(environment) : null, weights),
    deploy,
    rollback: deploy,
    startCanary,
    setWeight,
    promote,
    abort,
    status: async (name) => readLocalStatus(pathsOf(target(name)), target(name)),
    stop,
    slots: createLocalSlots({ settings, parentEnv, now, log, target, pathsOf, loadState, save, applyRoutes, stopRecord }),
  };
}
