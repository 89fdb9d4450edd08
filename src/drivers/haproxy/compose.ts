import type { CommandDriver } from '../command.js';
import type { Driver, DriverTraits } from '../types.js';
import { createHaproxyDriver, type HaproxySettings } from './driver.js';
import { createHaproxySlots } from './slots.js';

/** What the haproxy driver declares: exact server weights, no URLs of its own. */
export const haproxyTraits: DriverTraits = {
  name: 'haproxy',
  reportsUrls: false,
  startsCanary: true,
  share: (weight) => `${weight}% (server weights ${100 - weight}/${weight})`,
};

/**
 * The haproxy driver: HAProxy moves traffic (runtime API); the user's deploy-command (the command
 * driver) puts the version on the canary server, and rolls back.
 */
export function haproxyDriver(settings: HaproxySettings, deployer: CommandDriver): Driver {
  const traffic = createHaproxyDriver(settings);
  return {
    name: 'haproxy',
    traits: haproxyTraits,
    deployer: { deploy: deployer.deploy, rollback: deployer.rollback },
    plan: { deploy: deployer.planDeploy, traffic: traffic.planTraffic, rollback: deployer.planRollback },
    traffic: {
      startCanary: async (req) => {
        // Before deploy-command touches the canary server: it may be the one carrying all traffic.
        await traffic.checkCanaryStart();
        const outcome = await deployer.deploy(req);
        await traffic.startCanary(req);
        return outcome;
      },
      setWeight: traffic.setWeight,
      promote: traffic.promote,
      abort: traffic.abort,
    },
    slots: createHaproxySlots(settings, deployer),
  };
}
