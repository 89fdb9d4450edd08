/** An OCI/Docker tag: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`. */
export const OCI_TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

export function isOciTag(value: string): boolean {
  return OCI_TAG_PATTERN.test(value);
}

/**
 * Turns a branch name or version into a valid tag that still reads like the original:
 * `feature/Login-form` -> `feature-Login-form`, `1.2.3+build.7` -> `1.2.3_build.7`. Characters a
 * tag cannot hold become `-`, runs of `-` collapse, leading `.`/`-` and trailing `-`/`.` go, and the
 * result is cut to 128 characters. Returns '' when nothing usable is left.
 */
export function sanitizeTag(value: string): string {
  let tag = value
    .replace(/\+/g, '_')
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+/, '');
  tag = tag.slice(0, 128).replace(/[.-]+$/, '');
  return tag;
}
