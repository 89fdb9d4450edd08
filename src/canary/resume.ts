/**
 * What a run that resumes a paused canary needs from the paused canary's deployment record: its
 * version, steps and held weight (the record holds them, so the run that paused it is not needed),
 * checked against this run's inputs before anything changes.
 */
import { UserError } from '../core/errors.js';
import type { Driver } from '../drivers/types.js';
import { describeRecord } from '../records/checks.js';
import { pausedWeight } from '../records/pause.js';
import type { DeploymentRecord } from '../records/types.js';
import { checkSteps, type StepItem } from './steps.js';

export type Decision = 'promote' | 'abort';

export interface PausedCanary {
  record: DeploymentRecord;
  version: string;
  artifact?: string;
  stableVersion?: string;
  /** The steps the canary started with, pause included. */
  steps: StepItem[];
  /** The weight it holds. */
  weight: number;
}

/** Reads a paused record (pure); refuses one whose version or driver differ from this run's. */
export function readPaused(
  record: DeploymentRecord,
  expect: { environment: string; version?: string; driver: string; decision: Decision },
): PausedCanary {
  const p = record.payload;
  const what = `the canary paused in ${expect.environment} (${describeRecord(record)})`;
  if (expect.version && expect.version !== p.version) {
    throw new UserError(
      `Input "version" is ${expect.version}, but ${what} is ${p.version}: ` +
        `nothing was changed. Accepted: its version, or no "version" input.`,
    );
  }
  if (typeof p.driver === 'string' && p.driver !== expect.driver) {
    throw new UserError(
      `${what} runs on the ${p.driver} driver, and this run's settings give the ${expect.driver} driver: ` +
        `nothing was changed. Accepted: the driver settings the canary started with (driver: ${p.driver}).`,
    );
  }
  const parsed = typeof p.steps === 'string' ? checkSteps(p.steps.split(',')) : undefined;
  if (!parsed?.ok || !parsed.steps.includes('pause')) {
    throw new UserError(
      `${what} does not say which steps follow the pause (its payload has ` +
        `no valid "steps"): nothing was changed. Abort it with resume: abort.`,
    );
  }
  const weights = parsed.steps.filter((s): s is number => s !== 'pause');
  const held = pausedWeight(record) ?? (parsed.steps[parsed.steps.indexOf('pause') - 1] as number);
  if (!weights.includes(held))
    throw new UserError(`${what} holds ${held}%, which is not one of its steps: nothing was changed. Abort it with resume: abort.`);
  return {
    record,
    version: p.version,
    ...(p.artifact ? { artifact: p.artifact } : {}),
    ...(typeof p.stableVersion === 'string' ? { stableVersion: p.stableVersion } : {}),
    steps: parsed.steps,
    weight: held,
  };
}

/** Where the loop of a resumed canary starts: the held weight judged again, then the rest. */
export function resumedWeights(steps: readonly StepItem[]): number[] {
  const at = steps.indexOf('pause');
  return steps.slice(at - 1).filter((s): s is number => s !== 'pause');
}

/**
 * The URLs a driver reports when a canary starts, read again for a canary started by an earlier
 * run, from a driver that can find it again (it refuses a canary that no longer runs); the other
 * drivers report none (the probe then needs `probe-url`).
 */
export async function resumedDetails(driver: Driver, environment: string): Promise<Record<string, string>> {
  return driver.status ? driver.status.reattach(environment) : {};
}

/** How to decide on a paused canary, for the summary and the log. */
export function decisionHelp(environment: string): { lines: string[]; commands: string } {
  return {
    lines: [
      'Promote or abort it from the Actions tab: run the approval workflow (the one that calls ' +
        'shipline/.github/workflows/approve.yml; shipline-approve.yml in the docs) with "Run workflow", environment ' +
        `${environment} and decision promote or abort. Starting a workflow needs write access to the repository.`,
      'Or run any job with the canary action, this environment and resume: promote or resume: abort (with the same driver settings).',
      'Until then the canary keeps its share of traffic, and deploys and canaries to this environment are refused.',
    ],
    commands: [
      `gh workflow run shipline-approve.yml -f environment=${environment} -f decision=promote`,
      `gh workflow run shipline-approve.yml -f environment=${environment} -f decision=abort`,
    ].join('\n'),
  };
}
