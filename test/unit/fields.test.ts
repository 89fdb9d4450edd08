import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatDuration, parseDuration } from '../../src/core/duration.js';
import * as f from '../../src/core/fields.js';
import { readSettings } from '../../src/core/inputs.js';
import { InputError } from '../../src/core/errors.js';

const parse = <T>(field: f.Field<T>, value: unknown) => field.schema.safeParse(value);

describe('durations', () => {
  it.each([
    ['250ms', 250],
    ['10s', 10_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1.5s', 1_500],
    [' 2s ', 2_000],
  ])('%s -> %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));
  it.each(['soon', '10', '-5m', '5 m', '1d', '', 'ms'])('%j is not a duration', (text) => expect(parseDuration(text)).toBeUndefined());
  it.each([
    [250, '250ms'],
    [10_000, '10s'],
    [300_000, '5m'],
    [7_200_000, '2h'],
    [1_500, '1500ms'],
  ])('formats %d as %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('field parsers', () => {
  it('booleans accept only true and false', () => {
    expect(parse(f.bool(), 'true').data).toBe(true);
    expect(parse(f.bool(), 'false').data).toBe(false);
    expect(parse(f.bool(), true).data).toBe(true);
    for (const bad of ['yes', 'True', '1', 'on', '']) expect(parse(f.bool(), bad).success, bad).toBe(false);
  });
  it('numbers honour ranges and integers', () => {
    const n = f.int({ min: 1, max: 10 });
    expect(parse(n, '3').data).toBe(3);
    expect(parse(n, 7).data).toBe(7);
    expect(parse(n, '0').success).toBe(false);
    expect(parse(n, '11').success).toBe(false);
    expect(parse(n, '2.5').success).toBe(false);
    expect(parse(n, 'three').success).toBe(false);
    expect(parse(f.number({ min: 0, max: 1 }), '0.05').data).toBe(0.05);
    expect(n.form).toBe('a whole number from 1 to 10');
  });
  it('durations with bounds', () => {
    const d = f.duration({ min: 1 });
    expect(parse(d, '10s').data).toBe(10_000);
    expect(parse(d, '0ms').success).toBe(false);
    expect(parse(d, 'soon').error?.issues[0]?.message).toBe('"soon" is not a duration');
  });
  it('lists split lines and commas, keep item paths', () => {
    const item = (t: string): f.Parsed<number> => (/^\d+$/.test(t) ? f.ok(Number(t)) : f.bad(`${t} is not a number`));
    const l = f.list<number, { item: typeof item }>({ item });
    expect(parse(l, '10, 25,50\n100').data).toEqual([10, 25, 50, 100]);
    expect(parse(l, [1, 2]).data).toEqual([1, 2]);
    const bad = parse(l, '1,x,3');
    expect(bad.error?.issues[0]?.path).toEqual([1]);
  });
  it('enums and urls', () => {
    expect(parse(f.oneOf(['a', 'b'] as const), 'b').data).toBe('b');
    expect(parse(f.oneOf(['a', 'b'] as const), 'c').success).toBe(false);
    expect(parse(f.url(), 'https://example.com/x').data).toBe('https://example.com/x');
    expect(parse(f.url(), 'localhost:9090').success).toBe(false);
    expect(parse(f.url(), 'ftp://x').success).toBe(false);
  });
  it('structured values from YAML, JSON, a file, or native config values', () => {
    const field = f.structured(z.array(z.object({ name: z.string() }).strict()), { form: 'a list' });
    expect(parse(field, '[{"name": "a"}]').data).toEqual([{ name: 'a' }]);
    expect(parse(field, '- name: b\n').data).toEqual([{ name: 'b' }]);
    expect(parse(field, [{ name: 'c' }]).data).toEqual([{ name: 'c' }]);
    const dir = mkdtempSync(join(tmpdir(), 'fields-'));
    writeFileSync(join(dir, 'x.yml'), '- name: file\n');
    expect(parse(field, join(dir, 'x.yml')).data).toEqual([{ name: 'file' }]);
    expect(parse(field, '[{name: a, extra: 1}]').error?.issues[0]?.path).toEqual([0]);
    expect(parse(field, '- name: [unclosed').success).toBe(false);
  });
});

describe('readSettings', () => {
  const weight = (t: string): f.Parsed<number> => (/^\d+$/.test(t) ? f.ok(Number(t)) : f.bad(`"${t}" is not a weight`));
  const fields = {
    environment: f.string(),
    steps: f.list<number, { item: typeof weight; form: string }>({ item: weight, form: 'weights' }),
    timeout: f.duration({ default: 5_000 }),
    'dry-run': f.bool({ default: false }),
    url: f.url({ required: true }),
    config: f.string({ configurable: false }),
  };
  const source = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? '';

  it('types and camel-cases the settings, with defaults', () => {
    const s = readSettings(fields, { action: 'canary', source: source({ url: 'http://x', steps: '1,2' }) });
    expect(s).toEqual({ environment: undefined, steps: [1, 2], timeout: 5_000, dryRun: false, url: 'http://x', config: undefined });
  });
  it('names a missing required input', () => {
    expect(() => readSettings(fields, { action: 'canary', source: source({}) })).toThrow(
      new InputError('url', 'Input "url" is required. Accepted: an absolute http or https URL (http://host[:port][/path]).'),
    );
  });
  it('config values apply per environment and action; inputs win; errors name the config path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    mkdirSync(join(dir, '.github'));
    writeFileSync(
      join(dir, '.github', 'shipline.yml'),
      'defaults:\n  timeout: 1m\n  url: http://default\nenvironments:\n  production:\n    timeout: 2m\n    canary:\n      steps: [10, 50, 100]\n  broken:\n    canary:\n      steps: [10, x, 100]\n',
    );
    const prod = readSettings(fields, {
      action: 'canary',
      cwd: dir,
      environmentInput: 'environment',
      source: source({ environment: 'production' }),
    });
    expect(prod.steps).toEqual([10, 50, 100]);
    expect(prod.timeout).toBe(120_000);
    expect(prod.url).toBe('http://default');
    const staging = readSettings(fields, {
      action: 'canary',
      cwd: dir,
      environmentInput: 'environment',
      source: source({ environment: 'staging', timeout: '3s' }),
    });
    expect(staging.timeout).toBe(3_000);
    expect(staging.steps).toBeUndefined();
    expect(() =>
      readSettings(fields, { action: 'canary', cwd: dir, environmentInput: 'environment', source: source({ environment: 'broken' }) }),
    ).toThrow('Config .github/shipline.yml, environments.broken.canary.steps[1]: "x" is not a weight. Accepted: weights.');
  });
  it('refuses a config file with an unknown top-level key or bad YAML', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(join(dir, 'a.yml'), 'enviroments: {}\n');
    writeFileSync(join(dir, 'b.yml'), 'defaults: [\n');
    expect(() => readSettings(fields, { action: 'x', cwd: dir, source: source({ config: 'a.yml', url: 'http://x' }) })).toThrow(
      /unknown key "enviroments"/,
    );
    expect(() => readSettings(fields, { action: 'x', cwd: dir, source: source({ config: 'b.yml', url: 'http://x' }) })).toThrow(
      /Config b.yml: not valid YAML/,
    );
    expect(() => readSettings(fields, { action: 'x', cwd: dir, source: source({ config: 'nope.yml', url: 'http://x' }) })).toThrow(
      /Input "config": the file "nope.yml" does not exist/,
    );
  });
});

describe('one-line text, secrets and URLs refuse line breaks', () => {
  it('a line field refuses a line break without quoting it', () => {
    const field = f.string({ line: true });
    expect(field.form).toBe('one line of text');
    expect(parse(field, 'Payment outage INC-42: fix now')).toMatchObject({ success: true, data: 'Payment outage INC-42: fix now' });
    for (const text of ['fix\n::error::owned', 'fix\r::add-mask::the', 'fix\u2028::set-output name=x::y']) {
      const result = parse(field, text);
      expect(result.success).toBe(false);
      expect(result.error!.issues[0]!.message).toBe('has a line break or another control character');
    }
  });
  it('a secret one-line field is refused without its value in the message', () => {
    const field = f.string({ secret: true, line: true, form: 'a token' });
    const result = parse(field, 'tok-first\ntok-second');
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('has a line break or another control character (the value is not shown)');
  });
  it('a URL with a line break is refused (the URL parser would drop it, the text would be printed)', () => {
    const result = parse(f.url(), 'https://shop.example/\n::error::owned');
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('has a line break or another control character');
  });
  it('readSettings names the input and the accepted form', () => {
    const fields = { reason: f.string({ line: true }) };
    expect(() => readSettings(fields, { action: 'rollback', source: () => 'bad deploy\n::error::owned' })).toThrow(
      new InputError('reason', 'Input "reason": has a line break or another control character. Accepted: one line of text.'),
    );
  });
});
