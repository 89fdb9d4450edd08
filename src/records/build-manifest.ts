import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describeSyntaxProblem, jsonSyntaxProblem } from '../core/parse-errors.js';
import { z } from 'zod';
import { BuildConfigError } from '../core/errors.js';
import { OCI_TAG_PATTERN } from '../core/oci-tag.js';

/** Where a build is headed, from the event that started it (actions/build/README.md, "What it does"). */
export type Channel = 'release' | 'prerelease' | 'staging' | 'hotfix' | 'preview';
export const CHANNELS: readonly Channel[] = ['release', 'prerelease', 'staging', 'hotfix', 'preview'];

/**
 * The build manifest: what build made, so every later stage deploys exactly this artifact.
 * Written as JSON by the build action (output `manifest`), read back by deploy, canary, rollback.
 */
const sha256Digest = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected sha256: followed by 64 lowercase hex digits');

const imageSchema = z.object({
  /** `ghcr.io/acme/web`. */
  repository: z.string().min(1),
  /** `repository@sha256:...` once pushed; `repository:<first tag>` for a local build. */
  reference: z.string().min(1),
  digest: sha256Digest.optional(),
  /** Full tagged references: `ghcr.io/acme/web:1.2.3`. */
  tags: z.array(z.string().min(1)),
  platforms: z.array(z.string().min(1)).optional(),
  pushed: z.boolean(),
});

const archiveSchema = z.object({
  path: z.string().min(1),
  sha256: sha256Digest,
  bytes: z.number().int().nonnegative(),
  /** How many files the archive holds. */
  files: z.number().int().nonnegative(),
});

export const buildManifestSchema = z
  .object({
    schemaVersion: z.literal(1),
    version: z.string().min(1),
    channel: z.enum(CHANNELS),
    commit: z.string().regex(/^[0-9a-f]{7,64}$/, 'expected a lowercase hex commit id'),
    ref: z.string().min(1),
    /** Tag names computed from the version, whether or not an image was built. */
    tags: z.array(z.string().regex(OCI_TAG_PATTERN, 'expected a valid image tag')),
    image: imageSchema.optional(),
    archive: archiveSchema.optional(),
    builtAt: z.iso.datetime({ offset: true }),
    sbom: z.string().min(1).optional(),
  })
  .superRefine((manifest, ctx) => {
    const image = manifest.image;
    if (!image) return;
    if (image.pushed && !image.digest) {
      ctx.addIssue({ code: 'custom', path: ['image', 'digest'], message: 'a pushed image needs its digest' });
    }
    if (image.digest && image.reference !== `${image.repository}@${image.digest}`) {
      ctx.addIssue({ code: 'custom', path: ['image', 'reference'], message: 'must be repository@digest' });
    }
  });

export type BuildManifest = z.infer<typeof buildManifestSchema>;
export type ImageRecord = z.infer<typeof imageSchema>;
export type ArchiveRecord = z.infer<typeof archiveSchema>;

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`).join('; ');
}

/** Validates JSON text as a build manifest; `source` names it in errors (a path). */
export function parseBuildManifest(text: string, source: string): BuildManifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // Never the parser's message: it quotes the file's first bytes, whatever file the path names.
    throw new BuildConfigError(`build manifest ${source} is not JSON: ${describeSyntaxProblem(jsonSyntaxProblem(error, text))}`);
  }
  const result = buildManifestSchema.safeParse(data);
  if (!result.success) {
    throw new BuildConfigError(`build manifest ${source} is not valid: ${describeIssues(result.error)}`);
  }
  return result.data;
}

/** Reads and validates a manifest written by writeBuildManifest. */
export async function readBuildManifest(path: string): Promise<BuildManifest> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new BuildConfigError(
        `build manifest ${path} does not exist: pass the manifest output ` +
          `of the build step (and download it when it comes from another job)`,
      );
    }
    throw error;
  }
  return parseBuildManifest(text, path);
}

/** Validates and writes the manifest as indented JSON, creating its directory. */
export async function writeBuildManifest(path: string, manifest: BuildManifest): Promise<void> {
  const result = buildManifestSchema.safeParse(manifest);
  if (!result.success) throw new Error(`refusing to write an invalid build manifest: ${describeIssues(result.error)}`);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(result.data, null, 2)}\n`);
}

/** What later stages deploy: the image reference (by digest once pushed), else the archive path. */
export function manifestArtifact(manifest: BuildManifest): string | undefined {
  return manifest.image?.reference ?? manifest.archive?.path;
}
