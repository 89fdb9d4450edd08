import { describe, expect, it } from 'vitest';
import { parseFreezeWindow, windowState, type FreezeWindow } from '../../src/gate/freeze.js';
import { canonicalZone, wallClock, zonedInstant } from '../../src/gate/zone.js';

const parse = (text: string): FreezeWindow => {
  const r = parseFreezeWindow(text);
  if (!r.ok) throw new Error(`${text}: ${r.problems.join('; ')}`);
  return r.window;
};
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z'));

describe('parseFreezeWindow: accepted forms', () => {
  const D = 1440;
  it.each([
    ['Sun 02:00-04:00 UTC', 'UTC', [[120, 240]]],
    ['sun 2:00 - 4:00 utc', 'UTC', [[120, 240]]],
    ['Sunday 02:00-04:00', 'UTC', [[120, 240]]],
    ['Sun 23:00-01:00', 'UTC', [[1380, 1500]]],
    ['Sun 00:00-24:00 Europe/Vilnius', 'Europe/Vilnius', [[0, 1440]]],
    ['Sat 22:00-Mon 06:00 UTC', 'UTC', [[6 * D + 1320, 7 * D + D + 360]]],
    ['Sat 22:00-Sat 21:00 UTC', 'UTC', [[6 * D + 1320, 13 * D + 1260]]],
    [
      'Fri-Mon 12:00-13:00 europe/berlin',
      'Europe/Berlin',
      [
        [0 * D + 720, 0 * D + 780],
        [1 * D + 720, 1 * D + 780],
        [5 * D + 720, 5 * D + 780],
        [6 * D + 720, 6 * D + 780],
      ],
    ],
    [
      'Sat,Sun 10:00-11:00',
      'UTC',
      [
        [0 * D + 600, 0 * D + 660],
        [6 * D + 600, 6 * D + 660],
      ],
    ],
    ['02:00-04:00 America/New_York', 'America/New_York', [0, 1, 2, 3, 4, 5, 6].map((d) => [d * D + 120, d * D + 240])],
  ])('%s', (text, zone, spans) => {
    const w = parse(text);
    expect(w.kind).toBe('weekly');
    expect(w.zone).toBe(zone);
    expect(w.kind === 'weekly' && w.spans.map((s) => [s.from, s.to])).toEqual(spans);
  });

  it('a window between dates is two instants in its zone', () => {
    const w = parse('2024-12-24 00:00-2025-01-02 08:00 Europe/Vilnius');
    expect(w.kind === 'dates' && [iso(w.from), iso(w.to)]).toEqual(['2024-12-23T22:00:00Z', '2025-01-02T06:00:00Z']);
  });
});

describe('parseFreezeWindow: refused forms, every problem said', () => {
  it.each([
    ['Someday 25:00-26:00', ['unknown day "Someday"', '"25:00" is not a time of day', '"26:00" is not a time of day']],
    ['Sun 02:00-04:00 Mars/Olympus', ['unknown time zone "Mars/Olympus"']],
    ['Sun 02:00-04:00 CET', ['unknown time zone "CET"', 'abbreviations']],
    ['Sun 02:00-04:00 EST', ['unknown time zone "EST"']],
    ['Sun 2am-4am', ['expected a range of times']],
    ['freeze all weekend', ['expected a range of times']],
    ['Sun 02:00-04:00 UTC please', ['unexpected "please"']],
    ['Sun 02:00-', ['no end time']],
    ['Sun 24:00-02:00', ['"24:00" is not a time of day (00:00 to 23:59)']],
    ['Sun 02:60-04:00', ['"02:60" is not a time of day']],
    ['Sun 02:00-02:00', ['the same time']],
    ['Sat 22:00-Sat 22:00', ['the same time']],
    ['Mon-Fri 22:00-Sat 06:00', ['starts on one day']],
    ['22:00-Mon 06:00', ['needs a start day']],
    ['Sat 22:00-Moonday 06:00', ['unknown day "Moonday"']],
    ['2024-12-24 00:00-08:00', ['a date at both ends']],
    ['2024-02-30 00:00-2024-03-02 00:00', ['"2024-02-30" is not a date']],
    ['2024-03-02 00:00-2024-03-01 00:00', ['the end is not after the start']],
  ])('%s', (text, expected) => {
    const r = parseFreezeWindow(text);
    expect(r.ok).toBe(false);
    const said = r.ok ? '' : r.problems.join('; ');
    for (const part of expected) expect(said).toContain(part);
  });

  it('says the problems in reading order', () => {
    const r = parseFreezeWindow('Someday 25:00-26:00');
    expect(r.ok ? [] : r.problems.map((p) => p.slice(0, 20))).toEqual([
      'unknown day "Someday',
      '"25:00" is not a tim',
      '"26:00" is not a tim',
    ]);
  });
});

