import type { Log } from '../../core/runtime.js';
import type { DeployRequest } from '../types.js';
import { otherSlot, type Slot, type SlotControl } from '../slots.js';
import { LocalDriverError } from './errors.js';
import { launchVersion } from './launch.js';
import { isProcessAlive } from './processes.js';
import type { ResolvedLocalSettings } from './settings.js';
import type { EnvironmentPaths, EnvironmentState, ProcessRecord } from './state.js';
import { readState } from './state.js';

/** What the local driver lends its blue-green slots (its closures over the state folder and proxy). */
export interface LocalSlotDeps {
  settings: ResolvedLocalSettings;
  parentEnv: NodeJS.ProcessEnv;
  now: () => Date;
  log: Log;
  target: (environment?: string) => string;
  pathsOf: (environment: string) => EnvironmentPaths;
  loadState: (environment: string, paths: EnvironmentPaths) => Promise<EnvironmentState>;
  save: (paths: EnvironmentPaths, state: EnvironmentState) => EnvironmentState;
  applyRoutes: (paths: EnvironmentPaths, state: EnvironmentState) => Promise<EnvironmentState>;
  stopRecord: (record: ProcessRecord | null, what: string, proxy?: EnvironmentState['proxy']) => Promise<void>;
}

/** The live slot of a state: the stable version's (blue for one deployed by rolling). */
export const liveSlotOf = (state: EnvironmentState | null): Slot | undefined => (state?.stable ? (state.stable.slot ?? 'blue') : undefined);

/**
 * Blue-green on the local driver: the live slot is the proxy's stable version (all traffic), the
 * idle slot a second process kept as the proxy's canary at weight 0. A switch swaps the two in one
 * state write and one proxy reload, so no process starts or stops while traffic moves.
 */
export function createLocalSlots(d: LocalSlotDeps): SlotControl {
  const current = (environment?: string) => {
    const name = d.target(environment);
    const paths = d.pathsOf(name);
    return { name, paths, state: readState(paths.stateFile) };
  };
  /** The process on a slot: the stable one if it is that slot, else the canary if it is. */
  const onSlot = (state: EnvironmentState | null, slot: Slot): ProcessRecord | null => {
    if (!state) return null;
    if (state.stable && liveSlotOf(state) === slot) return state.stable;
    if (state.canary?.slot === slot) return state.canary;
    return null;
  };

  return {
    reportsPreviewUrl: true,
    async live() {
      return liveSlotOf(current().state);
    },
    async versionOn(slot) {
      const record = onSlot(current().state, slot);
      return record && isProcessAlive(record.pid) ? record.version : undefined;
    },
    async startOn(slot: Slot, req: DeployRequest) {
      const name = d.target(req.environment);
      const paths = d.pathsOf(name);
      let state = await d.loadState(name, paths);
      const live = liveSlotOf(state);
      if (live === slot)
        throw new LocalDriverError(
          'settings',
          `local driver: slot ${slot} is live in ${name}; a new version starts on the idle slot (${otherSlot(slot)})`,
        );
      if (state.canary) {
        const old = state.canary;
        state = d.save(paths, { ...state, canary: null, weight: 0 });
        if (state.stable) state = await d.applyRoutes(paths, state);
        await d.stopRecord(old, old.slot ? `slot ${old.slot}` : 'canary', state.proxy);
      }
      const record: ProcessRecord = {
        ...(await launchVersion(
          d.settings,
          paths.logDir,
          {
            environment: name,
            version: req.version,
            timeoutMs: req.timeoutMs,
            role: slot,
            ...(req.artifact !== undefined ? { artifact: req.artifact } : {}),
            ...(state.stable ? { stillServing: `${live} (${state.stable.version})` } : {}),
          },
          d.parentEnv,
          d.now,
        )),
        slot,
      };
      d.log.info(`started ${record.version} on slot ${slot} (pid ${record.pid}, port ${record.port}); healthy; no traffic`);
      try {
        state = d.save(paths, { ...state, canary: record, weight: 0 });
        if (state.stable) state = await d.applyRoutes(paths, state);
      } catch (err) {
        d.save(paths, { ...state, canary: null, weight: 0 });
        await d.stopRecord(record, `slot ${slot}`);
        throw err;
      }
      return {
        url: `http://127.0.0.1:${state.publicPort}`,
        previewUrl: `http://127.0.0.1:${record.port}`,
        details: { [`${slot} pid`]: record.pid, [`${slot} port`]: record.port, log: record.log },
      };
    },
    async switchTo(slot: Slot, req: DeployRequest) {
      const { name, paths, state } = current(req.environment);
      const live = liveSlotOf(state);
      if (!state) return;
      // Already live in the state (a switch cut short after its write): make sure the proxy serves it.
      if (live === slot) {
        await d.applyRoutes(paths, state);
        return;
      }
      const next = onSlot(state, slot);
      if (!next)
        throw new LocalDriverError(
          'no-canary',
          `local driver: nothing runs on slot ${slot} in ${name}; start a version there before switching to it`,
        );
      const previous = state.stable ? { ...state.stable, slot: live } : null;
      const after = await d.applyRoutes(paths, d.save(paths, { ...state, stable: next, canary: previous, weight: 0 }));
      d.log.info(`all traffic of http://127.0.0.1:${after.publicPort} goes to slot ${slot} (${next.version})`);
    },
    async stopSlot(slot: Slot) {
      const { name, paths, state } = current();
      if (!state) return true;
      if (liveSlotOf(state) === slot)
        throw new LocalDriverError('settings', `local driver: slot ${slot} is live in ${name}; it is not stopped`);
      const record = onSlot(state, slot);
      if (!record) return true;
      let next = d.save(paths, { ...state, canary: null, weight: 0 });
      if (next.stable) next = await d.applyRoutes(paths, next);
      await d.stopRecord(record, `slot ${slot}`, next.proxy);
      return true;
    },
    plan(idle, req) {
      const state = current(req.environment).state;
      const live = liveSlotOf(state);
      return [
        ...(state?.canary ? [`stop ${state.canary.version} (pid ${state.canary.pid}) on the idle slot ${idle}`] : []),
        `start ${req.version} on slot ${idle} (a new process on a free port, ` +
          `\`${d.settings.command ?? ''}\`) and wait for ${d.settings.healthPath}`,
        `switch all traffic of the proxy to slot ` +
          `${idle}${live && state?.stable ? `; ${state.stable.version} stays on slot ${live} without traffic` : ''}`,
      ];
    },
  };
}
