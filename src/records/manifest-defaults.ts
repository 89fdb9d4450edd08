import { manifestArtifact, readBuildManifest } from './build-manifest.js';
import { ARTIFACT_FORM, artifactField, VERSION_FORM, versionField } from '../core/common-fields.js';
import { errorMessage, UserError } from '../core/errors.js';
import * as f from '../core/fields.js';
import type { Field } from '../core/fields.js';

/**
 * What a build manifest says about the artifact to deploy: the defaults of version and artifact,
 * and the commit that was checked out and built (the one every record names).
 */
export interface ManifestDefaults {
  version: string;
  channel: string;
  artifact?: string;
  commit: string;
  ref: string;
}

const MANIFEST_FORM = 'the manifest output of the build action';
const REF_FORM = 'a git ref (refs/heads/main, refs/tags/v1.2.3) on one line';
/** The ref goes into the records as it is: one line, no control characters. */
const REF_FIELD = f.string({ pattern: /^[^\p{Cc}\s][^\p{Cc}]{0,254}$/u, form: REF_FORM });

/**
 * Reads a build manifest given as the `manifest` input. Every value taken from it is checked as
 * strictly as the input it stands for (`version`, `artifact`), before anything is done with it: a
 * manifest is a file anyone with write access to the workspace can change.
 */
export async function readManifestDefaults(path: string): Promise<ManifestDefaults> {
  let m;
  try {
    m = await readBuildManifest(path);
  } catch (err) {
    throw new UserError(`Input "manifest": ${errorMessage(err)}. Accepted: ${MANIFEST_FORM}.`);
  }
  const version = check(path, 'version', m.version, versionField(true), VERSION_FORM);
  const raw = manifestArtifact(m);
  const artifact =
    raw === undefined ? undefined : check(path, m.image ? 'image.reference' : 'archive.path', raw, artifactField(), ARTIFACT_FORM);
  const ref = check(path, 'ref', m.ref, REF_FIELD, REF_FORM);
  return { version, channel: m.channel, ...(artifact !== undefined ? { artifact } : {}), commit: m.commit, ref };
}

/** One value of the manifest through the field of the input it stands for; the error names both. */
function check(path: string, key: string, value: string, field: Field<string>, form: string): string {
  const result = field.schema.safeParse(value);
  if (result.success) return result.data;
  const problem = result.error.issues[0]?.message ?? 'is not valid';
  throw new UserError(`Input "manifest": build manifest ${path}, field "${key}": ${problem}. Accepted: ${form}.`);
}