// Instant -> [active, endsAt] (or [false, startsAt]) for each window: tables of the wall-clock rule.
type Row = [string, boolean, string | undefined];
const table = (text: string, rows: Row[]) =>
  describe(text, () => {
    const w = parse(text);
    it.each(rows)('at %s: active %s, until/next %s', (now, active, edge) => {
      const s = windowState(w, at(now));
      expect(s.active).toBe(active);
      expect(iso(active ? s.endsAt : s.startsAt)).toBe(edge);
    });
  });

describe('windowState', () => {
  table('Sun 02:00-04:00 UTC', [
    ['2024-03-30T12:00:00Z', false, '2024-03-31T02:00:00Z'],
    ['2024-03-31T01:59:59Z', false, '2024-03-31T02:00:00Z'],
    ['2024-03-31T02:00:00Z', true, '2024-03-31T04:00:00Z'],
    ['2024-03-31T03:59:59Z', true, '2024-03-31T04:00:00Z'],
    ['2024-03-31T04:00:00Z', false, '2024-04-07T02:00:00Z'],
  ]);

  // Vilnius: clocks go 03:00 EET -> 04:00 EEST on 2024-03-31 (01:00 UTC): the window lasts one hour.
  table('Sun 02:00-04:00 Europe/Vilnius', [
    ['2024-03-30T23:59:00Z', false, '2024-03-31T00:00:00Z'],
    ['2024-03-31T00:00:00Z', true, '2024-03-31T01:00:00Z'],
    ['2024-03-31T00:59:00Z', true, '2024-03-31T01:00:00Z'],
    ['2024-03-31T01:00:00Z', false, '2024-04-06T23:00:00Z'],
    // ...and 04:00 EEST -> 03:00 EET on 2024-10-27 (01:00 UTC): 03:00-04:00 happens twice, three hours.
    ['2024-10-26T22:59:00Z', false, '2024-10-26T23:00:00Z'],
    ['2024-10-26T23:00:00Z', true, '2024-10-27T02:00:00Z'],
    ['2024-10-27T00:30:00Z', true, '2024-10-27T02:00:00Z'],
    ['2024-10-27T01:30:00Z', true, '2024-10-27T02:00:00Z'],
    ['2024-10-27T02:00:00Z', false, '2024-11-03T00:00:00Z'],
  ]);

  // Across midnight and the week's end.
  table('Sat 22:00-Mon 06:00 UTC', [
    ['2024-03-30T21:59:00Z', false, '2024-03-30T22:00:00Z'],
    ['2024-03-30T22:00:00Z', true, '2024-04-01T06:00:00Z'],
    ['2024-03-31T12:00:00Z', true, '2024-04-01T06:00:00Z'],
    ['2024-04-01T05:59:00Z', true, '2024-04-01T06:00:00Z'],
    ['2024-04-01T06:00:00Z', false, '2024-04-06T22:00:00Z'],
    ['2024-04-03T12:00:00Z', false, '2024-04-06T22:00:00Z'],
  ]);

  // The same weekend in Vilnius, where it starts in winter time and ends in summer time.
  table('Sat 22:00-Mon 06:00 Europe/Vilnius', [
    ['2024-03-30T19:59:00Z', false, '2024-03-30T20:00:00Z'],
    ['2024-03-30T20:00:00Z', true, '2024-04-01T03:00:00Z'],
    ['2024-03-31T12:00:00Z', true, '2024-04-01T03:00:00Z'],
    ['2024-04-01T02:59:00Z', true, '2024-04-01T03:00:00Z'],
    ['2024-04-01T03:00:00Z', false, '2024-04-06T19:00:00Z'],
  ]);

  // Sunday 23:00 to Monday 01:00: a window over midnight and over the week's end.
  table('Sun 23:00-01:00', [
    ['2024-03-31T22:59:00Z', false, '2024-03-31T23:00:00Z'],
    ['2024-03-31T23:30:00Z', true, '2024-04-01T01:00:00Z'],
    ['2024-04-01T00:30:00Z', true, '2024-04-01T01:00:00Z'],
    ['2024-04-01T01:00:00Z', false, '2024-04-07T23:00:00Z'],
    ['2024-03-30T23:30:00Z', false, '2024-03-31T23:00:00Z'],
  ]);

  // New York: 2024-11-03 02:00 EDT -> 01:00 EST; the window over that midnight ends at 01:00 EDT.
  table('Sat 23:00-01:00 America/New_York', [
    ['2024-11-03T03:00:00Z', true, '2024-11-03T05:00:00Z'],
    ['2024-11-03T05:00:00Z', false, '2024-11-10T04:00:00Z'],
    ['2024-11-03T05:30:00Z', false, '2024-11-10T04:00:00Z'],
  ]);

  // Evenings of working days, in Berlin: Friday evening runs into Saturday morning; Sunday has none.
  table('Mon-Fri 18:00-08:00 Europe/Berlin', [
    ['2024-06-07T17:00:00Z', true, '2024-06-08T06:00:00Z'],
    ['2024-06-08T05:59:00Z', true, '2024-06-08T06:00:00Z'],
    ['2024-06-08T06:00:00Z', false, '2024-06-10T16:00:00Z'],
    ['2024-06-10T05:00:00Z', false, '2024-06-10T16:00:00Z'],
    ['2024-06-11T05:00:00Z', true, '2024-06-11T06:00:00Z'],
  ]);

  // A window that lies wholly in the hour Vilnius skips does not happen that day.
  table('Sun 03:00-03:45 Europe/Vilnius', [
    ['2024-03-31T01:10:00Z', false, '2024-04-07T00:00:00Z'],
    ['2024-04-07T00:10:00Z', true, '2024-04-07T00:45:00Z'],
  ]);

  table('2024-12-24 00:00-2025-01-02 08:00 Europe/Vilnius', [
    ['2024-12-20T00:00:00Z', false, '2024-12-23T22:00:00Z'],
    ['2024-12-23T22:00:00Z', true, '2025-01-02T06:00:00Z'],
    ['2025-01-02T06:00:00Z', false, undefined],
  ]);
});

