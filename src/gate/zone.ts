/**
 * Wall-clock time in IANA time zones through `Intl` (no time zone library): what a clock in
 * `Europe/Vilnius` shows at an instant, and which instant a wall-clock time there is.
 */
import { formatTime } from '../core/time-format.js';

/** A wall-clock reading: month 1-12, weekday 0 = Sunday. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * The canonical name of an IANA time zone (`Europe/Vilnius`, `UTC`), or undefined when `Intl` does
 * not know it or it is an abbreviation: `EST` or `CET` are fixed or borrowed zones in the time zone
 * database whose daylight-saving behaviour surprises (ICU resolves `EST` to America/Panama).
 */
export function canonicalZone(name: string): string | undefined {
  if (!/^(utc|gmt)$/i.test(name) && !name.includes('/')) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** What a clock in `zone` shows at `instant` (ms since the epoch). */
export function wallClock(instant: number, zone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return { year, month, day, hour, minute, second, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() };
}

/** The zone's offset from UTC at `instant`, in ms (Vilnius in summer: +3 h). */
export function offsetAt(instant: number, zone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  const w = wallClock(whole, zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole;
}

/**
 * The instant at which a clock in `zone` shows this wall-clock time. A time that occurs twice
 * (the hour repeated when daylight saving ends) is its first occurrence; a time that does not
 * occur (skipped when it starts) is moved forward by the gap, as a clock that was not changed
 * would read it (03:30 in a 03:00 -> 04:00 jump is 04:30).
 */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, zone: string): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const DAY = 86_400_000;
  const candidates = [asUtc - offsetAt(asUtc - DAY, zone), asUtc - offsetAt(asUtc + DAY, zone)].sort((a, b) => a - b);
  const matches = candidates.filter((t) => {
    const w = wallClock(t, zone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) === asUtc;
  });
  return matches[0] ?? asUtc - offsetAt(asUtc - DAY, zone);
}

/** `2024-03-31 04:00 Europe/Vilnius (2024-03-31 01:00:00 UTC)`: an instant as people in the window's zone read it. */
export function describeInstant(instant: number, zone: string): string {
  const w = wallClock(instant, zone);
  const two = (n: number) => String(n).padStart(2, '0');
  const local = `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}`;
  if (zone === 'UTC') return formatTime(instant);
  return `${local} ${zone} (${formatTime(instant)})`;
}
