import type { DeploymentRecord } from '../records/types.js';
import type { PolicyVerdict } from './verdict.js';

/** `3h 12m`, `45s`, `2d 4h`: a duration as people read it (two units at most). */
export function humanDuration(ms: number): string {
  const units: [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1_000]];
  const parts: string[] = [];
  let rest = Math.max(0, Math.floor(ms));
  for (const [name, size] of units) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)}${name}`);
      rest %= size;
    } else if (parts.length > 0) break;
  }
  if (parts.length > 0) return parts.join(' ');
  return rest === 0 ? '0s' : `${rest}ms`;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');

/** How long a record's version has run in its environment. */
export interface Soak {
  /** Live now (its latest status is success) or replaced by a later deployment. */
  live: boolean;
  /** From: its success status when live; its creation when replaced (the success time is not kept). */
  since: number;
  /** Until: now when live; when it was replaced (its `inactive` status). */
  until: number;
  ms: number;
}

/**
 * The soak of a successful record at `now`. A live record has soaked since its success status
 * (`stateAt`). A record that a later deployment replaced (`inactive`) ran from its creation to
 * its replacement; the records keep only the latest status, so that span includes the deploy itself.
 */
export function soakOf(record: DeploymentRecord, now: number): Soak {
  const created = Date.parse(record.createdAt);
  const stateAt = record.stateAt ? Date.parse(record.stateAt) : created;
  if (record.state === 'success') return { live: true, since: stateAt, until: now, ms: Math.max(0, now - stateAt) };
  return { live: false, since: created, until: stateAt, ms: Math.max(0, stateAt - created) };
}

/** The min-soak verdict for the record that proved the commit in `environment`. */
export function soakVerdict(environment: string, record: DeploymentRecord | undefined, minSoakMs: number, now: number): PolicyVerdict {
  const base = { policy: 'min-soak' as const, subject: environment };
  const need = `min-soak is ${humanDuration(minSoakMs)}`;
  if (!record) return { ...base, verdict: 'refused', evidence: `nothing to measure: no successful deployment in ${environment}; ${need}` };
  const soak = soakOf(record, now);
  const ran = soak.live
    ? `live in ${environment} for ${humanDuration(soak.ms)} (since ${iso(soak.since)})`
    : `ran in ${environment} for ${humanDuration(soak.ms)} (${iso(soak.since)} until replaced at ${iso(soak.until)})`;
  if (soak.ms >= minSoakMs) return { ...base, verdict: 'pass', evidence: `${ran}; ${need}` };
  const when = soak.live ? `: allowed from ${iso(soak.since + minSoakMs)}` : `; it was replaced too soon: deploy it to ${environment} again to soak`;
  return { ...base, verdict: 'refused', evidence: `${ran}; ${need}${when}` };
}
