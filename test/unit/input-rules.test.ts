import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isBuildVersion, buildArgsField, globsField, platformsField, versionField as buildVersionField } from '../../src/build/inputs.js';
import { stepsField } from '../../src/canary/steps.js';
import { isVersion, versionField } from '../../src/core/common-fields.js';
import * as f from '../../src/core/fields.js';
import { driverFields, isKubernetesName } from '../../src/drivers/fields.js';
import { checkKubernetesSettings } from '../../src/drivers/kubernetes/settings.js';
import { freezeField, requireSuccessfulField } from '../../src/gate/fields.js';
import { sarifPatternsField } from '../../src/scan/sarif-input.js';

const parse = <T>(field: f.Field<T>, value: unknown) => field.schema.safeParse(value);
const value = <T>(field: f.Field<T>, input: unknown): T => {
  const result = parse(field, input);
  if (!result.success) throw new Error(`refused: ${z.prettifyError(result.error)}`);
  return result.data;
};
const problem = (field: f.Field<unknown>, input: unknown) => {
  const result = parse(field, input);
  return result.success ? undefined : { message: result.error.issues[0]!.message, path: result.error.issues[0]!.path };
};

// One list grammar (core/fields.ts listItems) behind every list input; what each list accepted
// before is accepted still.
describe('the one list grammar', () => {
  it.each([
    // text: one a line, or comma-separated; blanks are layout
    ['a', {}, ['a']],
    ['a, b,c\n\n d', {}, ['a', 'b', 'c', 'd']],
    ['a\r\nb', {}, ['a', 'b']],
    ['a,,b', {}, ['a', 'b']],
    ['', {}, []],
    // a comma inside braces never separates (globs)
    ['r/*.{sarif,json},x.sarif', {}, ['r/*.{sarif,json}', 'x.sarif']],
    ['a{b,{c,d}},e', {}, ['a{b,{c,d}}', 'e']],
    // one a line only
    ['A=1,2\nB=3', { commas: false }, ['A=1,2', 'B=3']],
    // comments and none (gate)
    ['# staging\nqa', { comments: true }, ['qa']],
    ['# staging\nqa', {}, ['# staging', 'qa']],
    ['NONE', { none: true }, []],
    ['none', {}, ['none']],
    // YAML lists: entries as they are, scalars as text, blank entries skipped
    [['a', ' b ', 3, true], {}, ['a', 'b', '3', 'true']],
    [['a,b'], {}, ['a,b']],
    [['a', '', null], {}, ['a']],
  ] as const)('%j with %j gives %j', (input, grammar, expected) => {
    const result = f.listItems(input, grammar as f.ListGrammar);
    expect(result.ok && result.items.map((i) => i.text)).toEqual(expected);
  });

  it.each([
    [['a', { b: 1 }], {}, 'each item must be text, not a list or a mapping', [1]],
    [['a', ['b']], {}, 'each item must be text, not a list or a mapping', [1]],
    ['staging,,qa', { refuseEmpty: { what: 'the environments' } }, '"staging,,qa" has an empty entry; name the environments', undefined],
    ['', { refuseEmpty: { what: 'the windows' }, none: true }, 'is empty; name the windows, or write none for no policy', undefined],
    [['staging', null], { refuseEmpty: { what: 'the environments' } }, 'is empty; name the environments', [1]],
  ] as const)('%j with %j is refused: %s', (input, grammar, message, path) => {
    const result = f.listItems(input, grammar as f.ListGrammar);
    expect(result).toEqual({ ok: false, message, ...(path ? { path } : {}) });
  });

  it('every list input splits the same way (commas outside braces, blank lines skipped)', () => {
    expect(value(sarifPatternsField(), 'a.sarif, r/*.{sarif,json}\n\nb/')).toEqual(['a.sarif', 'r/*.{sarif,json}', 'b/']);
    expect(value(platformsField(), 'linux/amd64, linux/arm64\n\nlinux/arm/v7')).toEqual(['linux/amd64', 'linux/arm64', 'linux/arm/v7']);
    expect(value(requireSuccessfulField, 'staging, qa\n# later\nuat')).toEqual(['staging', 'qa', 'uat']);
    expect(value(stepsField(), '10, 50\n\n100')).toEqual([10, 50, 100]);
    expect(value(f.list(), 'x, y\nz')).toEqual(['x', 'y', 'z']);
    // one a line where an item holds commas
    expect(value(globsField(), 'dist/{a,b}/**\nbuild/app.jar')).toEqual(['dist/{a,b}/**', 'build/app.jar']);
    expect(value(buildArgsField(), 'A=1,2\nB=x')).toEqual({ A: '1,2', B: 'x' });
    expect(value(freezeField, 'Sun 02:00-04:00 UTC\n# holidays\n\nSat 01:00-02:00 UTC').length).toBe(2);
  });

  it('what a list accepted before stays accepted (the union where they differed)', () => {
    // sarif took only text entries in a YAML list; a number is a file name like any other now
    expect(value(sarifPatternsField(), ['a.sarif', 2024])).toEqual(['a.sarif', '2024']);
    // a YAML list of platforms may hold comma-separated entries, as its text form may
    expect(value(platformsField(), ['linux/amd64,linux/arm64'])).toEqual(['linux/amd64', 'linux/arm64']);
    // canary steps skip a blank YAML entry as they skip a blank line; the place of a bad step is its place in the list
    expect(value(stepsField(), [10, '', 100])).toEqual([10, 100]);
    expect(problem(stepsField(), [10, '', 'x', 100])?.path).toEqual([2]);
  });

  it('what a list refused before stays refused', () => {
    expect(problem(requireSuccessfulField, 'staging,,qa')?.message).toBe('"staging,,qa" has an empty entry; name the environments');
    expect(problem(requireSuccessfulField, ['staging', ''])?.path).toEqual([1]);
    expect(problem(platformsField(), 'linux/amd64,plan9/x')?.message).toMatch(/^platform "plan9\/x" names an unknown operating system/);
    expect(problem(buildArgsField(), 'A=1\nnot an arg')?.message).toBe('"not an arg" has no "="');
    expect(problem(stepsField(), '')?.message).toBe('no steps given');
  });

  it('list() infers the item type from item()', () => {
    const item = (t: string): f.Parsed<number> => (/^\d+$/.test(t) ? f.ok(Number(t)) : f.bad(`${f.quote(t)} is not a count`));
    const counts: f.Field<number[]> = f.list({ item });
    // @ts-expect-error the items are numbers, not text
    const texts: f.Field<string[]> = f.list({ item });
    expect(value(counts, '1, 2\n3')).toEqual([1, 2, 3]);
    expect(problem(texts, '1,x')).toEqual({ message: '"x" is not a count', path: [1] });
  });
});

