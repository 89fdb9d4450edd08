import { describe, expect, it } from 'vitest';
import type { Slot, SlotControl } from '../../src/drivers/slots.js';
import type { Driver } from '../../src/drivers/types.js';
import type { DeploymentRecord } from '../../src/records/types.js';
import type { RollbackJob } from '../../src/rollback/plan.js';
import { planSlotRollback } from '../../src/rollback/switch-back.js';

/** Slots as a driver would report them: which is live and what runs where (undefined: cannot tell). */
function driverWith(live: Slot | undefined, on: Partial<Record<Slot, string>> | undefined): Driver {
  const slots: SlotControl = {
    reportsPreviewUrl: false,
    live: async () => live,
    versionOn: async (slot) => on?.[slot],
    startOn: async () => ({ details: {} }),
    switchTo: async () => {},
    stopSlot: async () => true,
    plan: () => [],
  };
  return { name: 'fake', slots } as unknown as Driver;
}

const record = (id: string, payload: DeploymentRecord['payload'], stateAt: string): DeploymentRecord => ({
  id,
  environment: 'production',
  sha: 'a'.repeat(40),
  ref: 'main',
  createdAt: stateAt,
  stateAt,
  state: 'success',
  payload,
});
const SWITCHED = '2026-11-23T10:00:00Z';
const job = (bad: DeploymentRecord['payload']): RollbackJob => ({
  environment: 'production',
  bad: record('2', bad, SWITCHED),
  target: record('1', { version: '1.0.0', by: 'deploy', strategy: 'blue-green', slot: 'blue' }, '2026-11-23T09:00:00Z'),
  reason: 'bad',
  timeoutMs: 10_000,
});
const blueGreen = {
  version: '2.0.0',
  by: 'deploy' as const,
  strategy: 'blue-green',
  slot: 'green',
  previousSlot: 'blue',
  previousVersion: '1.0.0',
  keepPreviousMs: 30 * 60_000,
};
const at = (minutes: number) => Date.parse(SWITCHED) + minutes * 60_000;

describe('how a blue-green deployment is rolled back', () => {
  it('within keep-previous, with the previous slot running the target: one switch back', async () => {
    const plan = await planSlotRollback(job(blueGreen), driverWith('green', { blue: '1.0.0', green: '2.0.0' }), at(29));
    expect(plan).toMatchObject({
      kind: 'switch-back',
      slot: 'blue',
      payload: { strategy: 'blue-green', slot: 'blue', previousSlot: 'green', previousVersion: '2.0.0' },
    });
  });
  it('past keep-previous: the target is deployed to the idle slot', async () => {
    const plan = await planSlotRollback(job(blueGreen), driverWith('green', { blue: '1.0.0' }), at(31));
    expect(plan).toMatchObject({ kind: 'redeploy', slot: 'blue' });
    expect(plan!.why).toMatch(/keep-previous \(30m\) ran out/);
  });
  it('the driver sees another version on the previous slot: redeploy, whatever the record says', async () => {
    const plan = await planSlotRollback(job(blueGreen), driverWith('green', { blue: '1.5.0' }), at(1));
    expect(plan).toMatchObject({ kind: 'redeploy', slot: 'blue' });
    expect(plan!.why).toMatch(/does not run 1\.0\.0 \(it runs 1\.5\.0\)/);
  });
  it('a driver that cannot tell (command) trusts the record; the live slot comes from the record too', async () => {
    const plan = await planSlotRollback(job(blueGreen), driverWith(undefined, undefined), at(1));
    expect(plan).toMatchObject({ kind: 'switch-back', slot: 'blue' });
  });
  it('a rolling deployment is not rolled back by slots', async () => {
    expect(await planSlotRollback(job({ version: '2.0.0', by: 'deploy' }), driverWith('blue', {}), at(1))).toBeUndefined();
  });
});
