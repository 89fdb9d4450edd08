// What every job of one run shares: where it runs, the github context, secrets, approvals, the
// log, the cancellation, and the run's folder (artifacts, each job's RUNNER_TEMP).
import type { Approvals } from './approval.js';
import type { Cancellation } from './cancel.js';
import type { Json } from './expressions.js';
import type { Log } from './log.js';
import type { StepAction } from './uses.js';

export type Result = 'success' | 'failure' | 'cancelled' | 'skipped';

export interface JobOutcome {
  result: Result;
  outputs: Record<string, string>;
}

export interface RunState {
  /** Who holds a concurrency group: this run (a second run in the same process is another). */
  runId: string;
  workspace: string;
  github: Record<string, Json>;
  runner: Record<string, Json>;
  /** The environment of every step before the workflow's own `env`. */
  baseEnv: NodeJS.ProcessEnv;
  approvals: Approvals;
  log: Log;
  cancellation: Cancellation;
  runDir: string;
  artifacts: string;
  /** `uses:` resolved before the run starts, by the text written in the workflow. */
  actions: Map<string, StepAction>;
  /** The `vars` context (--var name=value). */
  vars: Record<string, string>;
  /** Each job's outcome by its label (`build`, or `release / build` in a called workflow). */
  jobs: Record<string, JobOutcome>;
}
