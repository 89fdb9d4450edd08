import type { DeployRequest, DriverMethods } from '../types.js';
import { otherSlot, type Slot, type SlotControl } from '../slots.js';
import { HaproxyRuntimeClient } from './client.js';
import { HaproxyError } from './errors.js';
import type { HaproxySettings } from './driver.js';

/**
 * Blue-green through HAProxy: slot `blue` is `stable-server`, slot `green` is `canary-server`. The
 * live slot's server has weight 100 and the idle one's 0 (read back from the runtime API, so a later
 * deploy, on another runner, knows which is live; the deployment record keeps it too). The user's
 * `deploy-command` puts the version on the idle server (`SHIPLINE_SLOT`, `SHIPLINE_SERVER`); a switch
 * sets the idle server to 100 and then the live one to 0, so no moment is without a server.
 */
export function createHaproxySlots(settings: HaproxySettings, deployer: DriverMethods, client?: HaproxyRuntimeClient): SlotControl {
  const api = client ?? HaproxyRuntimeClient.connect(settings.haproxySocket, settings.timeoutMs ?? 5000);
  const { backend } = settings;
  const serverOf = (slot: Slot) => (slot === 'blue' ? settings.stableServer : settings.canaryServer);

  async function weights(): Promise<Record<Slot, number>> {
    const servers = await api.serversState(backend);
    const weightOf = (slot: Slot) => {
      const server = servers.find((s) => s.server === serverOf(slot));
      if (!server)
        throw new HaproxyError(
          'not_found',
          `HAProxy backend ${backend} has no server "${serverOf(slot)}" (servers: ${servers.map((s) => s.server).join(', ') || 'none'})`,
        );
      return server.weight;
    };
    return { blue: weightOf('blue'), green: weightOf('green') };
  }
  async function live(): Promise<Slot | undefined> {
    const w = await weights();
    if (w.blue > 0 && w.green === 0) return 'blue';
    if (w.green > 0 && w.blue === 0) return 'green';
    return undefined;
  }

  return {
    reportsPreviewUrl: false,
    live,
    versionOn: async () => undefined,
    async startOn(slot: Slot, req: DeployRequest) {
      const w = await weights();
      if (w[slot] > 0 && w[otherSlot(slot)] === 0)
        throw new HaproxyError(
          'rejected',
          `slot ${slot} (${backend}/${serverOf(slot)}) takes all traffic; a new version goes to the idle server`,
        );
      if (w[slot] > 0) await api.setWeight(backend, serverOf(slot), 0);
      const outcome = await deployer.slots!.startOn(slot, { ...req, recordEnv: { ...req.recordEnv, SHIPLINE_SERVER: serverOf(slot) } });
      return { details: { ...outcome.details, server: `${backend}/${serverOf(slot)} (weight 0)` } };
    },
    async switchTo(slot: Slot) {
      await api.setWeight(backend, serverOf(slot), 100);
      await api.setWeight(backend, serverOf(otherSlot(slot)), 0);
      const w = await weights();
      if (w[slot] !== 100 || w[otherSlot(slot)] !== 0)
        throw new HaproxyError(
          'mismatch',
          `HAProxy reports ${backend}/${serverOf(slot)} ${w[slot]} and ` +
            `${backend}/${serverOf(otherSlot(slot))} ${w[otherSlot(slot)]} after the switch to slot ${slot}`,
        );
    },
    stopSlot: async () => false,
    plan: (idle, req) => [
      `run deploy-command with SHIPLINE_SLOT=${idle}, SHIPLINE_SERVER=${serverOf(idle)}, SHIPLINE_VERSION=${req.version}`,
      `set weight ${backend}/${serverOf(idle)} 100, then ${backend}/${serverOf(otherSlot(idle))} 0 through ${settings.haproxySocket}`,
    ],
  };
}
