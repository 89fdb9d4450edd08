/** A program and its argv: what a builder runs, as plain data a table test can compare. */
export interface CommandLine {
  command: string;
  args: string[];
}

/** What both image builders need; every field already validated (image by parseImageName, platforms by parsePlatforms). */
export interface ImageBuildSettings {
  /** Repository without tag: `ghcr.io/acme/web`. */
  image: string;
  /** Tag names from resolveVersion: `1.2.3`, `1.2`, `latest`. */
  tags: readonly string[];
  /** Build context directory. */
  context: string;
  /** Dockerfile/Containerfile path; the builder's default when absent. */
  file?: string;
  /** `linux/amd64`...; the builder's default (the machine's) when empty. */
  platforms: readonly string[];
  labels: Readonly<Record<string, string>>;
  buildArgs: Readonly<Record<string, string>>;
  push: boolean;
}

export interface OciLabelFacts {
  /** Repository URL: `https://github.com/acme/web`. */
  source?: string;
  revision: string;
  version: string;
  created: Date;
  title?: string;
}

/** The org.opencontainers.image.* labels shipline puts on every image. */
export function ociLabels(facts: OciLabelFacts): Record<string, string> {
  const labels: Record<string, string> = {};
  if (facts.source) labels['org.opencontainers.image.source'] = facts.source;
  labels['org.opencontainers.image.revision'] = facts.revision;
  labels['org.opencontainers.image.version'] = facts.version;
  labels['org.opencontainers.image.created'] = facts.created.toISOString();
  if (facts.title) labels['org.opencontainers.image.title'] = facts.title;
  return labels;
}

/** `--flag k=v` for every entry, in the record's order. */
export function keyValueFlags(flag: string, values: Readonly<Record<string, string>>): string[] {
  return Object.entries(values).flatMap(([key, value]) => [flag, `${key}=${value}`]);
}
