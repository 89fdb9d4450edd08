import { describe, expect, it } from 'vitest';
import { BuildConfigError } from '../../src/build/errors.js';
import { isOciTag, sanitizeTag } from '../../src/core/oci-tag.js';
import { parseSemverTag, resolveVersion, type ResolvedVersion, type VersionInput } from '../../src/build/version.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const HISTORY = ['v1.0.0', 'v1.4.8', 'v1.5.0', 'v2.0.0', 'v2.1.0-rc.1', 'not-a-version', 'release-7'];

interface Case {
  name: string;
  input: Partial<VersionInput>;
  expected: ResolvedVersion;
}

const cases: Case[] = [
  {
    name: 'first release takes every floating tag',
    input: { ref: 'refs/tags/v1.2.3', existingTags: [] },
    expected: { version: '1.2.3', channel: 'release', tags: ['1.2.3', '1.2', '1', 'latest'] },
  },
  {
    name: 'new highest release',
    input: { ref: 'refs/tags/v2.1.0', existingTags: HISTORY },
    expected: { version: '2.1.0', channel: 'release', tags: ['2.1.0', '2.1', '2', 'latest'] },
  },
  {
    name: 'hotfix of an older major after v2.0.0: no latest, no 2',
    input: { ref: 'refs/tags/v1.4.9', existingTags: HISTORY },
    expected: { version: '1.4.9', channel: 'release', tags: ['1.4.9', '1.4'] },
  },
  {
    name: 'highest of the 1.x line keeps 1 but not latest',
    input: { ref: 'refs/tags/v1.5.1', existingTags: HISTORY },
    expected: { version: '1.5.1', channel: 'release', tags: ['1.5.1', '1.5', '1'] },
  },
  {
    name: 'patch of an older minor in the current major',
    input: { ref: 'refs/tags/v2.0.1', existingTags: [...HISTORY, 'v2.1.0'] },
    expected: { version: '2.0.1', channel: 'release', tags: ['2.0.1', '2.0'] },
  },
  {
    name: 'older patch inside its own minor gets only its version',
    input: { ref: 'refs/tags/v1.4.7', existingTags: HISTORY },
    expected: { version: '1.4.7', channel: 'release', tags: ['1.4.7'] },
  },
  {
    name: 're-running the current highest release keeps latest',
    input: { ref: 'refs/tags/v2.0.0', existingTags: HISTORY },
    expected: { version: '2.0.0', channel: 'release', tags: ['2.0.0', '2.0', '2', 'latest'] },
  },
  {
    name: 'prereleases of a higher version do not take latest away',
    input: { ref: 'refs/tags/v2.0.5', existingTags: ['v2.0.0', 'v3.0.0-beta.1'] },
    expected: { version: '2.0.5', channel: 'release', tags: ['2.0.5', '2.0', '2', 'latest'] },
  },
  {
    name: 'existing tags without the v prefix count too',
    input: { ref: 'refs/tags/v1.0.1', existingTags: ['1.1.0'] },
    expected: { version: '1.0.1', channel: 'release', tags: ['1.0.1', '1.0'] },
  },
  {
    name: 'tag without v prefix',
    input: { ref: 'refs/tags/3.0.0', existingTags: [] },
    expected: { version: '3.0.0', channel: 'release', tags: ['3.0.0', '3.0', '3', 'latest'] },
  },
  {
    name: 'major zero',
    input: { ref: 'refs/tags/v0.3.0', existingTags: ['v0.2.9'] },
    expected: { version: '0.3.0', channel: 'release', tags: ['0.3.0', '0.3', '0', 'latest'] },
  },
  {
    name: 'build metadata becomes _ in tags',
    input: { ref: 'refs/tags/v1.2.3+build.7', existingTags: [] },
    expected: { version: '1.2.3+build.7', channel: 'release', tags: ['1.2.3_build.7', '1.2', '1', 'latest'] },
  },
  {
    name: 'release candidate',
    input: { ref: 'refs/tags/v1.2.3-rc.1', existingTags: HISTORY },
    expected: { version: '1.2.3-rc.1', channel: 'prerelease', tags: ['1.2.3-rc.1'] },
  },
  {
    name: 'prerelease above every release still gets only its version',
    input: { ref: 'refs/tags/v9.0.0-alpha', existingTags: [] },
    expected: { version: '9.0.0-alpha', channel: 'prerelease', tags: ['9.0.0-alpha'] },
  },
  {
    name: 'push to main',
    input: { ref: 'refs/heads/main' },
    expected: { version: 'sha-0123456', channel: 'staging', tags: ['sha-0123456', 'main'] },
  },
  {
    name: 'branch with slashes and odd characters',
    input: { ref: 'refs/heads/feature/Login@form//v2' },
    expected: { version: 'sha-0123456', channel: 'staging', tags: ['sha-0123456', 'feature-Login-form-v2'] },
  },
  {
    name: 'branch starting with a dot or dash',
    input: { ref: 'refs/heads/.-hidden' },
    expected: { version: 'sha-0123456', channel: 'staging', tags: ['sha-0123456', 'hidden'] },
  },
  {
    name: 'branch with nothing usable keeps only the sha tag',
    input: { ref: 'refs/heads/ü' },
    expected: { version: 'sha-0123456', channel: 'staging', tags: ['sha-0123456'] },
  },
  {
    name: 'upper-case sha is lowered',
    input: { ref: 'refs/heads/main', sha: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01' },
    expected: { version: 'sha-abcdef0', channel: 'staging', tags: ['sha-abcdef0', 'main'] },
  },
  {
    name: 'merge_group and schedule on a branch are staging too',
    input: { eventName: 'schedule', ref: 'refs/heads/main' },
    expected: { version: 'sha-0123456', channel: 'staging', tags: ['sha-0123456', 'main'] },
  },
  {
    name: 'dispatch on a semver tag',
    input: { eventName: 'workflow_dispatch', ref: 'refs/tags/v1.4.9', existingTags: HISTORY },
    expected: { version: '1.4.9', channel: 'hotfix', tags: ['1.4.9'] },
  },
  {
    name: 'dispatch on a branch',
    input: { eventName: 'workflow_dispatch', ref: 'refs/heads/hotfix/login' },
    expected: { version: 'hotfix-0123456', channel: 'hotfix', tags: ['hotfix-0123456'] },
  },
  {
    name: 'dispatch on a tag that is not semver',
    input: { eventName: 'workflow_dispatch', ref: 'refs/tags/deploy-me' },
    expected: { version: 'hotfix-0123456', channel: 'hotfix', tags: ['hotfix-0123456'] },
  },
  {
    name: 'pull request number from the payload',
    input: { eventName: 'pull_request', ref: 'refs/pull/42/merge', payload: { number: 42 } },
    expected: { version: 'pr-42', channel: 'preview', tags: ['pr-42'] },
  },
  {
    name: 'pull request number from payload.pull_request',
    input: { eventName: 'pull_request', ref: 'refs/heads/x', payload: { pull_request: { number: 8 } } },
    expected: { version: 'pr-8', channel: 'preview', tags: ['pr-8'] },
  },
  {
    name: 'pull request number from the ref alone',
    input: { eventName: 'pull_request', ref: 'refs/pull/17/merge', payload: {} },
    expected: { version: 'pr-17', channel: 'preview', tags: ['pr-17'] },
  },
  {
    name: 'pull_request_target',
    input: { eventName: 'pull_request_target', ref: 'refs/heads/main', payload: { number: 5 } },
    expected: { version: 'pr-5', channel: 'preview', tags: ['pr-5'] },
  },
  {
    name: 'override on a branch push',
    input: { ref: 'refs/heads/main', override: 'nightly-2024.05' },
    expected: { version: 'nightly-2024.05', channel: 'staging', tags: ['nightly-2024.05'] },
  },
  {
    name: 'semver override on a tag keeps the floating rules',
    input: { ref: 'refs/tags/release-7', override: 'v2.2.0', existingTags: HISTORY },
    expected: { version: '2.2.0', channel: 'release', tags: ['2.2.0', '2.2', '2', 'latest'] },
  },
  {
    name: 'override rescues a ref that is neither tag nor branch',
    input: { ref: 'refs/notes/commits', override: '1.0.0-beta.2' },
    expected: { version: '1.0.0-beta.2', channel: 'prerelease', tags: ['1.0.0-beta.2'] },
  },
  {
    name: 'override rescues a tag that is not semver',
    input: { ref: 'refs/tags/release-7', override: 'r7' },
    expected: { version: 'r7', channel: 'release', tags: ['r7'] },
  },
  {
    name: 'override on a pull request stays a preview',
    input: { eventName: 'pull_request', ref: 'refs/pull/3/merge', override: 'demo' },
    expected: { version: 'demo', channel: 'preview', tags: ['demo'] },
  },
  {
    name: 'override on a dispatch stays a hotfix',
    input: { eventName: 'workflow_dispatch', ref: 'refs/heads/main', override: '1.4.10' },
    expected: { version: '1.4.10', channel: 'hotfix', tags: ['1.4.10'] },
  },
  {
    name: 'blank override is ignored',
    input: { ref: 'refs/heads/main', override: '  ' },
    expected: { version: 'sha-0123456', channel: 'staging', tags: ['sha-0123456', 'main'] },
  },
];

function input(partial: Partial<VersionInput>): VersionInput {
  return { eventName: 'push', ref: 'refs/heads/main', sha: SHA, existingTags: [], ...partial };
}

describe('resolveVersion', () => {
  it.each(cases)('$name', ({ input: partial, expected }) => {
    const result = resolveVersion(input(partial));
    expect(result).toEqual(expected);
    for (const tag of result.tags) expect(isOciTag(tag), tag).toBe(true);
  });

  const failures: Array<{ name: string; input: Partial<VersionInput>; message: RegExp }> = [
    {
      name: 'tag that is not semver',
      input: { ref: 'refs/tags/release-7' },
      message: /tag "release-7" is not a semantic version.*version input/,
    },
    { name: 'partial version tag', input: { ref: 'refs/tags/v1.2' }, message: /tag "v1.2" is not a semantic version/ },
    { name: 'leading zero', input: { ref: 'refs/tags/v01.2.3' }, message: /not a semantic version/ },
    {
      name: 'notes ref',
      input: { ref: 'refs/notes/commits' },
      message: /ref "refs\/notes\/commits" is neither a semantic version tag.*nor a branch.*version input/,
    },
    { name: 'bare sha as ref', input: { ref: SHA }, message: /is neither a semantic version tag/ },
    {
      name: 'pull request without number',
      input: { eventName: 'pull_request', ref: 'refs/heads/x', payload: {} },
      message: /pull request number/,
    },
    { name: 'bad sha', input: { ref: 'refs/heads/main', sha: 'xyz' }, message: /commit "xyz" is not a commit id/ },
    { name: 'override with spaces', input: { override: 'my build' }, message: /version input "my build" cannot be an image tag/ },
    { name: 'override with leading dash', input: { override: '-x' }, message: /cannot be an image tag/ },
    { name: 'override too long', input: { override: 'a'.repeat(129) }, message: /at most 128 characters/ },
  ];
  it.each(failures)('refuses: $name', ({ input: partial, message }) => {
    let caught: unknown;
    try {
      resolveVersion(input(partial));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BuildConfigError);
    expect((caught as Error).message).toMatch(message);
  });
});

describe('parseSemverTag', () => {
  it.each([
    ['v1.2.3', '1.2.3'],
    ['1.2.3', '1.2.3'],
    ['v1.2.3-rc.1', '1.2.3-rc.1'],
    ['v1.2', null],
    ['vv1.2.3', null],
    ['=1.2.3', null],
    ['v1.2.3.4', null],
    ['latest', null],
  ])('%s -> %s', (tag, expected) => {
    expect(parseSemverTag(tag)?.version ?? null).toBe(expected);
  });
});

describe('sanitizeTag', () => {
  it.each([
    ['main', 'main'],
    ['feature/x', 'feature-x'],
    ['Feature/UPPER_case', 'Feature-UPPER_case'],
    ['a//b', 'a-b'],
    ['-lead', 'lead'],
    ['trail-', 'trail'],
    ['1.2.3+meta', '1.2.3_meta'],
    ['', ''],
    ['x'.repeat(200), 'x'.repeat(128)],
  ])('%s -> %s', (value, expected) => {
    expect(sanitizeTag(value)).toBe(expected);
  });
});
