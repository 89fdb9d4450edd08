import { manifestArtifact, readBuildManifest } from '../build/manifest.js';
import { errorMessage, UserError } from '../core/errors.js';

/** What a build manifest says about the artifact to deploy: the defaults of version and artifact. */
export interface ManifestDefaults {
  version: string;
  channel: string;
  artifact?: string;
  commit: string;
  ref: string;
}

export async function readManifestDefaults(path: string): Promise<ManifestDefaults> {
  try {
    const m = await readBuildManifest(path);
    return { version: m.version, channel: m.channel, artifact: manifestArtifact(m), commit: m.commit, ref: m.ref };
  } catch (err) {
    throw new UserError(`Input "manifest": ${errorMessage(err)}. Accepted: the manifest output of the build action.`);
  }
}
