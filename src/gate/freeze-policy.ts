import { windowState, type FreezeWindow } from './freeze.js';
import type { PolicyVerdict } from './verdict.js';
import { describeInstant } from './zone.js';

export interface Override {
  reason: string;
  actor?: string;
}

/**
 * The freeze verdict at `now`: refused while any window is in force, unless an override reason
 * is given (then `overridden`, and the reason is the evidence). A reason given outside a freeze is
 * not used.
 */
export function freezeVerdict(windows: FreezeWindow[], now: number, override?: Override): PolicyVerdict & { overrideUsed: boolean } {
  const base = { policy: 'freeze' as const, overrideUsed: false };
  if (windows.length === 0) return { ...base, verdict: 'off', evidence: 'no freeze windows' };
  const states = windows.map((w) => windowState(w, now));
  const active = states.filter((s) => s.active);
  if (active.length === 0) {
    const next = states.filter((s) => s.startsAt !== undefined).sort((a, b) => a.startsAt! - b.startsAt!)[0];
    const upcoming = next ? `; next: "${next.window.text}" from ${describeInstant(next.startsAt!, next.window.zone)}` : '';
    return { ...base, verdict: 'pass', evidence: `no window in force at ${describeInstant(now, 'UTC')}${upcoming}` };
  }
  const inForce = active.map((s) => `"${s.window.text}" is in force until ${describeInstant(s.endsAt!, s.window.zone)}`).join('; ');
  if (!override) return { ...base, verdict: 'refused', evidence: inForce };
  const by = override.actor ? ` by ${override.actor}` : '';
  return { ...base, overrideUsed: true, verdict: 'overridden', evidence: `${inForce}; overridden${by}: ${override.reason}` };
}