// One version rule (core/common-fields.ts); build adds its image-tag rule on top.
describe('the one version rule', () => {
  const accepted = ['1.2.3', 'v1.2.3', 'sha-abc1234', '2024.06.1-hotfix', '1.2.3+build.7', '_nightly', 'A', 'x'.repeat(128)];
  const refused = ['', '.1', '-1', '+1', 'my build', '1.2.3;rm', '1/2', 'é1', 'x'.repeat(129), '$(id)', '1\n2'];
  it.each(accepted)('%j is a version', (v) => {
    expect(isVersion(v)).toBe(true);
    expect(value(versionField(false), v)).toBe(v);
  });
  it.each(refused)('%j is not a version', (v) => {
    expect(isVersion(v)).toBe(false);
    if (v !== '') expect(problem(versionField(false), v)?.message).toMatch(/is not valid$/);
  });

  it.each([
    ['1.2.3', true],
    ['1.2.3+build.7', true],
    ['_nightly', true],
    ['2024.06.1-hotfix', true],
    ['a--b', false], // a tag as written: the tag would read a-b
    ['1.2.3-', false],
    ['1.2.', false],
    ['-1.0', false],
    ['my build', false],
  ])('build: %j as a version %s', (v, ok) => {
    expect(isBuildVersion(v)).toBe(ok);
    expect(parse(buildVersionField(), v).success).toBe(ok);
  });

  it('every version build makes is one deploy, canary, rollback and gate take', () => {
    for (const v of [...accepted, 'a--b', '1.2.3-', '_x', '9_9', 'A.B-C+D']) if (isBuildVersion(v)) expect(isVersion(v)).toBe(true);
    // before, build took a leading "_" that deploy refused
    expect(isBuildVersion('_nightly') && isVersion('_nightly')).toBe(true);
  });
});

// One Kubernetes-name rule (drivers/fields.ts): the inputs and the kubernetes driver agree.
describe('the one Kubernetes-name rule', () => {
  const cases: Array<[string, 'label' | 'subdomain', boolean]> = [
    ['web', 'label', true],
    ['web-2', 'label', true],
    ['a'.repeat(63), 'label', true],
    ['a'.repeat(64), 'label', false],
    ['web.prod', 'label', false],
    ['Web', 'label', false],
    ['-web', 'label', false],
    ['web-', 'label', false],
    ['--all', 'label', false],
    ['', 'label', false],
    ['web.prod', 'subdomain', true],
    ['web-canary', 'subdomain', true],
    [`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`, 'subdomain', true],
    [`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`, 'subdomain', false],
    ['web..prod', 'subdomain', false],
    ['web.-prod', 'subdomain', false],
    ['web_prod', 'subdomain', false],
    ['web.', 'subdomain', false],
  ];
  it.each(cases)('%j as a %s: %s', (name, kind, ok) => {
    expect(isKubernetesName(name, kind)).toBe(ok);
    const input = kind === 'label' ? 'namespace' : 'deployment';
    if (name !== '') expect(parse(driverFields[input], name).success).toBe(ok);
    const settings = kind === 'label' ? { deployment: 'web', namespace: name } : { deployment: name };
    if (ok) expect(() => checkKubernetesSettings(settings)).not.toThrow();
    else expect(() => checkKubernetesSettings(settings)).toThrow(`Input "${input}": ${input} "${name}" is not a Kubernetes name.`);
  });

  it('the input refuses what the driver would refuse, naming the accepted form', () => {
    expect(driverFields.container.form).toBe('a Kubernetes name: lower-case letters, digits and "-", at most 63 characters');
    expect(driverFields.ingress.form).toBe('a Kubernetes name: lower-case letters, digits and "-", ".", at most 253 characters');
    // before, the inputs took a dot in a namespace or a container, which the driver then refused
    expect(parse(driverFields.namespace, 'prod.eu').success).toBe(false);
    expect(parse(driverFields.container, 'app.v2').success).toBe(false);
  });
});
