import type { CanaryRequest, DeployOutcome, DeployRequest, DriverMethods, TrafficState } from '../types.js';
import { isHaproxyName, parseSocketAddress } from './address.js';
import { HaproxyRuntimeClient } from './client.js';
import { planWeightCommands, weightChanges, type HaproxyTarget } from './commands.js';
import { HaproxyError } from './errors.js';
import { isServing, type ServerState } from './responses.js';

export interface HaproxySettings extends HaproxyTarget {
  /** The admin socket: a unix socket path or `tcp://127.0.0.1:PORT`. */
  haproxySocket: string;
  /** Per runtime API command; default 5 s. */
  timeoutMs?: number;
}

export const DEPLOY_UNSUPPORTED =
  'the haproxy driver moves traffic only; pair it with deploy-command to deploy the new version to the canary server';

/** Checks the settings without touching HAProxy, so a typo fails before any traffic moves. */
export function checkHaproxySettings(settings: HaproxySettings): void {
  if (!parseSocketAddress(settings.haproxySocket)) {
    throw new HaproxyError(
      'unreachable',
      `haproxy-socket "${settings.haproxySocket}" is neither a unix socket path (/run/haproxy/admin.sock) nor tcp://HOST:PORT`,
    );
  }
  const names: Array<[string, string]> = [
    ['backend', settings.backend],
    ['stable-server', settings.stableServer],
    ['canary-server', settings.canaryServer],
  ];
  for (const [what, value] of names) {
    if (!isHaproxyName(value)) {
      throw new HaproxyError('rejected', `${what} "${value}" is not an HAProxy name (letters, digits, "-", "_", ".", ":")`);
    }
  }
  if (settings.stableServer === settings.canaryServer) {
    throw new HaproxyError('rejected', `stable-server and canary-server are both "${settings.stableServer}"`);
  }
}

/** The runtime-API part of the haproxy driver on its own: it moves traffic and deploys nothing. */
export interface HaproxyTraffic extends DriverMethods {
  startCanary(req: CanaryRequest): Promise<DeployOutcome>;
  setWeight(weight: number): Promise<TrafficState>;
  promote(): Promise<void>;
  abort(): Promise<void>;
  planTraffic(weights: number[]): string[];
  /** Refuses a canary start that would take the traffic off the server carrying it (before any change). */
  checkCanaryStart(): Promise<void>;
}

/**
 * Canary traffic through HAProxy's runtime API: the stable server gets `100 - p`, the canary `p`.
 * Every change is read back from HAProxy, so the weight reported is the one in effect.
 */
export function createHaproxyDriver(settings: HaproxySettings, client?: HaproxyRuntimeClient): HaproxyTraffic {
  checkHaproxySettings(settings);
  const api = client ?? HaproxyRuntimeClient.connect(settings.haproxySocket, settings.timeoutMs ?? 5000);
  const { backend, stableServer, canaryServer } = settings;

  async function readPair(): Promise<{ stable: ServerState; canary: ServerState }> {
    const servers = await api.serversState(backend);
    const find = (server: string) => {
      const state = servers.find((s) => s.server === server);
      if (!state) {
        const known = servers.map((s) => s.server).join(', ') || 'none';
        throw new HaproxyError('not_found', `HAProxy backend ${backend} has no server "${server}" (servers: ${known})`);
      }
      return state;
    };
    return { stable: find(stableServer), canary: find(canaryServer) };
  }

  async function moveTo(canaryWeight: number): Promise<TrafficState> {
    if (!Number.isInteger(canaryWeight) || canaryWeight < 0 || canaryWeight > 100) {
      throw new HaproxyError('rejected', `canary weight ${canaryWeight} is not an integer from 0 to 100`);
    }
    const before = await readPair();
    for (const change of weightChanges(settings, before.canary.weight, canaryWeight)) {
      await api.setWeight(backend, change.server, change.weight);
    }
    const after = await readPair();
    if (after.canary.weight !== canaryWeight || after.stable.weight !== 100 - canaryWeight) {
      throw new HaproxyError(
        'mismatch',
        `HAProxy reports ${backend}/${canaryServer} ${after.canary.weight} and ${backend}/${stableServer} ` +
          `${after.stable.weight} after setting ${canaryWeight} and ${100 - canaryWeight}`,
      );
    }
    return trafficState(after);
  }

  /**
   * A canary starts by setting the canary server to 0: when that server carries all the traffic
   * (a blue-green deploy made slot green, the canary server, live), that would take it off the live
   * version, and deploy-command would first replace the version it runs. Refused before any change.
   */
  let refused: HaproxyError | undefined;
  async function checkCanaryStart(): Promise<void> {
    const { stable, canary } = await readPair();
    if (canary.weight > 0 && stable.weight === 0) {
      throw (refused = new HaproxyError(
        'unsupported',
        `${backend}/${canaryServer} (canary-server) carries all traffic (weight ${canary.weight}; ${stableServer} weight 0), ` +
          'as after a blue-green deploy that made slot green live; a canary would deploy onto it and move its traffic away. ' +
          'Nothing was changed. Deploy with strategy: blue-green, or switch back to blue (stable-server) first.',
      ));
    }
  }

  return {
    name: 'haproxy',
    planDeploy(req: DeployRequest): string[] {
      return [`haproxy driver: nothing to deploy for ${req.version}; ${DEPLOY_UNSUPPORTED}`];
    },
    async deploy(): Promise<DeployOutcome> {
      throw new HaproxyError('unsupported', DEPLOY_UNSUPPORTED);
    },
    async startCanary(req: CanaryRequest): Promise<DeployOutcome> {
      await checkCanaryStart();
      const state = await moveTo(0);
      return {
        details: { version: req.version, backend, stableServer, canaryServer, weight: state.weight },
      };
    },
    // After a refused start nothing was changed: no weight moves, and an abort has nothing to restore.
    async setWeight(weight: number): Promise<TrafficState> {
      if (refused) throw refused;
      return moveTo(weight);
    },
    async promote(): Promise<void> {
      if (refused) throw refused;
      await moveTo(100);
    },
    async abort(): Promise<void> {
      if (refused) return;
      await moveTo(0);
    },
    checkCanaryStart,
    planTraffic(weights: number[]): string[] {
      return planWeightCommands(settings, weights, settings.haproxySocket);
    },
  };
}

/** The canary's share as HAProxy has it, and its real share when a server does not serve. */
export function trafficState(pair: { stable: ServerState; canary: ServerState }): TrafficState {
  const { stable, canary } = pair;
  const total = stable.weight + canary.weight;
  const weight = total === 0 ? 0 : Math.round((100 * canary.weight) / total);
  const note = `${stable.backend}/${stable.server} weight ${stable.weight}, ${canary.backend}/${canary.server} weight ${canary.weight}`;
  const stableServes = isServing(stable) && stable.weight > 0;
  const canaryServes = isServing(canary) && canary.weight > 0;
  const effectiveWeight = canaryServes ? (stableServes ? weight : 100) : 0;
  if (effectiveWeight !== weight) {
    const down = canaryServes ? stable : canary;
    return { weight, effectiveWeight, note: `${note}; ${down.server} is down or in maintenance` };
  }
  return { weight, note };
}
