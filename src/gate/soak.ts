import { formatTime } from '../core/time-format.js';
import type { DeploymentRecord } from '../records/types.js';
import type { PolicyVerdict } from './verdict.js';

/** `3h 12m`, `45s`, `2d 4h`: a duration as people read it (two units at most). */
export function humanDuration(ms: number): string {
  const units: [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1_000],
  ];
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

const iso = (ms: number) => formatTime(ms);

/** How long a record's version has run in its environment. */
export interface Soak {
  /** What runs now (the newest good record), or replaced by a later deployment. */
  live: boolean;
  /** From: its success status when that is its latest status; else its creation. */
  since: number;
  /** Until: now when live; when the deployment that replaced it was created. */
  until: number;
  ms: number;
}

/** Where a record stands, as the records' one reading says (records/meaning.ts). */
export interface Standing {
  live: boolean;
  replacedBy?: DeploymentRecord;
}

/**
 * The soak of a good record at `now`. Whether it is live is its place in the history (the newest
 * good record not undone), never its state: GitHub marks a live record `inactive` when its own
 * job deployment succeeds after it, and never marks production records inactive at all. Its start
 * is its success status when that is the latest status kept, else its creation (the records keep
 * only the latest status, so that span includes the deploy itself); a replaced record ran until
 * the deployment that replaced it was created.
 */
export function soakOf(record: DeploymentRecord, standing: Standing, now: number): Soak {
  const created = Date.parse(record.createdAt);
  const since = record.state === 'success' && record.stateAt ? Date.parse(record.stateAt) : created;
  if (standing.live) return { live: true, since, until: now, ms: Math.max(0, now - since) };
  const until = standing.replacedBy ? Date.parse(standing.replacedBy.createdAt) : record.stateAt ? Date.parse(record.stateAt) : now;
  return { live: false, since, until, ms: Math.max(0, until - since) };
}

/** The min-soak verdict for the record that proved the commit in `environment`. */
export function soakVerdict(
  environment: string,
  record: DeploymentRecord | undefined,
  standing: Standing,
  minSoakMs: number,
  now: number,
): PolicyVerdict {
  const base = { policy: 'min-soak' as const, subject: environment };
  const need = `min-soak is ${humanDuration(minSoakMs)}`;
  if (!record) return { ...base, verdict: 'refused', evidence: `nothing to measure: no successful deployment in ${environment}; ${need}` };
  const soak = soakOf(record, standing, now);
  const ran = soak.live
    ? `live in ${environment} for ${humanDuration(soak.ms)} (since ${iso(soak.since)})`
    : `ran in ${environment} for ${humanDuration(soak.ms)} (${iso(soak.since)} until replaced at ${iso(soak.until)})`;
  if (soak.ms >= minSoakMs) return { ...base, verdict: 'pass', evidence: `${ran}; ${need}` };
  const when = soak.live
    ? `: allowed from ${iso(soak.since + minSoakMs)}`
    : `; it was replaced too soon: deploy it to ${environment} again to soak`;
  return { ...base, verdict: 'refused', evidence: `${ran}; ${need}${when}` };
}
