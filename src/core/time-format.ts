/**
 * The one time format of every summary: UTC, to the second (`2026-11-23 22:04:05 UTC`). No
 * milliseconds and no `T`, so a time reads as one unit and does not wrap mid-token.
 */
export function formatTime(at: number | string | Date): string {
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
