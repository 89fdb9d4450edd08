import { formatDuration } from '../core/duration.js';
import type { Log } from '../core/run.js';
import { isSlot, otherSlot, type Slot } from '../drivers/slots.js';
import type { DeployOutcome, DeployRequest, Driver } from '../drivers/types.js';
import type { RecordPayload } from '../records/types.js';
import type { RollbackJob } from './plan.js';

/**
 * Rollback of a blue-green deployment: while the previous slot still runs the
 * target version (within the bad deployment's `keep-previous`), one switch back, nothing
 * redeployed; otherwise the target goes to the idle slot (a previous slot past its time is stopped
 * or replaced first) and all traffic switches there. Either way the rollback's record names the
 * slot that is live after it, so the next deploy knows.
 */
export interface SlotRollback {
  kind: 'switch-back' | 'redeploy';
  slot: Slot;
  /** Why this way, for the log and the summary. */
  why: string;
  payload: Pick<RecordPayload, 'strategy' | 'slot' | 'previousSlot' | 'previousVersion'>;
  run(req: DeployRequest, log: Log): Promise<DeployOutcome>;
  plan(req: DeployRequest): string[];
}

/** How long the bad deployment's previous slot is kept: from its latest status (the switch). */
function keptUntil(job: RollbackJob): number | undefined {
  const ms = job.bad.payload.keepPreviousMs;
  if (typeof ms !== 'number') return undefined;
  const since = Date.parse(job.bad.stateAt ?? job.bad.createdAt);
  return Number.isFinite(since) ? since + ms : undefined;
}

/** Decides how a blue-green deployment is undone; undefined when the bad one was not blue-green. */
export async function planSlotRollback(job: RollbackJob, driver: Driver, now: number): Promise<SlotRollback | undefined> {
  const bad = job.bad.payload;
  const slots = driver.slots;
  if (bad.strategy !== 'blue-green' || !slots || !isSlot(bad.slot)) return undefined;
  const target = job.target.payload.version;
  const live = (await slots.live()) ?? bad.slot;
  const previous = isSlot(bad.previousSlot) ? bad.previousSlot : undefined;
  const until = keptUntil(job);
  const onPrevious = previous && previous !== live ? await slots.versionOn(previous) : undefined;
  // The driver's own reading wins; a driver that cannot tell (command, haproxy) trusts the record.
  const runsTarget =
    previous !== undefined && previous !== live && (onPrevious !== undefined ? onPrevious === target : bad.previousVersion === target);
  const inTime = until !== undefined && now < until;
  const payloadOf = (slot: Slot) => ({ strategy: 'blue-green' as const, slot, previousSlot: live, previousVersion: bad.version });
  if (runsTarget && inTime && previous) {
    return {
      kind: 'switch-back',
      slot: previous,
      why: `slot ${previous} still runs ${target} (kept until ${new Date(until!).toISOString()})`,
      payload: payloadOf(previous),
      plan: () => [`switch all traffic back to slot ${previous}, which still runs ${target} (no redeploy)`],
      async run(req, log) {
        const started = performance.now();
        await log.group(`Switching all traffic back to slot ${previous} (${target})`, () => slots.switchTo(previous, req));
        return {
          details: {
            strategy: 'blue-green',
            'rolled back by': `switch back to slot ${previous}`,
            'switch took': `${Math.round(performance.now() - started)} ms`,
          },
        };
      },
    };
  }
  const idle = otherSlot(live);
  const why = !runsTarget
    ? `slot ${idle} does not run ${target}${onPrevious ? ` (it runs ${onPrevious})` : ''}`
    : `slot ${idle}'s keep-previous (${formatDuration(Number(bad.keepPreviousMs))}) ` +
      `ran out${until ? ` at ${new Date(until).toISOString()}` : ''}`;
  return {
    kind: 'redeploy',
    slot: idle,
    why,
    payload: payloadOf(idle),
    plan: (req) => [...slots.plan(idle, req)],
    async run(req, log) {
      if (runsTarget && !inTime) {
        const stopped = await slots.stopSlot(idle).catch(() => false);
        if (stopped) log.info(`stopped slot ${idle}: its keep-previous ran out`);
      }
      const started = await log.group(`Starting ${target} on the idle slot ${idle} (${why})`, () => slots.startOn(idle, req));
      await log.group(`Switching all traffic to slot ${idle} (${target})`, () => slots.switchTo(idle, req));
      return {
        url: started.url,
        details: { ...started.details, strategy: 'blue-green', 'rolled back by': `redeploy to slot ${idle}, then switch` },
      };
    },
  };
}
