import type { DeployRequest } from './types.js';

/**
 * Blue-green (SPEC "deploy", `strategy: blue-green`): two slots, `blue` and `green`, one of which
 * takes all traffic (live) while the other (idle) runs the previous version or the next one.
 * Each driver implements it in its own module; the orchestration is src/deploy/blue-green.ts and
 * src/rollback/switch-back.ts.
 */
export type Slot = 'blue' | 'green';
export const SLOTS: readonly Slot[] = ['blue', 'green'];
export const otherSlot = (slot: Slot): Slot => (slot === 'blue' ? 'green' : 'blue');
export const isSlot = (value: unknown): value is Slot => value === 'blue' || value === 'green';

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
