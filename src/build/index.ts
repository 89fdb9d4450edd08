/** The build action's library: version rules, image builders, archive, manifest. */
export { packArchive, matchFiles, sourceDateEpoch, type ArchiveOptions, type ArchiveResult } from './archive.js';
export { buildahArgv, type BuildahPlan, type BuildahSettings } from './buildah-argv.js';
export { buildxArgv, type BuildxSettings } from './buildx-argv.js';
export { buildWithBuildah, buildWithBuildx, imageRecord, type ImageBuildResult, type RunOptions } from './container.js';
export { detectBuilder, type Builder, type BuilderChoice } from './detect-builder.js';
export { BuildConfigError, CommandError } from './errors.js';
export { execChecked } from './errors.js';
export { listGitTags, listRemoteTags } from './git-tags.js';
export { ociLabels, type CommandLine, type ImageBuildSettings, type OciLabelFacts } from './image-settings.js';
export { digestReference, parseImageName, parsePlatforms, taggedReferences, type ImageName } from './image.js';
export {
  buildManifestSchema,
  manifestArtifact,
  parseBuildManifest,
  readBuildManifest,
  writeBuildManifest,
  type ArchiveRecord,
  type BuildManifest,
  type ImageRecord,
} from '../records/build-manifest.js';
export { isOciTag, sanitizeTag, OCI_TAG_PATTERN } from '../core/oci-tag.js';
export { CHANNELS, parseSemverTag, releaseTags, resolveVersion, type Channel, type ResolvedVersion, type VersionInput } from './version.js';