describe('zone', () => {
  it.each([
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    ['GMT', 'UTC'],
    ['europe/vilnius', 'Europe/Vilnius'],
    ['America/New_York', 'America/New_York'],
    ['Mars/Olympus', undefined],
    ['CET', undefined],
    ['EST', undefined],
    ['+02:00', undefined],
  ])('canonicalZone(%s) = %s', (name, expected) => expect(canonicalZone(name)).toBe(expected));

  it.each([
    // [local wall time in Vilnius, instant]: ordinary, the skipped hour (moved forward), the repeated hour (first)
    [[2024, 1, 15, 12, 0], '2024-01-15T10:00:00Z'],
    [[2024, 7, 15, 12, 0], '2024-07-15T09:00:00Z'],
    [[2024, 3, 31, 3, 30], '2024-03-31T01:30:00Z'],
    [[2024, 10, 27, 3, 30], '2024-10-27T00:30:00Z'],
  ] as [[number, number, number, number, number], string][])('zonedInstant(%j, Europe/Vilnius) = %s', (wall, expected) => {
    expect(iso(zonedInstant(...wall, 'Europe/Vilnius'))).toBe(expected);
  });

  it('wallClock reads the weekday and hour in the zone', () => {
    expect(wallClock(at('2024-03-30T22:30:00Z'), 'Europe/Vilnius')).toMatchObject({ weekday: 0, hour: 0, minute: 30, day: 31 });
    expect(wallClock(at('2024-03-30T22:30:00Z'), 'UTC')).toMatchObject({ weekday: 6, hour: 22 });
  });
});
