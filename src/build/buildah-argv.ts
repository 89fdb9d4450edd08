import { join } from 'node:path';
import type { CommandLine, ImageBuildSettings } from './image-settings.js';
import { keyValueFlags } from './image-settings.js';
import { taggedReferences } from './image.js';

export interface BuildahSettings extends ImageBuildSettings {
  /** Directory for the files buildah writes back (image id, one digest file per pushed tag). */
  workDir: string;
  /** `vfs` works everywhere, root or not, without fuse-overlayfs. */
  storageDriver?: string;
  /** Storage directories; buildah's defaults when absent. Tests give temporary ones. */
  root?: string;
  runroot?: string;
  /** `chroot` needs no extra privileges or runtime. */
  isolation?: 'chroot' | 'oci' | 'rootless';
  /** false for a plain-HTTP registry (a local one in tests). */
  tlsVerify: boolean;
  /** A registry auth file (`docker login`'s config.json or REGISTRY_AUTH_FILE). */
  authFile?: string;
  /** Image format written by the build: OCI (default) or Docker v2s2. */
  format?: 'oci' | 'docker';
}

/** What runs, in order: optional cleanup (failure ignored), the build, one push per tag. */
export interface BuildahPlan {
  cleanup: CommandLine[];
  build: CommandLine;
  push: CommandLine[];
  /** Where each push writes the digest it pushed, in tag order. */
  digestFiles: string[];
  /** Where the build writes the image id (single-platform builds only). */
  iidFile?: string;
}

function globalFlags(settings: BuildahSettings): string[] {
  const flags = ['--storage-driver', settings.storageDriver ?? 'vfs'];
  if (settings.root) flags.push('--root', settings.root);
  if (settings.runroot) flags.push('--runroot', settings.runroot);
  return flags;
}

/**
 * buildah commands for these settings. A single-platform build tags an image; a multi-platform
 * build creates a manifest list named after the first tag (removed first, since buildah appends
 * to an existing list) and pushes it with `manifest push --all`.
 */
export function buildahArgv(settings: BuildahSettings): BuildahPlan {
  const global = globalFlags(settings);
  const references = taggedReferences(settings.image, settings.tags);
  const local = references[0];
  if (local === undefined) throw new Error('buildahArgv needs at least one tag');
  const multiPlatform = settings.platforms.length > 1;
  const tls = `--tls-verify=${settings.tlsVerify}`;
  const auth = settings.authFile ? ['--authfile', settings.authFile] : [];

  const build = ['bud', '--isolation', settings.isolation ?? 'chroot', tls, ...auth];
  if (settings.format) build.push('--format', settings.format);
  if (settings.file) build.push('-f', settings.file);
  if (settings.platforms.length > 0) build.push('--platform', settings.platforms.join(','));
  build.push(...keyValueFlags('--build-arg', settings.buildArgs));
  build.push(...keyValueFlags('--label', settings.labels));
  let iidFile: string | undefined;
  if (multiPlatform) {
    build.push('--manifest', local);
  } else {
    iidFile = join(settings.workDir, 'iid');
    build.push('--iidfile', iidFile);
    for (const reference of references) build.push('--tag', reference);
  }
  build.push(settings.context);

  const digestFiles = settings.push ? references.map((_, index) => join(settings.workDir, `digest-${index}`)) : [];
  const push = digestFiles.map((digestFile, index) => ({
    command: 'buildah',
    args: [
      ...global,
      ...(multiPlatform ? ['manifest', 'push', '--all'] : ['push']),
      tls,
      ...auth,
      '--digestfile',
      digestFile,
      local,
      `docker://${references[index]}`,
    ],
  }));

  return {
    cleanup: multiPlatform ? [{ command: 'buildah', args: [...global, 'manifest', 'rm', local] }] : [],
    build: { command: 'buildah', args: [...global, ...build] },
    push,
    digestFiles,
    ...(iidFile ? { iidFile } : {}),
  };
}
