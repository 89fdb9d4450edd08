import { mkdir, readFile, rm } from 'node:fs/promises';
import { buildahArgv, type BuildahSettings } from './buildah-argv.js';
import { buildxArgv, type BuildxSettings } from './buildx-argv.js';
import type { Builder } from './detect-builder.js';
import type { Exec } from '../core/exec.js';
import { execChecked } from './errors.js';
import { digestReference, taggedReferences } from './image.js';
import type { ImageRecord } from '../records/build-manifest.js';

export interface ImageBuildResult {
  builder: Builder;
  /** Digest of the pushed manifest (or index, for several platforms); absent when not pushed. */
  digest?: string;
  /** `repository@sha256:...` when pushed, else `repository:<first tag>`. */
  reference: string;
  /** Every tagged reference built (and pushed, when pushed). */
  references: string[];
  /** Local image id (config digest) where the builder reports it. */
  imageId?: string;
  pushed: boolean;
}

export interface RunOptions {
  exec: Exec;
  /** Live builder output, line by line, for the job log. */
  onLine?: (line: string) => void;
  cwd?: string;
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;

async function readDigest(path: string, what: string): Promise<string> {
  let digest: string;
  try {
    digest = (await readFile(path, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${what} succeeded but wrote no digest to ${path}`);
    throw error;
  }
  if (!DIGEST.test(digest)) throw new Error(`${what} wrote "${digest.slice(0, 100)}" to ${path}, not a sha256 digest`);
  return digest;
}

async function readOptional(path: string | undefined): Promise<string | undefined> {
  if (!path) return undefined;
  try {
    return (await readFile(path, 'utf8')).trim() || undefined;
  } catch {
    return undefined;
  }
}

function result(
  builder: Builder,
  settings: BuildahSettings | BuildxSettings,
  digest: string | undefined,
  imageId?: string,
): ImageBuildResult {
  const references = taggedReferences(settings.image, settings.tags);
  const pushed = settings.push;
  return {
    builder,
    ...(digest ? { digest } : {}),
    reference: digest ? digestReference(settings.image, digest) : (references[0] ?? settings.image),
    references,
    ...(imageId ? { imageId } : {}),
    pushed,
  };
}

/**
 * Builds with buildah and pushes every tag (when settings.push), reading the digest each push
 * wrote. All tags of one build must have the same digest; anything else is reported as an error.
 */
export async function buildWithBuildah(settings: BuildahSettings, options: RunOptions): Promise<ImageBuildResult> {
  const { exec, onLine, cwd } = options;
  const plan = buildahArgv(settings);
  await mkdir(settings.workDir, { recursive: true });
  for (const stale of [plan.iidFile, ...plan.digestFiles]) if (stale) await rm(stale, { force: true });
  for (const step of plan.cleanup) await exec.argv(step.command, step.args, { cwd, onLine: null });
  await execChecked(exec, plan.build.command, plan.build.args, { cwd, onLine, label: 'buildah bud' });
  const imageId = await readOptional(plan.iidFile);

  const digests: string[] = [];
  for (const [index, step] of plan.push.entries()) {
    const label = step.args.includes('manifest') ? 'buildah manifest push' : 'buildah push';
    await execChecked(exec, step.command, step.args, { cwd, onLine, label: `${label} ${settings.tags[index]}` });
    digests.push(await readDigest(plan.digestFiles[index] as string, 'buildah push'));
  }
  const distinct = [...new Set(digests)];
  if (distinct.length > 1) {
    const pairs = settings.tags.map((tag, index) => `${tag}=${digests[index]}`).join(', ');
    throw new Error(`the tags of one build were pushed with different digests (${pairs})`);
  }
  return result('buildah', settings, distinct[0], imageId);
}

/** Builds with `docker buildx build` and reads the digest from its metadata file. */
export async function buildWithBuildx(settings: BuildxSettings, options: RunOptions): Promise<ImageBuildResult> {
  const { exec, onLine, cwd } = options;
  const line = buildxArgv(settings);
  await execChecked(exec, line.command, line.args, { cwd, onLine, label: 'docker buildx build' });
  const metadata = JSON.parse(await readFile(settings.metadataFile, 'utf8')) as Record<string, unknown>;
  const digest = metadata['containerimage.digest'];
  const config = metadata['containerimage.config.digest'];
  if (settings.push && (typeof digest !== 'string' || !DIGEST.test(digest))) {
    throw new Error(`docker buildx pushed the image but its metadata file ${settings.metadataFile} has no containerimage.digest`);
  }
  return result('buildx', settings, settings.push ? (digest as string) : undefined, typeof config === 'string' ? config : undefined);
}

/** The manifest's `image` record for a build. */
export function imageRecord(build: ImageBuildResult, settings: { image: string; platforms: readonly string[] }): ImageRecord {
  return {
    repository: settings.image,
    reference: build.reference,
    ...(build.digest ? { digest: build.digest } : {}),
    tags: build.references,
    ...(settings.platforms.length ? { platforms: [...settings.platforms] } : {}),
    pushed: build.pushed,
  };
}
