import { errorMessage, isOutsideError, isUserError, UserError } from '../core/errors.js';
import { redactUrls } from '../core/redact.js';
import { untilExit, type Log } from '../core/run.js';
import { recordEnv } from '../deploy/hooks.js';
import type { DeployOutcome, Driver } from '../drivers/types.js';
import type { DeploymentRecord, RecordStore } from '../records/types.js';
import type { Check } from '../checks/schema.js';
import { runChecks, type CheckResult } from '../checks/runner.js';
import { badDescription, rollbackPayload, rollbackRequest, type RollbackJob } from './plan.js';
import { planSlotRollback } from './switch-back.js';

export interface RollbackDeps {
  store: RecordStore;
  driver: Driver;
  log: Log;
  /** The runtime's clock: whether the previous slot is still kept (`keep-previous`) is judged by it. */
  now: () => number;
  signal?: AbortSignal;
  /** Registers cleanup for cancellation; returns its unregister function. */
  onAbort: (cleanup: () => Promise<void>) => () => void;
  /** Called as soon as the rollback's record exists (outputs are set before anything can fail). */
  onRecord: (record: DeploymentRecord) => void;
}

export interface VerifyChecks {
  checks: Check[];
  /** The URL given as input; else the driver's, else the records'. */
  url?: string;
  authorization?: string;
}

export interface RollbackOutcome {
  record: DeploymentRecord;
  environmentUrl?: string;
  driver: DeployOutcome;
  checks: CheckResult[];
  tookMs: number;
  /** When the bad deployment could not be marked failed (the rollback itself succeeded). */
  warning?: string;
}

/** The rollback did not complete: its record says `error`; the environment needs a person. */
export class RollbackFailed extends UserError {
  constructor(
    readonly job: RollbackJob,
    readonly recordId: string,
    readonly failure: unknown,
  ) {
    super(
      `ROLLBACK FAILED: putting ${job.target.payload.version} back in ${job.environment} failed: ${redactUrls(errorMessage(failure))}. ` +
        `${job.environment} may still run ${job.bad.payload.version} or be half changed; deployment ${recordId} is marked error, ` +
        `and the records of ${job.target.payload.version} and ${job.bad.payload.version} ` +
        `were left as they were. Fix it by hand or run the rollback again.`,
    );
  }
}

/** The environment URL the good version answers on: the input, the driver's, or the records'. */
export const environmentUrlOf = (job: RollbackJob, inputUrl: string | undefined, outcome?: DeployOutcome) =>
  inputUrl ?? outcome?.url ?? job.bad.environmentUrl ?? job.target.environmentUrl;

/**
 * Puts the good version back: its own record (in_progress), the driver's rollback (which waits until
 * healthy), the optional smoke checks, then `failure` on the bad deployment and `success` on its own.
 * If anything before that fails, only its own record changes (to `error`).
 */
export async function performRollback(job: RollbackJob, verify: VerifyChecks | undefined, deps: RollbackDeps): Promise<RollbackOutcome> {
  const { store, driver, log } = deps;
  const started = performance.now();
  // A blue-green deployment is undone by its slots: a switch back while the previous one still runs the target.
  const slotRollback = await planSlotRollback(job, driver, deps.now());
  if (slotRollback)
    log.info(`Blue-green: ${slotRollback.kind === 'switch-back' ? 'switching back' : 'redeploying to the idle slot'}: ${slotRollback.why}`);
  const record = await store.create({
    environment: job.environment,
    sha: job.target.sha,
    ref: job.target.ref || job.target.sha,
    payload: { ...rollbackPayload(job), ...slotRollback?.payload },
    description: `shipline rollback to ${job.target.payload.version}`,
    productionEnvironment: /^prod/i.test(job.environment),
  });
  deps.onRecord(record);
  await store.setStatus(record.id, 'in_progress', { description: `rolling back to ${job.target.payload.version}`, logUrl: job.runUrl });
  const unregister = deps.onAbort(async () => {
    await store.setStatus(record.id, 'error', { description: 'cancelled while rolling back', logUrl: job.runUrl });
  });

  let outcome: DeployOutcome;
  let results: CheckResult[] = [];
  let environmentUrl: string | undefined;
  try {
    const req = rollbackRequest(job);
    for (const problem of recordEnv(job.bad.payload.record).problems) log.warning(`Deployment ${job.bad.id}: ${problem}`);
    const roll = driver.deployer.rollback ?? driver.deployer.deploy;
    outcome = slotRollback
      ? await slotRollback.run(req, log)
      : await log.group(`Rolling back ${job.environment} to ${req.version} (${driver.name} driver)`, () => roll.call(driver.deployer, req));
    environmentUrl = environmentUrlOf(job, verify?.url, outcome);
    if (verify) {
      const base = verify.url ?? environmentUrl;
      results = await log.group(`Verifying ${req.version} with ${verify.checks.length} smoke check(s)`, () =>
        runChecks(verify.checks, {
          baseUrl: base,
          authorization: verify.authorization,
          attempts: 5,
          retryDelayMs: 1_000,
          timeoutMs: 10_000,
          concurrency: 4,
          followRedirects: true,
          signal: deps.signal,
          onAttempt: (check, attempt, reasons) => log.info(`${check.name}: attempt ${attempt}/5 failed: ${reasons.join('; ')}`),
        }),
      );
      const failed = results.filter((r) => r.verdict === 'fail');
      if (failed.length > 0)
        throw new UserError(`smoke checks failed after the rollback: ${failed.map((r) => `${r.name} (${r.reason})`).join('; ')}`);
    }
  } catch (err) {
    // Cancelled: the cancel handler marks the record cancelled and sets the outputs.
    if (deps.signal?.aborted) await untilExit();
    unregister();
    try {
      await store.setStatus(record.id, 'error', {
        description: `rollback failed: ${redactUrls(errorMessage(err)).split('\n')[0]}`,
        logUrl: job.runUrl,
      });
    } catch (recordErr) {
      log.warning(`The failure could not be recorded on deployment ${record.id}: ${errorMessage(recordErr)}`);
    }
    if (!isUserError(err) && !isOutsideError(err) && err instanceof Error && err.stack) log.info(redactUrls(err.stack));
    throw new RollbackFailed(job, record.id, err);
  }
  unregister();

  let warning: string | undefined;
  try {
    await store.setStatus(job.bad.id, 'failure', { description: badDescription(job), logUrl: job.runUrl });
  } catch (err) {
    warning =
      `${job.target.payload.version} is back, but deployment ${job.bad.id} ` +
      `(${job.bad.payload.version}) could not be marked failed: ${errorMessage(err)}`;
    log.warning(warning);
  }
  try {
    await store.setStatus(record.id, 'success', {
      description: `rolled back from ${job.bad.payload.version}`,
      environmentUrl,
      logUrl: job.runUrl,
    });
  } catch (err) {
    throw new UserError(
      `${job.target.payload.version} is back in ${job.environment}, but its record ` +
        `(deployment ${record.id}) could not be marked successful: ${errorMessage(err)}. ` +
        'Gates and later rollbacks will not see it until the record is fixed.',
    );
  }
  return { record, environmentUrl, driver: outcome, checks: results, tookMs: Math.round(performance.now() - started), warning };
}
