import { recordEnv } from '../deploy/hooks.js';
import type { DeployRequest, Driver } from '../drivers/types.js';
import type { DeploymentRecord, RecordPayload } from '../records/types.js';

export interface RollbackJob {
  environment: string;
  bad: DeploymentRecord;
  target: DeploymentRecord;
  reason: string;
  timeoutMs: number;
  runUrl?: string;
  /** The run and process writing the rollback's record (see records/stale.ts). */
  origin?: Pick<RecordPayload, 'runUrl' | 'runId' | 'runAttempt' | 'host' | 'pid'>;
}

/** What the driver is asked to put back: the target's exact version and artifact. */
export function rollbackRequest(job: RollbackJob): DeployRequest {
  // What the release hooks kept when the deployment being undone was made (its backup's name).
  const kept = recordEnv(job.bad.payload.record).env;
  return {
    environment: job.environment,
    version: job.target.payload.version,
    artifact: job.target.payload.artifact,
    previousVersion: job.bad.payload.version,
    ...(Object.keys(kept).length > 0 ? { recordEnv: kept } : {}),
    timeoutMs: job.timeoutMs,
  };
}

/** The payload of the rollback's own record: the good version, and what it undid and why. */
export function rollbackPayload(job: RollbackJob): RecordPayload {
  const t = job.target.payload;
  return {
    version: t.version,
    ...(t.artifact !== undefined ? { artifact: t.artifact } : {}),
    ...(t.channel !== undefined ? { channel: t.channel } : {}),
    ...(job.runUrl ? { runUrl: job.runUrl } : {}),
    rollbackOf: job.bad.id,
    reason: job.reason,
    by: 'rollback',
    ...job.origin,
  };
}

/** The status description written on the bad deployment once the good version is back. */
export const badDescription = (job: RollbackJob) => `rolled back to ${job.target.payload.version}: ${job.reason}`;

/** What the driver would do: its plan of a rollback, or of a deploy when it rolls back by deploying. */
export function driverPlan(driver: Driver, req: DeployRequest): string[] {
  return driver.plan.rollback?.(req) ?? driver.plan.deploy(req);
}

/** The records a rollback writes, in order, as lines for a dry run. */
export function recordPlan(job: RollbackJob, sha: string): string[] {
  return [
    `create deployment: environment ${job.environment}, ref ` +
      `${sha.slice(0, 7) || '(none)'}, payload ${JSON.stringify(rollbackPayload(job))}`,
    'its status in_progress, then success once the good version answers (error if the rollback fails)',
    `status failure on deployment ${job.bad.id} (${job.bad.payload.version}): "${badDescription(job)}"`,
    `the records of ${job.target.payload.version} (deployment ${job.target.id}) are left as they are`,
  ];
}
