import { canonicalZone, wallClock, zonedInstant } from './zone.js';

/**
 * Freeze windows: times in which deploys are refused. Written one a line, in the wall-clock time of
 * a time zone, so `Sun 02:00-04:00 Europe/Vilnius` follows Vilnius through daylight-saving changes:
 *
 *   Sun 02:00-04:00 UTC                  one day, a time range
 *   Sun 23:00-01:00                      an end before the start is the next day (zone: UTC)
 *   Sat 22:00-Mon 06:00 Europe/Vilnius   from a day and time to a day and time, across the week's end
 *   Mon-Fri 18:00-08:00 Europe/Berlin    several days (`Mon-Fri`, `Sat,Sun`): a window on each
 *   02:00-04:00 UTC                      no day: every day
 *   2024-12-24 00:00-2025-01-02 08:00 Europe/Vilnius   once, between two dates
 */
export const FREEZE_FORM =
  'windows one a line: [days] HH:MM-[day] HH:MM [IANA time zone, default UTC] ' +
  '(Sun 02:00-04:00 UTC, Sat 22:00-Mon 06:00 Europe/Vilnius, Mon-Fri 18:00-08:00 America/New_York, ' +
  '2024-12-24 00:00-2025-01-02 08:00 UTC), or none';

const WEEK = 7 * 1440;
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const FULL_DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Minutes from Sunday 00:00 of the window's local week; `to` may pass the week's end (> 10080). */
export interface WeeklySpan {
  from: number;
  to: number;
}

export type FreezeWindow =
  | { kind: 'weekly'; text: string; zone: string; spans: WeeklySpan[] }
  | { kind: 'dates'; text: string; zone: string; from: number; to: number };

export type ParseResult = { ok: true; window: FreezeWindow } | { ok: false; problems: string[] };

function parseDay(token: string): number | undefined {
  const t = token.toLowerCase();
  const i = DAY_NAMES.indexOf(t);
  return i >= 0 ? i : FULL_DAY_NAMES.indexOf(t) >= 0 ? FULL_DAY_NAMES.indexOf(t) : undefined;
}

/** `Mon`, `Mon-Fri`, `Sat,Sun`, `Fri-Mon` (wrapping the week's end). */
function parseDays(token: string, problems: string[]): number[] {
  const days = new Set<number>();
  for (const part of token.split(',')) {
    const [a, b, ...rest] = part.split('-');
    const first = parseDay(a ?? '');
    const last = b === undefined ? first : parseDay(b);
    if (first === undefined || last === undefined || rest.length > 0) {
      problems.push(`unknown day ${JSON.stringify(part)} (Mon, Tue, Wed, Thu, Fri, Sat, Sun, or a range like Mon-Fri)`);
      continue;
    }
    for (let d = first; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === last) break;
    }
  }
  return [...days].sort();
}

/** `HH:MM` -> minutes of the day; `24:00` only as an end. */
function parseTime(token: string, isEnd: boolean, problems: string[]): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(token);
  const hours = m ? Number(m[1]) : NaN;
  const minutes = m ? Number(m[2]) : NaN;
  const valid = m && minutes < 60 && (hours < 24 || (isEnd && hours === 24 && minutes === 0));
  if (!valid) {
    problems.push(`${JSON.stringify(token)} is not a time of day (00:00 to 23:59${isEnd ? ', or 24:00 as an end' : ''})`);
    return undefined;
  }
  return hours * 60 + minutes;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(token: string, problems: string[]): [number, number, number] | undefined {
  const m = DATE.exec(token);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    problems.push(`${JSON.stringify(token)} is not a date`);
    return undefined;
  }
  return [y, mo, d];
}

function parseZone(token: string | undefined, problems: string[]): string | undefined {
  if (token === undefined) return 'UTC';
  const zone = canonicalZone(token);
  if (zone === undefined)
    problems.push(
      `unknown time zone ${JSON.stringify(token)} (an IANA name like Europe/Vilnius, ` +
        `America/New_York or UTC; abbreviations like CET are not accepted)`,
    );
  return zone;
}

