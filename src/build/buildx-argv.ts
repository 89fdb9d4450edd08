import type { CommandLine, ImageBuildSettings } from './image-settings.js';
import { keyValueFlags } from './image-settings.js';
import { taggedReferences } from './image.js';

export interface BuildxSettings extends ImageBuildSettings {
  /** Where buildx writes its metadata (JSON with `containerimage.digest`). */
  metadataFile: string;
  /** A named buildx builder (`docker buildx create --name`); the current one when absent. */
  builder?: string;
}

/**
 * `docker buildx build` for these settings. Pushes with `--push`; otherwise loads the image into
 * the engine with `--load`, which a multi-platform build cannot do (the classic image store holds
 * one platform), so a multi-platform build without push only exercises the build and its cache.
 */
export function buildxArgv(settings: BuildxSettings): CommandLine {
  const args = ['buildx', 'build'];
  if (settings.builder) args.push('--builder', settings.builder);
  if (settings.file) args.push('--file', settings.file);
  if (settings.platforms.length > 0) args.push('--platform', settings.platforms.join(','));
  args.push(...keyValueFlags('--build-arg', settings.buildArgs));
  args.push(...keyValueFlags('--label', settings.labels));
  for (const reference of taggedReferences(settings.image, settings.tags)) args.push('--tag', reference);
  args.push('--metadata-file', settings.metadataFile);
  if (settings.push) args.push('--push');
  else if (settings.platforms.length <= 1) args.push('--load');
  args.push(settings.context);
  return { command: 'docker', args };
}
