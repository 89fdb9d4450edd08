import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../src/core/inputs.js';
import { fixedClock } from '../../src/core/clock.js';
import { fields } from '../../src/gate/action.js';

/** Reads the gate's settings from inputs (and a config file, when given) as the action does. */
function settings(inputs: Record<string, string>, config?: string) {
  const cwd = mkdtempSync(join(tmpdir(), 'gate-inputs-'));
  if (config !== undefined) {
    mkdirSync(join(cwd, '.github'));
    writeFileSync(join(cwd, '.github', 'shipline.yml'), config);
  }
  return readSettings(fields, { action: 'gate', source: (n) => inputs[n] ?? '', environmentInput: 'environment', cwd });
}
const error = (inputs: Record<string, string>, config?: string) => {
  try {
    settings(inputs, config);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('no error');
};

describe('gate inputs', () => {
  it('parses lists, durations and windows', () => {
    const s = settings({
      environment: 'production',
      'require-successful': 'staging, qa\nstaging',
      'min-soak': '90m',
      freeze: 'Sun 02:00-04:00 UTC\n\n# holidays\n2024-12-24 00:00-2025-01-02 08:00 Europe/Vilnius\n',
    });
    expect(s.requireSuccessful).toEqual(['staging', 'qa']);
    expect(s.minSoak).toBe(90 * 60_000);
    expect(s.freeze?.map((w) => w.text)).toEqual(['Sun 02:00-04:00 UTC', '2024-12-24 00:00-2025-01-02 08:00 Europe/Vilnius']);
    expect(s.fail).toBe(true);
  });

  it('takes `none` for no policy, so a workflow can switch off what the config file sets', () => {
    const config = 'environments:\n  production:\n    gate:\n      require-successful: [staging]\n      freeze: ["Sun 02:00-04:00 UTC"]\n';
    expect(settings({ environment: 'production' }, config)).toMatchObject({ requireSuccessful: ['staging'] });
    const s = settings({ environment: 'production', 'require-successful': 'none', freeze: 'NONE' }, config);
    expect(s.requireSuccessful).toEqual([]);
    expect(s.freeze).toEqual([]);
  });

  it('an empty input is no input: the config file value applies', () => {
    const config = 'environments:\n  production:\n    gate:\n      min-soak: 2h\n';
    expect(settings({ environment: 'production', 'min-soak': '  ' }, config).minSoak).toBe(7_200_000);
  });

  it.each([
    [{ freeze: 'Someday 25:00-26:00' }, 'Input "freeze": "Someday 25:00-26:00": unknown day "Someday"'],
    [{ freeze: 'Sun 02:00-04:00 Mars/Olympus' }, 'unknown time zone "Mars/Olympus"'],
    [{ freeze: 'Sun 02:00-04:00 UTC\nSun 02:00-04:00 Mars/Olympus' }, 'Input "freeze": "Sun 02:00-04:00 Mars/Olympus"'],
    [
      { 'min-soak': '1 week' },
      'Input "min-soak": "1 week" is not a duration. Accepted: a number followed by ms, s, m or h (250ms, 10s, 5m, 1h); a day is 24h, a week 168h.',
    ],
    [{ 'require-successful': 'staging,,qa' }, 'Input "require-successful": "staging,,qa" has an empty entry'],
    [{ 'require-successful': 'staging;qa' }, '"staging;qa" is not an environment name'],
    [{ fail: 'no' }, 'Input "fail": "no" is not a boolean'],
    [{ version: 'v 1' }, 'Input "version": "v 1" is not valid'],
  ])('refuses %j with one message', (inputs, message) => {
    expect(error({ environment: 'production', ...inputs })).toContain(message);
  });

  it.each([
    [
      "require-successful: ''",
      'Config .github/shipline.yml, environments.production.gate.require-successful: is empty; name the environments, or write none',
    ],
    ['require-successful: [staging, ""]', 'environments.production.gate.require-successful[1]: is empty'],
    ['require-successful: [staging, null]', 'environments.production.gate.require-successful[1]: is empty'],
    [
      'freeze: ["Sun 02:00-04:00 UTC", "Sun 25:00-26:00"]',
      'environments.production.gate.freeze[1]: "Sun 25:00-26:00": "25:00" is not a time of day',
    ],
    ["freeze: ''", 'environments.production.gate.freeze: is empty; name the windows, or write none'],
    ['min-soak: 1 week', 'environments.production.gate.min-soak: "1 week" is not a duration'],
  ])('refuses the config value %s, naming its path', (line, message) => {
    expect(error({ environment: 'production' }, `environments:\n  production:\n    gate:\n      ${line}\n`)).toContain(message);
  });

  it('reads override-reason only from the workflow, never from the config file', () => {
    const config = 'environments:\n  production:\n    gate:\n      override-reason: always\n';
    expect(settings({ environment: 'production' }, config).overrideReason).toBeUndefined();
  });
});

// The gate's time is the runtime's clock; tests fix it with fixedClock (no SHIPLINE_NOW any more).
describe('fixedClock', () => {
  it.each([
    ['2024-03-31T01:30:00Z', '2024-03-31T01:30:00.000Z'],
    ['2024-03-31T04:30+03:00', '2024-03-31T01:30:00.000Z'],
    ['2024-03-31T01:30:00.250Z', '2024-03-31T01:30:00.250Z'],
  ])('%s is %s', (text, expected) => {
    expect(new Date(fixedClock(text).now()).toISOString()).toBe(expected);
  });
  it('stands still until slept on or set', async () => {
    const clock = fixedClock(1234);
    expect(clock.now()).toBe(1234);
    await clock.sleep(500);
    expect([clock.now(), clock.slept]).toEqual([1734, [500]]);
    clock.set('2024-03-31T01:30:00Z');
    expect(clock.now()).toBe(Date.parse('2024-03-31T01:30:00Z'));
  });
  it('refuses what is not a time', () => expect(() => fixedClock('yesterday')).toThrow(/yesterday is not a time/));
  it('a sleep ends at once when its signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(fixedClock(0).sleep(10, controller.signal)).rejects.toThrow('cancelled');
  });
});
