import { join } from 'node:path';
import { buildahArgv, type BuildahSettings } from './buildah-argv.js';
import { buildxArgv, type BuildxSettings } from './buildx-argv.js';
import type { Builder } from './detect-builder.js';
import type { CommandLine, ImageBuildSettings } from './image-settings.js';
import { parseImageName } from './image.js';

/** Everything the action knows about the image build, before choosing a builder. */
export interface ImagePlanInput extends ImageBuildSettings {
  /** Directory for files the builders write back (digests, metadata, auth file). */
  workDir: string;
  /** A registry auth file for buildah (written from registry-username/-password). */
  authFile?: string;
}

/**
 * Registries on the loopback interface are spoken to over plain HTTP, as the Docker engine does
 * by default (127.0.0.0/8 is an insecure registry there); every other registry needs TLS.
 */
export function isLoopbackRegistry(registry: string | undefined): boolean {
  if (!registry) return false;
  const host = registry.split(':')[0] ?? '';
  return host === 'localhost' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The registry host an image is pushed to (`docker.io` for Docker Hub short names). */
export function registryHost(image: string): string {
  return parseImageName(image).registry ?? 'docker.io';
}

export function buildahSettings(input: ImagePlanInput): BuildahSettings {
  const { authFile, workDir, ...common } = input;
  return {
    ...common,
    workDir,
    storageDriver: 'vfs',
    isolation: 'chroot',
    tlsVerify: !isLoopbackRegistry(parseImageName(input.image).registry),
    ...(authFile ? { authFile } : {}),
  };
}

export function buildxSettings(input: ImagePlanInput): BuildxSettings {
  const { authFile: _authFile, workDir, ...common } = input;
  return { ...common, metadataFile: join(workDir, 'buildx-metadata.json') };
}

/** The exact commands a builder will run for this plan, in order (for dry-run and the log). */
export function imageCommandLines(builder: Builder, input: ImagePlanInput): CommandLine[] {
  if (builder === 'buildx') return [buildxArgv(buildxSettings(input))];
  const plan = buildahArgv(buildahSettings(input));
  return [...plan.cleanup, plan.build, ...plan.push];
}

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** A command line as one could paste it into sh: arguments quoted where needed. */
export function shellLine(line: CommandLine): string {
  return [line.command, ...line.args].map((arg) => (SAFE.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}
