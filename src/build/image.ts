import { BuildConfigError } from './errors.js';

/**
 * An image repository as the `image` input names it: `[registry/]path`, without tag or digest
 * (shipline computes the tags). Grammar of github.com/distribution/reference: the registry may be
 * a host name with a port, `localhost`, or an IP; path components are lowercase.
 */
export interface ImageName {
  /** `ghcr.io`, `127.0.0.1:5000`, or undefined for Docker Hub short names. */
  registry?: string;
  /** `acme/web`. */
  path: string;
  /** The whole name as given: `ghcr.io/acme/web`. */
  name: string;
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = /^(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])$/;
const PORT = /^\d{1,5}$/;
const ACCEPTED = 'accepted form: [registry[:port]/]name[/name...] in lowercase, e.g. ghcr.io/acme/web';

function looksLikeRegistry(first: string): boolean {
  return first.includes('.') || first.includes(':') || first === 'localhost';
}

function validRegistry(registry: string): boolean {
  const [host = '', port, extra] = registry.split(':');
  if (extra !== undefined) return false;
  if (port !== undefined && (!PORT.test(port) || Number(port) > 65535)) return false;
  return host.split('.').every((part) => DOMAIN_COMPONENT.test(part));
}

/** Parses and validates the `image` input; throws BuildConfigError with the reason and the accepted form. */
export function parseImageName(input: string): ImageName {
  const name = input.trim();
  const refuse = (problem: string): never => {
    throw new BuildConfigError(`image "${name}" ${problem} (${ACCEPTED})`, { input: 'image', problem: `"${name}" ${problem}` });
  };
  if (name === '') refuse('is empty');
  if (name.includes('@')) refuse('must not carry a digest: shipline pushes the image and reports its digest');
  const parts = name.split('/');
  const first = parts[0] ?? '';
  const registry = parts.length > 1 && looksLikeRegistry(first) ? first : undefined;
  const pathParts = registry ? parts.slice(1) : parts;
  const last = pathParts[pathParts.length - 1] ?? '';
  if (last.includes(':')) refuse('must not carry a tag: tags are computed from the version (use the version input to choose one)');
  if (registry && !validRegistry(registry)) refuse(`has an invalid registry host "${registry}"`);
  if (pathParts.length === 0 || pathParts.some((part) => part === '')) refuse('has an empty path component');
  for (const part of pathParts) {
    if (PATH_COMPONENT.test(part)) continue;
    if (PATH_COMPONENT.test(part.toLowerCase())) refuse('is not valid: repository names must be lowercase');
    refuse(`has an invalid path component "${part}": use lowercase letters, digits and single separators . _ __ -`);
  }
  if (name.length > 255) refuse('is longer than 255 characters');
  return { ...(registry ? { registry } : {}), path: pathParts.join('/'), name };
}

/** `repo:tag` for each tag. */
export function taggedReferences(image: string, tags: readonly string[]): string[] {
  return tags.map((tag) => `${image}:${tag}`);
}

/** `repo@sha256:...`: the immutable reference later stages deploy. */
export function digestReference(image: string, digest: string): string {
  return `${image}@${digest}`;
}

/** Architectures (and their variants) that image builders and registries know, per OS, in display order. */
const KNOWN_PLATFORMS: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>> = new Map([
  [
    'linux',
    new Map<string, readonly string[]>([
      ['amd64', ['v1', 'v2', 'v3', 'v4']],
      ['arm64', ['v8', 'v9']],
      ['arm', ['v5', 'v6', 'v7', 'v8']],
      ['386', []],
      ['ppc64le', []],
      ['s390x', []],
      ['riscv64', []],
      ['mips64le', []],
      ['mips64', []],
      ['loong64', []],
    ]),
  ],
  [
    'windows',
    new Map<string, readonly string[]>([
      ['amd64', []],
      ['arm64', []],
    ]),
  ],
]);

function acceptedPlatforms(): string {
  return [...KNOWN_PLATFORMS].flatMap(([os, arches]) => [...arches.keys()].map((arch) => `${os}/${arch}`)).join(', ');
}

/**
 * Validates `platforms` (comma- or newline-separated, or a list) as `os/arch[/variant]` from the
 * known list; returns them trimmed and without duplicates. Empty input means the builder's default.
 */
export function parsePlatforms(input: string | readonly string[]): string[] {
  const items = (typeof input === 'string' ? input.split(/[\n,]/) : [...input]).map((item) => item.trim()).filter(Boolean);
  const result: string[] = [];
  for (const item of items) {
    const [os = '', arch = '', variant, extra] = item.split('/');
    const arches = KNOWN_PLATFORMS.get(os);
    const variants = arches?.get(arch);
    const problem =
      extra !== undefined || !arch
        ? 'is not of the form os/arch[/variant]'
        : !arches
          ? `names an unknown operating system "${os}"`
          : !variants
            ? `names an unknown architecture "${arch}" for ${os}`
            : variant !== undefined && !variants.includes(variant)
              ? `names an unknown variant "${variant}" for ` +
                `${os}/${arch}${variants.length ? ` (known: ${variants.join(', ')})` : ' (it has none)'}`
              : null;
    if (problem) {
      throw new BuildConfigError(`platform "${item}" ${problem}; accepted: os/arch[/variant] with ${acceptedPlatforms()}`, {
        input: 'platforms',
        problem: `platform "${item}" ${problem}`,
      });
    }
    if (!result.includes(item)) result.push(item);
  }
  return result;
}
