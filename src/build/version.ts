import semver, { type SemVer } from 'semver';
import { BuildConfigError } from './errors.js';
import { isOciTag, sanitizeTag } from '../core/oci-tag.js';
import type { Channel } from '../records/build-manifest.js';

export { listGitTags, listRemoteTags } from './git-tags.js';

export { CHANNELS, type Channel } from '../records/build-manifest.js';

export interface VersionInput {
  /** `GITHUB_EVENT_NAME`: push, pull_request, workflow_dispatch, ... */
  eventName: string;
  /** `GITHUB_REF`: refs/tags/v1.2.3, refs/heads/main, refs/pull/7/merge. */
  ref: string;
  /** `GITHUB_SHA`, the full commit id. */
  sha: string;
  /** The event payload (`GITHUB_EVENT_PATH`); pull_request events carry `number`. */
  payload?: Record<string, unknown>;
  /** Every tag of the repository, to decide whether a release takes the floating tags. */
  existingTags: readonly string[];
  /** The `version` input: replaces the computed version. */
  override?: string;
}

export interface ResolvedVersion {
  version: string;
  channel: Channel;
  /** Image tags (tag part only, valid OCI tags), most specific first. */
  tags: string[];
}

const TAG_PREFIX = 'refs/tags/';
const BRANCH_PREFIX = 'refs/heads/';
const PULL_REF = /^refs\/pull\/(\d+)\/(?:merge|head)$/;

/** `v1.2.3` or `1.2.3` (strict SemVer 2.0 after an optional `v`) -> the parsed version, else null. */
export function parseSemverTag(tag: string): SemVer | null {
  const bare = tag.startsWith('v') ? tag.slice(1) : tag;
  if (!/^\d/.test(bare)) return null;
  const parsed = semver.parse(bare);
  return parsed && parsed.raw === bare ? parsed : null;
}

function fullVersion(v: SemVer): string {
  return v.build.length ? `${v.version}+${v.build.join('.')}` : v.version;
}

function shortSha(sha: string): string {
  if (!/^[0-9a-fA-F]{7,64}$/.test(sha)) {
    throw new BuildConfigError(`commit "${sha}" is not a commit id (expected 7 to 64 hexadecimal characters, as GITHUB_SHA)`);
  }
  return sha.slice(0, 7).toLowerCase();
}

/**
 * Tags of a release version: `X.Y.Z` always; `X.Y`, `X` and `latest` only while no existing release
 * is higher in that line. A hotfix v1.4.9 tagged after v2.0.0 gets `1.4.9`, `1.4`, `1` but never
 * `2` or `latest`.
 */
export function releaseTags(version: SemVer, existingTags: readonly string[]): string[] {
  const releases = existingTags.map(parseSemverTag).filter((v): v is SemVer => v !== null && v.prerelease.length === 0);
  const outranked = (sameLine: (other: SemVer) => boolean) => releases.some((other) => sameLine(other) && semver.gt(other, version));
  const tags = [sanitizeTag(fullVersion(version))];
  if (!outranked((o) => o.major === version.major && o.minor === version.minor)) {
    tags.push(`${version.major}.${version.minor}`);
  }
  if (!outranked((o) => o.major === version.major)) tags.push(`${version.major}`);
  if (!outranked(() => true)) tags.push('latest');
  return tags;
}

function fromSemver(v: SemVer, existingTags: readonly string[]): ResolvedVersion {
  if (v.prerelease.length > 0) {
    return { version: fullVersion(v), channel: 'prerelease', tags: [sanitizeTag(fullVersion(v))] };
  }
  return { version: fullVersion(v), channel: 'release', tags: releaseTags(v, existingTags) };
}

function pullRequestNumber(ref: string, payload: Record<string, unknown> | undefined): number | null {
  const candidates = [payload?.['number'], (payload?.['pull_request'] as Record<string, unknown> | undefined)?.['number']];
  for (const candidate of candidates) {
    if (typeof candidate === 'number' && Number.isInteger(candidate) && candidate > 0) return candidate;
  }
  const match = PULL_REF.exec(ref);
  return match ? Number(match[1]) : null;
}

