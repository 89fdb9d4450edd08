/**
 * A driver is how shipline changes a real environment. Every action that changes an
 * environment (deploy, canary, rollback) talks to one through this interface, so the same
 * driver settings work for all of them.
 */

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

/** Putting a version in place: every driver can. */
export interface Deployer {
  deploy(req: DeployRequest): Promise<DeployOutcome>;
  /** Put a named earlier version back (without it, a rollback is a `deploy` of that version). */
  rollback?(req: DeployRequest): Promise<DeployOutcome>;
}

/** Canary traffic: the stable version serves 100 - weight, the canary weight. */
export interface TrafficControl {
  /** Start the canary version beside the stable one with 0% traffic. */
  startCanary(req: CanaryRequest): Promise<DeployOutcome>;
  setWeight(weight: number): Promise<TrafficState>;
  /** Make the canary the new stable version with all traffic. */
  promote(): Promise<void>;
  /** Send all traffic back to stable and remove the canary. Must be safe to call twice. */
  abort(): Promise<void>;
}

/** Human-readable lines of what a step would do (dry-run, and the log before doing it). */
export interface Planner {
  deploy(req: DeployRequest): string[];
  /** Starting a canary; without it, the canary is planned as a deploy. */
  canary?(req: CanaryRequest): string[];
  traffic?(weights: number[]): string[];
  /** Putting an earlier version back; without it, the rollback is planned as a deploy. */
  rollback?(req: DeployRequest): string[];
}

/** Finding a canary an earlier run started again (a paused canary being resumed). */
export interface CanaryStatus {
  /**
   * The facts `startCanary` reported that a later run needs again (`canary-url`, `stable-url`);
   * refuses (UserError) when the canary or the stable version no longer runs.
   */
  reattach(environment: string): Promise<Record<string, string>>;
}

/** What a driver declares about itself; known from the settings alone, before it is built. */
export interface DriverTraits {
  readonly name: string;
  /**
   * It reports the URLs it serves: the environment's on deploy, `canary-url` and `stable-url`
   * when a canary starts (so the probe and the checks need no URL input).
   */
  readonly reportsUrls: boolean;
  /** False when the canary version is taken to be running already: starting a canary moves traffic only. */
  readonly startsCanary: boolean;
  /** How a canary weight becomes real traffic, for the plan. */
  share(weight: number): string;
}

/**
 * A driver as the actions see it: its traits and one member per capability. A capability a driver
 * lacks is absent, so a new one (blue-green slots, say) is a new optional member.
 */
export interface Driver {
  readonly name: string;
  readonly traits: DriverTraits;
  readonly deployer: Deployer;
  readonly plan: Planner;
  readonly traffic?: TrafficControl;
  readonly status?: CanaryStatus;
  /** Blue-green: two slots, all traffic on one (src/drivers/slots.ts). */
  readonly slots?: SlotControl;
}

/**
 * The methods one driver implementation offers (each driver folder's own API, used by its tests
 * and tools); the folder's builder groups them into a `Driver`'s capabilities.
 */
export interface DriverMethods {
  readonly name: string;
  planDeploy(req: DeployRequest): string[];
  deploy(req: DeployRequest): Promise<DeployOutcome>;
  startCanary?(req: CanaryRequest): Promise<DeployOutcome>;
  setWeight?(weight: number): Promise<TrafficState>;
  promote?(): Promise<void>;
  abort?(): Promise<void>;
  rollback?(req: DeployRequest): Promise<DeployOutcome>;
  planTraffic?(weights: number[]): string[];
  /** Blue-green: two slots, all traffic on one (src/drivers/slots.ts). */
  slots?: SlotControl;
}

/** A blue-green slot (src/drivers/slots.ts has the helpers). */
export type Slot = 'blue' | 'green';

export interface SlotStart {
  /** The environment's public URL, when the driver knows it (the local driver's proxy). */
  url?: string;
  /** Where the idle slot answers before any traffic goes to it, when the driver knows it. */
  previewUrl?: string;
  /** Free-form facts for the summary. */
  details: Record<string, string | number>;
}

/** The blue-green inputs, as the driver's own check sees them (before anything happens). */
export interface SlotInputs {
  previewUrl?: string;
}

export interface SlotControl {
  /** The driver reports the idle slot's URL itself (`SlotStart.previewUrl`): `preview-url` is optional. */
  readonly reportsPreviewUrl: boolean;
  /** Refuses (UserError naming the input) blue-green inputs this driver cannot work with. */
  check?(inputs: SlotInputs): void;
  /**
   * The slot that takes all traffic now, as the driver reads it back; `undefined` when no slot does
   * (nothing deployed yet) or the driver cannot tell (the command driver: the record says).
   */
  live(): Promise<Slot | undefined>;
  /** The version running on a slot, when the driver can tell; `undefined` when not (or none). */
  versionOn(slot: Slot): Promise<string | undefined>;
  /** Starts `req`'s version on `slot` (which takes no traffic) and waits until it is healthy. */
  startOn(slot: Slot, req: DeployRequest): Promise<SlotStart>;
  /** Sends all traffic to `slot` at once. `req` is the version that runs there (for commands' variables). */
  switchTo(slot: Slot, req: DeployRequest): Promise<void>;
  /** Stops what runs on `slot` (never the live one); false when the driver cannot stop a slot. */
  stopSlot(slot: Slot): Promise<boolean>;
  /** Human-readable lines of what a blue-green deploy onto `idle` would do (dry-run). */
  plan(idle: Slot, req: DeployRequest): string[];
}
