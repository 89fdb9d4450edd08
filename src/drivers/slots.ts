import type { Slot } from './types.js';

export type { Slot, SlotControl, SlotInputs, SlotStart } from './types.js';

/**
 * Blue-green (`strategy: blue-green`, actions/deploy/README.md): two slots, `blue` and `green`, one of which
 * takes all traffic (live) while the other (idle) runs the previous version or the next one.
 * Each driver implements it in its own module; the orchestration is src/deploy/blue-green.ts and
 * src/rollback/switch-back.ts.
 */
export const SLOTS: readonly Slot[] = ['blue', 'green'];
export const otherSlot = (slot: Slot): Slot => (slot === 'blue' ? 'green' : 'blue');
export const isSlot = (value: unknown): value is Slot => value === 'blue' || value === 'green';