function tagVersion(ref: string): SemVer | null {
  return ref.startsWith(TAG_PREFIX) ? parseSemverTag(ref.slice(TAG_PREFIX.length)) : null;
}

/** The version the event itself gives, or a BuildConfigError saying why there is none. */
function fromEvent(input: VersionInput): ResolvedVersion {
  const { eventName, ref } = input;
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const number = pullRequestNumber(ref, input.payload);
    if (number === null) {
      throw new BuildConfigError(
        `cannot tell the pull request number: the ${eventName} event payload ` +
          `has no "number" and ref "${ref}" is not refs/pull/<number>/merge`,
      );
    }
    return { version: `pr-${number}`, channel: 'preview', tags: [`pr-${number}`] };
  }
  if (eventName === 'workflow_dispatch') {
    const tagged = tagVersion(ref);
    if (tagged) {
      const version = fullVersion(tagged);
      return { version, channel: 'hotfix', tags: [sanitizeTag(version)] };
    }
    const version = `hotfix-${shortSha(input.sha)}`;
    return { version, channel: 'hotfix', tags: [version] };
  }
  if (ref.startsWith(TAG_PREFIX)) {
    const tagged = tagVersion(ref);
    if (!tagged) {
      throw new BuildConfigError(
        `tag "${ref.slice(TAG_PREFIX.length)}" is not a semantic version: release ` +
          `tags look like v1.2.3 or v1.2.3-rc.1; set the version input to build it anyway`,
      );
    }
    return fromSemver(tagged, input.existingTags);
  }
  if (ref.startsWith(BRANCH_PREFIX)) {
    const version = `sha-${shortSha(input.sha)}`;
    const branchTag = sanitizeTag(ref.slice(BRANCH_PREFIX.length));
    const tags = branchTag && branchTag !== version ? [version, branchTag] : [version];
    return { version, channel: 'staging', tags };
  }
  throw new BuildConfigError(
    `ref "${ref}" is neither a semantic version tag (refs/tags/v1.2.3) nor a ` +
      `branch (refs/heads/NAME), so no version follows from it; set the version input`,
  );
}

/**
 * Channel of an overridden version: pull requests stay previews, dispatches hotfixes, branch pushes
 * staging; on a tag (or any other ref) a semantic version decides release or prerelease, and a
 * version that is not one is a release on a tag, staging elsewhere.
 */
function overrideChannel(input: VersionInput, parsed: SemVer | null): Channel {
  if (input.eventName === 'pull_request' || input.eventName === 'pull_request_target') return 'preview';
  if (input.eventName === 'workflow_dispatch') return 'hotfix';
  if (input.ref.startsWith(BRANCH_PREFIX)) return 'staging';
  if (parsed) return parsed.prerelease.length ? 'prerelease' : 'release';
  return input.ref.startsWith(TAG_PREFIX) ? 'release' : 'staging';
}

/** The `version` input wins over the event: its channel comes from the event where one applies. */
function fromOverride(input: VersionInput, override: string): ResolvedVersion {
  const parsed = parseSemverTag(override);
  const version = parsed ? fullVersion(parsed) : override;
  const tag = sanitizeTag(version);
  if (tag !== version.replace(/\+/g, '_') || !isOciTag(tag)) {
    const problem =
      `input "${override}" cannot be an image tag: use letters, digits, "_", "." and "-" ` +
      `(and "+" in a semantic version), at most 128 characters, not starting with "." or "-"`;
    throw new BuildConfigError(`version ${problem}`, { input: 'version', problem });
  }
  const channel = overrideChannel(input, parsed);
  if (channel === 'release' && parsed) return { version, channel, tags: releaseTags(parsed, input.existingTags) };
  return { version, channel, tags: [tag] };
}

/** Version, channel and image tags for this event (the table in actions/build/README.md, "What it does"). */
export function resolveVersion(input: VersionInput): ResolvedVersion {
  const override = input.override?.trim();
  if (override) return fromOverride(input, override);
  return fromEvent(input);
}