/** Parses one window; says every problem of the line at once. */
export function parseFreezeWindow(text: string): ParseResult {
  const line = text.trim();
  const problems: string[] = [];
  // Split at the range's dash: the first `-` that follows a time (dates and day ranges have dashes too).
  const range = /^(.*?\d:\d{2})\s*-\s*(.*)$/.exec(line);
  if (!range) return { ok: false, problems: ['expected a range of times like "Sun 02:00-04:00 UTC"'] };
  const left = range[1]!.split(/\s+/);
  const right = range[2]!.split(/\s+/).filter((t) => t !== '');
  if (left.length > 2) problems.push(`unexpected ${JSON.stringify(left.slice(0, -2).join(' '))} before the start`);

  const startHead = left.length >= 2 ? left.at(-2)! : undefined;
  const startTimeToken = left.at(-1)!;
  // The end: [day or date] HH:MM [zone]
  let endHead: string | undefined;
  let endTimeToken: string | undefined;
  let zoneToken: string | undefined;
  if (right.length > 0 && /^\d{1,2}:\d{2}$/.test(right[0]!)) [endTimeToken, zoneToken] = [right[0], right[1]];
  else [endHead, endTimeToken, zoneToken] = [right[0], right[1], right[2]];
  const extra = right.slice(endHead === undefined ? 2 : 3);
  if (extra.length > 0) problems.push(`unexpected ${JSON.stringify(extra.join(' '))} after the time zone`);
  const endTime = () =>
    endTimeToken === undefined ? (problems.push('the range has no end time'), undefined) : parseTime(endTimeToken, true, problems);

  if ((startHead !== undefined && DATE.test(startHead)) || (endHead !== undefined && DATE.test(endHead))) {
    if (startHead === undefined || endHead === undefined || !DATE.test(startHead) || !DATE.test(endHead)) {
      problems.push('a window between dates needs a date at both ends (2024-12-24 00:00-2025-01-02 08:00)');
      return { ok: false, problems };
    }
    const from = parseDate(startHead, problems);
    const fromTime = parseTime(startTimeToken, false, problems);
    const to = parseDate(endHead, problems);
    const toTime = endTime();
    const zone = parseZone(zoneToken, problems);
    if (problems.length > 0 || !from || !to || fromTime === undefined || toTime === undefined || !zone) return { ok: false, problems };
    const fromAt = zonedInstant(...from, Math.floor(fromTime / 60), fromTime % 60, zone);
    const toAt = zonedInstant(...to, Math.floor(toTime / 60), toTime % 60, zone);
    if (toAt <= fromAt) return { ok: false, problems: ['the end is not after the start'] };
    return { ok: true, window: { kind: 'dates', text: line, zone, from: fromAt, to: toAt } };
  }

  const startDays = startHead === undefined ? [0, 1, 2, 3, 4, 5, 6] : parseDays(startHead, problems);
  const startTime = parseTime(startTimeToken, false, problems);
  const endDay = endHead === undefined ? undefined : parseDay(endHead);
  if (endHead !== undefined && endDay === undefined)
    problems.push(`unknown day ${JSON.stringify(endHead)} (Mon, Tue, Wed, Thu, Fri, Sat, Sun)`);
  if (endHead !== undefined && startHead !== undefined && startDays.length > 1)
    problems.push('a window ending on a named day starts on one day (Sat 22:00-Mon 06:00), not several');
  if (endHead !== undefined && startHead === undefined) problems.push('a window ending on a named day needs a start day too');
  const stopTime = endTime();
  const zone = parseZone(zoneToken, problems);
  if (problems.length > 0 || startTime === undefined || stopTime === undefined || !zone) return { ok: false, problems };

  const spans = startDays.map((day): WeeklySpan => {
    const from = day * 1440 + startTime;
    let to = (endDay ?? day) * 1440 + stopTime;
    if (to < from || (to === from && endDay !== undefined)) to += endDay === undefined ? 1440 : WEEK;
    return { from, to };
  });
  if (spans.some((s) => s.to === s.from || s.to - s.from >= WEEK))
    return { ok: false, problems: ['the start and the end are the same time; for a whole day write 00:00-24:00'] };
  return { ok: true, window: { kind: 'weekly', text: line, zone, spans } };
}

/** Where an instant stands against one window. */
export interface WindowState {
  window: FreezeWindow;
  active: boolean;
  /** When the window (the occurrence that holds now) ends, if active. */
  endsAt?: number;
  /** When it next begins, if not active (never, for a window between dates that has passed). */
  startsAt?: number;
}

/** A wall-clock reading in `zone` moved by `minutes` of wall-clock time, back to an instant. */
function wallPlus(now: number, zone: string, minutes: number): number {
  const w = wallClock(now, zone);
  const t = new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute + minutes));
  return zonedInstant(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), zone);
}

/**
 * Is `now` inside the window? Weekly windows compare the wall clock of their zone, minute by
 * minute: 02:00 is in `Sun 02:00-04:00`, 04:00 is not; on the night clocks go forward the window is
 * an hour shorter, on the night they go back an hour longer, as its wall-clock times say.
 */
export function windowState(window: FreezeWindow, now: number): WindowState {
  if (window.kind === 'dates') {
    const active = now >= window.from && now < window.to;
    return { window, active, endsAt: active ? window.to : undefined, startsAt: now < window.from ? window.from : undefined };
  }
  const w = wallClock(now, window.zone);
  const minute = w.weekday * 1440 + w.hour * 60 + w.minute;
  let best: WindowState = { window, active: false };
  let soonest = Infinity;
  for (const span of window.spans) {
    for (const m of [minute, minute + WEEK]) {
      if (m >= span.from && m < span.to) {
        const endsAt = wallPlus(now, window.zone, span.to - m);
        if (!best.active || endsAt > best.endsAt!) best = { window, active: true, endsAt };
      }
    }
    const until = (((span.from - minute) % WEEK) + WEEK) % WEEK;
    if (!best.active && until < soonest) soonest = until;
  }
  if (!best.active && soonest !== Infinity) best.startsAt = wallPlus(now, window.zone, soonest);
  return best;
}
