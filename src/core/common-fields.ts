import * as f from './fields.js';

/** Inputs every action has (README, "Conventions every action follows"). */
export const commonFields = {
  config: f.string({ form: 'a path to a YAML config file', configurable: false }),
  'dry-run': f.bool({ default: false }),
};

/** For the actions that call GitHub. */
export const githubFields = {
  'github-token': f.string({ form: 'a GitHub token (default: github.token), on one line', secret: true, line: true, configurable: false }),
};

/** The name of a GitHub environment (also each name in the gate's require-successful). */
export const ENVIRONMENT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,254}$/;

/** The name of a GitHub environment. */
export const environmentField = <R extends boolean>(required: R) =>
  f.string({
    required,
    pattern: ENVIRONMENT_PATTERN,
    form: 'an environment name of letters, digits, ".", "_", "-" and spaces',
  });

export const VERSION_FORM = 'a version of letters, digits, ".", "_", "+" and "-" (1.2.3, sha-abc1234), at most 128 characters';

/** A version as deploy, canary, rollback and gate take it (never anything a shell would read). */
export const versionField = <R extends boolean>(required: R) => f.string({ required, pattern: VERSION_PATTERN, form: VERSION_FORM });

/**
 * The one version rule, for every action and every version read back from a deployment record:
 * letters, digits, ".", "_", "+" and "-", not starting with ".", "+" or "-", 1 to 128 characters.
 * The build action adds its own image-tag rule on top (a version it tags an image with must be a tag
 * as written: no "--", no "." or "-" at the end), so every version it makes passes this one.
 */
export const VERSION_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._+-]{0,127}$/;

export const isVersion = (value: string): boolean => VERSION_PATTERN.test(value);

export const ARTIFACT_FORM = 'an image reference (repo@sha256:...) or an archive path, on one line, at most 1024 characters';

/** What deploy and canary run: an image reference or an archive path (one line, no control characters). */
export const artifactField = () => f.string({ pattern: /^[^\p{Cc}]{1,1024}$/u, form: ARTIFACT_FORM });
