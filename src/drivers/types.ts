/**
 * A driver is how shipline changes a real environment (SPEC §4). Every action that changes an
 * environment (deploy, canary, rollback) talks to one through this interface, so the same
 * driver settings work for all of them.
 */

import type { SlotControl } from './slots.js';

/** What a driver is asked to deploy. Values reach user commands only as environment variables. */
export interface DeployRequest {
  environment: string;
  version: string;
  /** Image reference (`repo@sha256:...`), archive path, or whatever the driver deploys. */
  artifact?: string;
  previousVersion?: string;
  /**
   * `SHIPLINE_RECORD_<NAME>` variables for the user's commands: on a rollback, the values a release
   * hook kept in the record of the deployment being undone (already checked).
   */
  recordEnv?: Record<string, string>;
  /** Upper bound for the rollout to become healthy, in milliseconds. */
  timeoutMs: number;
}

export interface DeployOutcome {
  /** The URL the environment answers on, when the driver knows it (the local driver does). */
  url?: string;
  /** Free-form facts for the summary: ready replicas, process id, revision... */
  details: Record<string, string | number>;
}

/** A canary as the driver keeps it: the stable version serves 100 - weight, the canary weight. */
export interface CanaryRequest extends DeployRequest {
  stableVersion?: string;
}

export interface TrafficState {
  /** The canary's share of traffic in percent (0-100), as the driver reads it back. */
  weight: number;
  /** The real share where it differs from the requested weight (replica ratios). */
  effectiveWeight?: number;
  note?: string;
}

export interface Driver {
  readonly name: string;
  /** Human-readable lines of what `deploy` would do (dry-run, and the log before doing it). */
  planDeploy(req: DeployRequest): string[];
  deploy(req: DeployRequest): Promise<DeployOutcome>;
  /** Start the canary version beside the stable one with 0% traffic. */
  startCanary?(req: CanaryRequest): Promise<DeployOutcome>;
  setWeight?(weight: number): Promise<TrafficState>;
  /** Make the canary the new stable version with all traffic. */
  promote?(): Promise<void>;
  /** Send all traffic back to stable and remove the canary. Must be safe to call twice. */
  abort?(): Promise<void>;
  /** Put a named earlier version back (defaults to `deploy` of that version). */
  rollback?(req: DeployRequest): Promise<DeployOutcome>;
  planTraffic?(weights: number[]): string[];
  /** Blue-green: two slots, all traffic on one (src/drivers/slots.ts). */
  slots?: SlotControl;
}
